from datetime import datetime

from odoo import api, fields, models


class FleetVehicle(models.Model):
    """The vehicle carries the customer's answers at the 7-day post-delivery
    callback (交车后7天回访): the sales side of satisfaction."""

    _name = "fleet.vehicle"
    _inherit = ["fleet.vehicle", "auto.satisfaction.mixin"]

    auto_repair_ids = fields.One2many(
        "repair.order", "auto_vehicle_id", string="Service History"
    )
    auto_repair_count = fields.Integer(
        string="Work Orders", compute="_compute_auto_repair_count"
    )
    auto_service_advisor_id = fields.Many2one(
        "res.users",
        string="Service Advisor",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who looks after the vehicle in the workshop: the advisor of its "
        "last work order unless set here. Receives its service reminders.",
        check_company=True,
    )
    auto_km_per_day = fields.Float(
        string="Average km per Day",
        compute="_compute_auto_km_per_day",
        digits=(16, 1),
        help="Estimated from the first and last odometer readings.",
    )

    def _compute_auto_repair_count(self):
        counts = dict(
            self.env["repair.order"]._read_group(
                [("auto_vehicle_id", "in", self.ids)],
                ["auto_vehicle_id"],
                ["__count"],
            )
        )
        for vehicle in self:
            vehicle.auto_repair_count = counts.get(vehicle, 0)

    def _compute_auto_km_per_day(self):
        readings = {
            vehicle: (first_date, last_date, low, high)
            for vehicle, first_date, last_date, low, high in self.env[
                "fleet.vehicle.odometer"
            ]._read_group(
                [("vehicle_id", "in", self.ids)],
                ["vehicle_id"],
                ["date:min", "date:max", "value:min", "value:max"],
            )
        }
        for vehicle in self:
            first_date, last_date, low, high = readings.get(vehicle, (None, None, 0, 0))
            days = (last_date - first_date).days if first_date and last_date else 0
            vehicle.auto_km_per_day = (high - low) / days if days > 0 else 0.0

    def action_auto_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_aftersales.repair_order_action_work_order"
        )
        action["domain"] = [("auto_vehicle_id", "=", self.id)]
        action["context"] = {
            "default_auto_vehicle_id": self.id,
            "default_partner_id": self.owner_id.id,
        }
        return action

    @api.model_create_multi
    def create(self, vals_list):
        vehicles = super().create(vals_list)
        vehicles.filtered("delivery_date")._auto_plan_delivery_callback()
        return vehicles

    def write(self, vals):
        delivered = self.browse()
        if vals.get("delivery_date"):
            delivered = self.filtered(
                lambda vehicle: (
                    vehicle.delivery_date != fields.Date.to_date(vals["delivery_date"])
                )
            )
        result = super().write(vals)
        delivered._auto_plan_delivery_callback()
        return result

    def _auto_plan_delivery_callback(self):
        """The post-delivery callback (交车后7天回访), for deliveries still in
        the callback rules' window (7 days by default): registering an old
        vehicle plans nothing."""
        rules = self.env["auto.service.followup.rule"].search(
            [("trigger", "=", "vehicle_delivered")]
        )
        window_days = max(rules.mapped("delay_hours"), default=0) // 24
        since = fields.Date.add(fields.Date.context_today(self), days=-window_days)
        recent = self.filtered(lambda vehicle: vehicle.delivery_date >= since)
        self.env["auto.service.followup.rule"]._auto_plan("vehicle_delivered", recent)

    def _auto_usual_station(self, company):
        """The service station of the vehicle's last work order in the store:
        where the customer usually brings it."""
        if not self:
            return self.env["stock.warehouse"]
        self.ensure_one()
        last = self.env["repair.order"].search(
            [
                ("auto_vehicle_id", "=", self.id),
                ("auto_station_id.auto_is_service_station", "=", True),
                ("company_id", "=", company.id),
                ("state", "!=", "cancel"),
            ],
            order="schedule_date desc, id desc",
            limit=1,
        )
        return last.auto_station_id

    def _auto_callback_ticket_vals(self):
        vals = super()._auto_callback_ticket_vals()
        vals.update(partner_id=self.owner_id.id, auto_vehicle_id=self.id)
        return vals

    def _auto_followup_start(self):
        return datetime.combine(self.delivery_date, fields.Datetime.now().time())
