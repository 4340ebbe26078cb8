from odoo import fields, models


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
