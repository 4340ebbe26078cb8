from datetime import timedelta

from odoo import fields, models


class AutoLeadCadenceStep(models.Model):
    _name = "auto.lead.cadence.step"
    _description = "Lead Follow-up Cadence Step"
    _order = "cadence_id, sequence, id"

    cadence_id = fields.Many2one(
        "auto.lead.cadence", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    delay = fields.Integer(required=True, help="Time allowed after the cadence starts.")
    delay_unit = fields.Selection(
        [("hours", "Hours"), ("days", "Days")], required=True, default="days"
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        required=True,
        domain="['|', ('res_model', '=', False), ('res_model', '=', 'crm.lead')]",
    )
    summary = fields.Char(required=True, translate=True)
    note = fields.Html(translate=True, help="What to say or send: the script.")

    _sql_constraints = [
        ("delay_positive", "CHECK(delay >= 0)", "A step delay cannot be negative."),
    ]

    def _delay(self):
        return timedelta(**{self.delay_unit: self.delay})

    def _prepare_activity_vals(self, lead, deadline):
        return {
            **lead._prepare_cadence_activity_vals(self.activity_type_id, deadline),
            "auto_cadence_id": self.cadence_id.id,
            "summary": self.summary,
            "note": self.note,
        }
