from odoo import fields, models


class StockWarehouse(models.Model):
    """A service station (服务站) is a warehouse with a station profile."""

    _inherit = "stock.warehouse"

    auto_is_service_station = fields.Boolean(string="Service Station")
    auto_brand_ids = fields.Many2many(
        "fleet.vehicle.model.brand",
        string="Authorised Brands",
        help="Brands the station may service under warranty.",
    )
    auto_bay_count = fields.Integer(string="Service Bays")
    auto_opening_hours = fields.Char(
        string="Opening Hours", help="e.g. Mon-Sun 08:30-18:00"
    )
    auto_technician_ids = fields.Many2many(
        "res.users",
        string="Technicians",
        domain="[('share', '=', False)]",
    )

    _sql_constraints = [
        (
            "auto_bay_count_positive",
            "CHECK(auto_bay_count >= 0)",
            "The number of service bays cannot be negative.",
        ),
    ]
