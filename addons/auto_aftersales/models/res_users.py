from odoo import fields, models

TECHNICIAN_LEVELS = [
    ("junior", "Junior"),
    ("senior", "Senior"),
    ("expert", "Expert"),
]


class ResUsers(models.Model):
    _inherit = "res.users"

    auto_technician_level = fields.Selection(
        TECHNICIAN_LEVELS,
        string="Technician Certification",
        help="Manufacturer certification of a workshop technician (技师等级).",
    )
