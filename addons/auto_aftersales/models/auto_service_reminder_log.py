from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.auto_crm_leads.tools.consent import SKIP_REASONS

RESULTS = [
    ("booked", "Appointment Booked"),
    ("not_reached", "Not Reached"),
    ("declined", "Declined"),
]


class AutoServiceReminderLog(models.Model):
    """One fired reminder: which event (vehicle or customer, due date) it was
    about. The unique key makes a reminder fire once per due event."""

    _name = "auto.service.reminder.log"
    _inherit = ["auto.contact.mask.mixin"]
    _description = "Service Reminder Sent"
    _check_company_auto = True
    _order = "create_date desc, id desc"
    _rec_name = "reminder_id"

    reminder_id = fields.Many2one(
        "auto.service.reminder",
        required=True,
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    kind = fields.Selection(related="reminder_id.kind")
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        readonly=True,
        index=True,
        help="The vehicle's store, else the reminder's, else the responsible's.",
    )
    due_date = fields.Date(required=True, readonly=True)
    event_key = fields.Char(
        required=True,
        readonly=True,
        help="Names the due event: the due date, or the service the next "
        "maintenance counts from.",
    )

    state = fields.Selection(
        [
            ("sent", "Contacted"),
            ("partial", "Partly Contacted"),
            ("skipped", "Skipped"),
        ],
        string="Status",
        default="sent",
        required=True,
        readonly=True,
        index=True,
        help="Skipped: the customer's consent did not cover the reminder's "
        "purpose on its channel, so nobody was asked to call and no message "
        "was sent. Partly: one of the two (activity, message) was skipped.",
    )
    skip_reason = fields.Selection(
        SKIP_REASONS, string="Skipped Because", readonly=True
    )
    skip_channel_id = fields.Many2one(
        "auto.contact.channel", string="Skipped Channel", readonly=True
    )

    # The advisor's follow-up (Due Today): call, then log what came of it.
    partner_phone = fields.Char(
        string="Phone",
        compute="_compute_partner_phone",
        help="The customer's mobile, else their phone.",
    )
    license_plate = fields.Char(related="vehicle_id.license_plate", string="Plate")
    result = fields.Selection(
        RESULTS,
        readonly=True,
        index="btree_not_null",
        copy=False,
        help="What came of the advisor's call; empty while the reminder is "
        "still to act on.",
    )
    result_date = fields.Datetime(string="Result Logged On", readonly=True)
    result_user_id = fields.Many2one(
        "res.users", string="Result Logged By", readonly=True
    )

    _sql_constraints = [
        (
            "event_uniq",
            "UNIQUE NULLS NOT DISTINCT "
            "(reminder_id, partner_id, vehicle_id, event_key)",
            "This reminder was already sent for this event.",
        ),
    ]

    @api.depends("partner_id.mobile", "partner_id.phone")
    def _compute_partner_phone(self):
        for log in self:
            log.partner_phone = log.partner_id.mobile or log.partner_id.phone

    def _auto_contact_fields(self):
        return {**super()._auto_contact_fields(), "partner_phone": "phone"}

    def action_auto_booked(self):
        return self._auto_log_result("booked")

    def action_auto_not_reached(self):
        return self._auto_log_result("not_reached")

    def action_auto_declined(self):
        return self._auto_log_result("declined")

    def _auto_log_result(self, result):
        """Record what came of the call and mark the reminder's activity done.
        The log is the system's: advisors only read it, so the result is
        written here, for the advisors of the log's store, and nothing else."""
        if not self.env.user.has_group("auto_aftersales.group_auto_service_advisor"):
            raise AccessError(
                self.env._("Only service advisors log the result of a reminder.")
            )
        self.check_access("read")
        self.sudo().write(
            {
                "result": result,
                "result_date": fields.Datetime.now(),
                "result_user_id": self.env.user.id,
            }
        )
        label = dict(self._fields["result"]._description_selection(self.env))[result]
        for log in self:
            log._auto_reminder_activities().action_feedback(feedback=label)
        return True

    def _auto_reminder_activities(self):
        """The open activities the reminder planned for this event."""
        self.ensure_one()
        reminder = self.reminder_id
        if not reminder.activity_type_id:
            return self.env["mail.activity"]
        record = self._auto_target_records()
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", reminder.target_model),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", reminder.activity_type_id.id),
                ("user_id", "=", self.user_id.id),
            ]
        )

    def _auto_target_records(self):
        """The vehicle, or the customer for customer reminders, of each log."""
        return self.env[self.reminder_id.target_model].browse(
            log.vehicle_id.id or log.partner_id.id for log in self
        )

    def _auto_split_by_consent(self, check, skipped):
        """The logs whose customer ``check`` (a consent check) allows; the
        others are added to ``skipped`` (log -> (reason, channel)) unless
        already there."""
        for log in self:
            reason = check.reasons.get(log.partner_id.id)
            if reason:
                skipped.setdefault(log, (reason, check.channel))
        return self.filtered(lambda log: log.partner_id.id not in check.reasons)

    def _auto_mark_skipped(self, skipped, contacted):
        """Record on the logs who was not contacted and why (the system's
        bookkeeping): skipped when nothing reached the customer, partly when
        one of the activity and the message did."""
        groups = {}
        for log, (reason, channel) in skipped.items():
            state = "partial" if log in contacted else "skipped"
            key = (state, reason, channel.id)
            groups[key] = groups.get(key, self.browse()) | log
        for (state, reason, channel_id), logs in groups.items():
            logs.sudo().write(
                {"state": state, "skip_reason": reason, "skip_channel_id": channel_id}
            )
