from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.auto_loyalty.models.res_partner import RFM_SEGMENTS

# The purpose club invitations serve (the register of purposes).
PURPOSE = "auto_crm_leads.privacy_activity_club_events"


class AutoClubInviteWizard(models.TransientModel):
    """Invite a segment of customers to a club event (活动邀约)."""

    _name = "auto.club.invite.wizard"
    _description = "Invite Customers to a Club Event"

    event_id = fields.Many2one("event.event", string="Event", required=True)
    club_ids = fields.Many2many("auto.club", string="Club Members Of")
    tier_ids = fields.Many2many("auto.loyalty.tier", string="Member Tiers")
    rfm_segment = fields.Selection(RFM_SEGMENTS, string="Customer Segment")
    state_ids = fields.Many2many("res.country.state", string="Regions")
    model_ids = fields.Many2many("fleet.vehicle.model", string="Vehicle Models")
    # SMS first: Chinese car owners read their SMS, few their e-mail.
    channel = fields.Selection(
        [("sms", "SMS"), ("email", "E-mail")], required=True, default="sms"
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain=[("model", "=", "auto.club.invitation")],
        default=lambda self: self.env.ref(
            "auto_club.mail_template_club_invitation", raise_if_not_found=False
        ),
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="SMS Template",
        domain=[("model", "=", "auto.club.invitation")],
        default=lambda self: self.env.ref(
            "auto_club.sms_template_club_invitation", raise_if_not_found=False
        ),
    )
    partner_count = fields.Integer(
        compute="_compute_partner_count", string="Customers to Invite"
    )
    skipped_count = fields.Integer(
        compute="_compute_partner_count",
        string="Skipped (Consent)",
        help="Customers of the segment not invited: no consent to club events "
        "on the channel, on the opt-out list, or no address on the channel.",
    )
    skipped_message = fields.Text(
        compute="_compute_partner_count", string="Skipped Customers"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        event = self.env["event.event"].browse(
            values.get("event_id")
            or (
                context.get("active_model") == "event.event"
                and context.get("active_id")
            )
        )
        if event and "event_id" in fields_list:
            values["event_id"] = event.id
            if event.auto_club_id and "club_ids" in fields_list:
                values["club_ids"] = [fields.Command.set(event.auto_club_id.ids)]
        return values

    def _partner_domain(self):
        """Who the segment is: eligible for the event, not invited yet
        (whether they may be invited on the channel is _auto_consent_check's)."""
        self.ensure_one()
        domain = list(self.event_id._auto_eligible_partner_domain())
        if self.club_ids:
            domain.append(
                (
                    "auto_club_member_ids",
                    "any",
                    [("club_id", "in", self.club_ids.ids), ("state", "=", "active")],
                )
            )
        if self.tier_ids:
            domain.append(
                (
                    "auto_loyalty_card_ids",
                    "any",
                    [("tier_id", "in", self.tier_ids.ids), ("state", "=", "active")],
                )
            )
        if self.rfm_segment:
            domain.append(("auto_rfm_segment", "=", self.rfm_segment))
        if self.state_ids:
            domain.append(("state_id", "in", self.state_ids.ids))
        if self.model_ids:
            domain.append(("vehicle_ids.model_id", "in", self.model_ids.ids))
        domain.append(
            (
                "id",
                "not in",
                self.env["auto.club.invitation"]
                ._search([("event_id", "=", self.event_id.id)])
                .subselect("partner_id"),
            )
        )
        return domain

    @api.depends(
        "event_id",
        "club_ids",
        "tier_ids",
        "rfm_segment",
        "state_ids",
        "model_ids",
        "channel",
    )
    def _compute_partner_count(self):
        for wizard in self:
            if not wizard.event_id:
                wizard.partner_count = wizard.skipped_count = 0
                wizard.skipped_message = False
                continue
            check = wizard._auto_consent_check()
            wizard.partner_count = len(check.allowed)
            wizard.skipped_count, wizard.skipped_message = check.skipped_count_message()

    def _auto_consent_check(self):
        """The segment through the consent check: club events on the
        wizard's channel (res.partner._auto_consent_filter)."""
        self.ensure_one()
        partners = self.env["res.partner"].search(self._partner_domain())
        return partners._auto_consent_filter(PURPOSE, self.channel)

    def action_view_skipped(self):
        """The customers of the segment left out, and why."""
        self.ensure_one()
        return self._auto_consent_check().action_view_skipped()

    def action_invite(self):
        self.ensure_one()
        check = self._auto_consent_check()
        partners = check.allowed
        if not partners:
            raise UserError(
                "\n".join(
                    [
                        self.env._(
                            "Nobody in this segment is left to invite to the event."
                        ),
                        check.message(),
                    ]
                ).strip()
            )
        invitations = self.env["auto.club.invitation"].create(
            [
                {
                    "event_id": self.event_id.id,
                    "partner_id": partner.id,
                    "channel": self.channel,
                }
                for partner in partners
            ]
        )
        # Customers who registered before being invited count as registered.
        self.env["event.registration"].sudo().search(
            [("event_id", "=", self.event_id.id), ("partner_id", "in", partners.ids)]
        )._auto_link_invitations()
        if self.channel == "email" and self.mail_template_id:
            self.mail_template_id.send_mail_batch(invitations.ids)
        elif self.channel == "sms" and self.sms_template_id:
            invitations._message_sms_schedule_mass(
                template=self.sms_template_id,
                auto_purpose_id=self.env.ref(PURPOSE).id,
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "auto.club.invitation",
            "name": self.env._("Invitations"),
            "view_mode": "list,form",
            "domain": [("event_id", "=", self.event_id.id)],
        }
