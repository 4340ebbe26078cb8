from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    auto_csat_unhappy_max = fields.Integer(
        related="company_id.auto_csat_unhappy_max", readonly=False
    )
    auto_csat_satisfied_min = fields.Integer(
        related="company_id.auto_csat_satisfied_min", readonly=False
    )
