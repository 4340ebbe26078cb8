from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_brand_ids = fields.Many2many(
        "fleet.vehicle.model.brand",
        string="Authorised Brands",
        help="Brands this dealership is franchised for. Customer vehicles of other "
        "brands are flagged as other-brand vehicles.",
    )
    auto_privacy_request_days = fields.Integer(
        string="Days to Answer a Personal Data Request",
        default=15,
        help="A customer's request to export or erase their data is due this "
        "many days after it is received.",
    )
