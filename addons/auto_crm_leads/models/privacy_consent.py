from odoo import api, fields, models
from odoo.exceptions import AccessError

# What a consent says, as the suite reads it: given and withdrawn are the
# customer's explicit answers; anything else (never asked, asked by e-mail
# and not answered) is no consent.
STATUSES = [
    ("pending", "Not answered"),
    ("given", "Given"),
    ("withdrawn", "Withdrawn"),
]


class PrivacyConsent(models.Model):
    """OCA's consent, one per customer x purpose x channel: the current state,
    kept by the system from the consent history (``auto.consent.event``),
    which is the only way to change it."""

    _inherit = "privacy.consent"

    auto_channel_id = fields.Many2one(
        "auto.contact.channel",
        string="Channel",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "auto_crm_leads.auto_contact_channel_email", raise_if_not_found=False
        ),
    )
    company_id = fields.Many2one(
        related="activity_id.company_id", store=True, index=True
    )
    auto_is_marketing = fields.Boolean(
        related="activity_id.auto_is_marketing", string="Marketing", store=True
    )
    auto_status = fields.Selection(
        STATUSES,
        string="Consent",
        compute="_compute_auto_status",
        store=True,
    )
    auto_event_id = fields.Many2one(
        "auto.consent.event", string="Last Record", readonly=True, copy=False
    )
    auto_event_ids = fields.One2many(
        "auto.consent.event", "consent_id", string="History", readonly=True
    )
    auto_date = fields.Datetime(related="auto_event_id.date", string="Date", store=True)
    auto_source = fields.Selection(
        related="auto_event_id.source", string="Source", store=True
    )
    auto_user_id = fields.Many2one(
        related="auto_event_id.user_id", string="Recorded By"
    )
    auto_text_id = fields.Many2one(
        related="auto_event_id.text_id", string="Text Version"
    )

    _sql_constraints = [
        (
            "unique_partner_activity",
            "UNIQUE(partner_id, activity_id, auto_channel_id)",
            "A customer has one consent per purpose and channel.",
        ),
    ]

    @api.depends("state", "accepted")
    def _compute_auto_status(self):
        for consent in self:
            if consent.state != "answered":
                consent.auto_status = "pending"
            else:
                consent.auto_status = "given" if consent.accepted else "withdrawn"

    @api.model_create_multi
    def create(self, vals_list):
        # A request (OCA's draft) may be created by a data officer; an answer
        # only comes from the history.
        if not self.env.su and any(
            vals.get("accepted") or vals.get("state", "draft") != "draft"
            for vals in vals_list
        ):
            raise AccessError(self._auto_decision_error())
        return super().create(vals_list)

    def write(self, vals):
        # Users archive a consent or (OCA, sending the request by e-mail) mark
        # it sent; everything else is the system's, from the history.
        free = {"active", "state", "message_main_attachment_id"}
        if not self.env.su and (
            set(vals) - free or vals.get("state", "sent") != "sent"
        ):
            raise AccessError(self._auto_decision_error())
        return super().write(vals)

    def _auto_decision_error(self):
        return self.env._(
            "A consent changes only by recording the customer's decision "
            "(Record Consent, Withdraw): its history is kept."
        )

    def action_answer(self, answer, metadata=False):
        """The customer's answer through OCA's accept/reject link: recorded in
        the history like any other decision."""
        self.env["auto.consent.event"].sudo().create(
            [
                {
                    "partner_id": consent.partner_id.id,
                    "activity_id": consent.activity_id.id,
                    "channel_id": consent.auto_channel_id.id,
                    "decision": "given" if answer else "withdrawn",
                    "source": "portal",
                    "metadata": metadata,
                }
                for consent in self
            ]
        )

    def action_auto_withdraw(self):
        """One click: the customer withdraws this consent."""
        self.env["auto.consent.event"].create(
            [
                {
                    "partner_id": consent.partner_id.id,
                    "activity_id": consent.activity_id.id,
                    "channel_id": consent.auto_channel_id.id,
                    "decision": "withdrawn",
                    "source": self.env.context.get("auto_consent_source", "staff"),
                }
                for consent in self.filtered(lambda c: c.auto_status == "given")
            ]
        )
        return True

    def action_auto_view_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_crm_leads.auto_consent_event_action"
        )
        action["domain"] = [("consent_id", "=", self.id)]
        action["context"] = {}
        return action
