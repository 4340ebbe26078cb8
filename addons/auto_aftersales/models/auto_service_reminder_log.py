from odoo import fields, models

from odoo.addons.auto_crm_leads.tools.consent import SKIP_REASONS


class AutoServiceReminderLog(models.Model):
    """One fired reminder: which event (vehicle or customer, due date) it was
    about. The unique key makes a reminder fire once per due event."""

    _name = "auto.service.reminder.log"
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

    _sql_constraints = [
        (
            "event_uniq",
            "UNIQUE NULLS NOT DISTINCT "
            "(reminder_id, partner_id, vehicle_id, event_key)",
            "This reminder was already sent for this event.",
        ),
    ]

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
