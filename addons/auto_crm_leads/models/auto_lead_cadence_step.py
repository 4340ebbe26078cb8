from datetime import timedelta

from odoo import api, fields, models


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

    # Each change clears the cadences' cached step plans (_step_plan); Odoo
    # clears the caches itself when a translation is edited.
    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def _delay(self):
        return timedelta(**{self.delay_unit: self.delay})
