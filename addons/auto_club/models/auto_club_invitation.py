from odoo import api, fields, models


class AutoClubInvitation(models.Model):
    """An invitation of a customer to a club event, followed from invited to
    registered to attended (邀约 → 报名 → 到场)."""

    _name = "auto.club.invitation"
    _description = "Club Event Invitation"
    _inherit = ["mail.thread", "auto.system.fields.mixin", "auto.contact.mask.mixin"]
    _order = "invite_date desc, id desc"
    _rec_name = "partner_id"

    event_id = fields.Many2one(
        "event.event", string="Event", required=True, index=True, ondelete="cascade"
    )
    club_id = fields.Many2one(related="event_id.auto_club_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        related="partner_id.user_id", string="Consultant", store=True
    )
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(compute="_compute_phone")
    channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS")], required=True, default="email"
    )
    invite_date = fields.Datetime(
        string="Invited On", required=True, default=fields.Datetime.now
    )
    registration_id = fields.Many2one(
        "event.registration", string="Registration", index="btree_not_null"
    )
    state = fields.Selection(
        [
            ("invited", "Invited"),
            ("waitlist", "On Waiting List"),
            ("registered", "Registered"),
            ("attended", "Attended"),
            ("cancel", "Cancelled"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
    )

    _sql_constraints = [
        (
            "event_partner_uniq",
            "unique(event_id, partner_id)",
            "This customer is already invited to the event.",
        )
    ]

    def _auto_contact_fields(self):
        return {**super()._auto_contact_fields(), "email": "email", "phone": "phone"}

    def _auto_system_fields(self):
        # The invited -> registered -> attended funnel is observed.
        return super()._auto_system_fields() | {
            "invite_date",
            "registration_id",
            "state",
        }

    @api.depends("partner_id.mobile", "partner_id.phone")
    def _compute_phone(self):
        for invitation in self:
            invitation.phone = (
                invitation.partner_id.mobile or invitation.partner_id.phone
            )

    @api.depends("registration_id.state", "registration_id.auto_waitlisted")
    def _compute_state(self):
        states = {"open": "registered", "done": "attended", "cancel": "cancel"}
        for invitation in self:
            registration = invitation.registration_id
            if registration.auto_waitlisted:
                invitation.state = "waitlist"
            else:
                invitation.state = states.get(registration.state, "invited")

    def _mail_get_partner_fields(self, introspect_fields=False):
        return ["partner_id"]

    def _phone_get_number_fields(self):
        return ["phone"]
