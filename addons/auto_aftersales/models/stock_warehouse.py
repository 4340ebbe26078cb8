from odoo import fields, models


class StockWarehouse(models.Model):
    """A service station (服务站) is a warehouse with a station profile."""

    _inherit = "stock.warehouse"

    auto_is_service_station = fields.Boolean(
        string="Service Station",
        help="The warehouse is a service station of the dealership: its work "
        "orders follow the station's rules (parts issued only when on hand, "
        "unless allowed below).",
    )
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
        check_company=True,
    )
    auto_courtesy_car_hours = fields.Integer(
        string="Courtesy Car After (hours)",
        default=24,
        help="A work order promised more than this many hours after the "
        "vehicle is scheduled in offers a courtesy car (代步车); 0 offers none "
        "by duration.",
    )

    auto_service_manager_id = fields.Many2one(
        "res.users",
        string="Station Manager",
        domain="[('share', '=', False)]",
        help="Receives the service requests dispatched to the station.",
        check_company=True,
    )
    auto_allow_negative_stock = fields.Boolean(
        string="Allow Negative Parts Stock",
        help="Let the station's work orders consume parts that are not on hand "
        "yet; the stock count corrects it later. Off by default: the issue is "
        "refused. Repairs of warehouses that are not service stations follow "
        "Odoo's stock rules.",
    )

    auto_parts_turnover = fields.Float(
        string="Parts Turnover",
        compute="_compute_auto_parts_turnover",
        digits=(16, 2),
        help="Cost of the parts issued over the last 12 months divided by the "
        "cost of the parts on hand (库存周转率).",
    )

    _sql_constraints = [
        (
            "auto_bay_count_positive",
            "CHECK(auto_bay_count >= 0)",
            "The number of service bays cannot be negative.",
        ),
        (
            "auto_courtesy_car_hours_positive",
            "CHECK(auto_courtesy_car_hours >= 0)",
            "The courtesy car delay cannot be negative.",
        ),
    ]

    def _compute_auto_parts_turnover(self):
        figures = {
            station: (issued, on_hand)
            for station, issued, on_hand in self.env[
                "auto.parts.turnover.report"
            ]._read_group(
                [("station_id", "in", self.ids)],
                ["station_id"],
                ["value_issued:sum", "value_on_hand:sum"],
            )
        }
        for station in self:
            issued, on_hand = figures.get(station, (0.0, 0.0))
            station.auto_parts_turnover = issued / on_hand if on_hand > 0 else 0.0
