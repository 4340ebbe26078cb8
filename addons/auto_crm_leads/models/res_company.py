from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_brand_ids = fields.Many2many(
        "fleet.vehicle.model.brand",
        string="Authorised Brands",
        help="Brands this dealership is franchised for. Customer vehicles of other "
        "brands are flagged as other-brand vehicles.",
    )
