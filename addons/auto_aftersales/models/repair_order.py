from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, format_date

SERVICE_TYPES = [
    ("maintenance", "Maintenance"),
    ("repair", "Repair"),
    ("warranty", "Warranty"),
    ("recall", "Recall / Active Service"),
    ("accident", "Accident"),
]


class RepairOrder(models.Model):
    """A work order (服务工单) of a service station on Odoo's repair order: the
    vehicle, its odometer, the kind of job, who does it and when it is promised.
    Parts lines are repair's own stock moves from the station's stock."""

    _name = "repair.order"
    _inherit = ["repair.order", "auto.satisfaction.mixin"]

    auto_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('owner_id', '=?', partner_id)]",
    )
    auto_license_plate = fields.Char(
        related="auto_vehicle_id.license_plate", string="Plate"
    )
    auto_vehicle_model_id = fields.Many2one(
        related="auto_vehicle_id.model_id", string="Vehicle Model"
    )
    auto_station_id = fields.Many2one(
        related="picking_type_id.warehouse_id",
        string="Service Station",
        store=True,
        index="btree_not_null",
    )
    auto_service_type = fields.Selection(
        SERVICE_TYPES,
        string="Service Type",
        required=True,
        default="maintenance",
        tracking=True,
    )
    # Warranty and recall jobs are the manufacturer's: the customer pays none
    # of their parts (Odoo's Under Warranty), unless the advisor unticks it.
    under_warranty = fields.Boolean(
        compute="_compute_under_warranty", store=True, readonly=False
    )
    auto_warranty_warning = fields.Char(
        string="Warranty Warning",
        compute="_compute_auto_warranty_warning",
        help="A warranty job on a vehicle whose warranty has ended: the "
        "manufacturer will refuse the claim unless it is a goodwill repair.",
    )
    auto_odometer_in = fields.Integer(
        string="Odometer In (km)",
        tracking=True,
        help="Mileage read when the vehicle came in; saved into the vehicle's "
        "odometer history.",
    )
    auto_odometer_correction = fields.Boolean(
        string="Lower Odometer Confirmed",
        groups="auto_aftersales.group_auto_aftersales_manager",
        copy=False,
        help="A manager confirms a reading lower than the last one, e.g. after "
        "an instrument cluster was replaced.",
    )
    auto_odometer_log_id = fields.Many2one(
        "fleet.vehicle.odometer", string="Odometer Reading", readonly=True, copy=False
    )
    auto_technician_id = fields.Many2one(
        "res.users",
        string="Technician",
        tracking=True,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    auto_technician_level = fields.Selection(
        related="auto_technician_id.auto_technician_level",
        string="Certification",
    )
    auto_promised_date = fields.Datetime(string="Promised Time", tracking=True)
    auto_courtesy_car = fields.Boolean(
        string="Courtesy Car",
        compute="_compute_auto_courtesy_car",
        store=True,
        readonly=False,
        tracking=True,
        help="Offered when the job is promised more than the station's "
        "courtesy car delay after the vehicle is scheduled in (代步车).",
    )
    auto_courtesy_car_plate = fields.Char(string="Courtesy Car Plate")
    auto_done_date = fields.Datetime(string="Completed On", readonly=True, copy=False)
    auto_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Service Request",
        index="btree_not_null",
        copy=False,
        help="The call-centre ticket this work order answers.",
        check_company=True,
    )

    @api.depends("move_ids.state")
    def _compute_parts_availability(self):
        """Parts already issued (their moves done) or dropped are no longer
        awaited: the status counts only the lines still to issue, as Odoo does
        for all of them (available, expected on a date, late)."""
        result = super()._compute_parts_availability()
        for repair in self.filtered(
            lambda ro: ro.state in ("confirmed", "under_repair")
        ):
            moves = repair.move_ids
            open_moves = moves.filtered(lambda m: m.state not in ("done", "cancel"))
            if open_moves == moves:
                continue
            late = any(
                float_compare(
                    move.forecast_availability,
                    move.product_qty,
                    precision_rounding=move.product_id.uom_id.rounding,
                )
                < 0
                for move in open_moves
            )
            forecast_date = max(
                open_moves.filtered("forecast_expected_date").mapped(
                    "forecast_expected_date"
                ),
                default=False,
            )
            if late:
                repair.parts_availability = self.env._("Not Available")
                repair.parts_availability_state = "late"
            else:
                repair.parts_availability = self.env._("Available")
                repair.parts_availability_state = "available"
                if forecast_date:
                    repair.parts_availability = self.env._(
                        "Exp %s", format_date(self.env, forecast_date)
                    )
                if forecast_date and repair.schedule_date:
                    repair.parts_availability_state = (
                        "late" if forecast_date > repair.schedule_date else "expected"
                    )
        return result

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {
            "auto_done_date",
            "auto_odometer_log_id",
        }

    @api.depends("picking_id", "auto_vehicle_id")
    def _compute_partner_id(self):
        super()._compute_partner_id()
        for repair in self:
            if not repair.partner_id and repair.auto_vehicle_id.owner_id:
                repair.partner_id = repair.auto_vehicle_id.owner_id

    @api.depends("auto_service_type")
    def _compute_under_warranty(self):
        for repair in self:
            repair.under_warranty = repair.auto_service_type in ("warranty", "recall")

    @api.depends(
        "auto_service_type",
        "auto_vehicle_id.warranty_end_date",
        "auto_vehicle_id.warranty_end_km",
        "auto_odometer_in",
        "schedule_date",
    )
    def _compute_auto_warranty_warning(self):
        for repair in self:
            reason = ""
            if repair.auto_service_type == "warranty" and repair.auto_vehicle_id:
                reason = repair.auto_vehicle_id._auto_warranty_ended(
                    fields.Date.context_today(repair, repair.schedule_date),
                    repair.auto_odometer_in,
                )
            repair.auto_warranty_warning = reason and self.env._(
                "Warranty job, but %(reason)s: the manufacturer will refuse the "
                "claim unless it accepts a goodwill repair.",
                reason=reason,
            )

    # Not on the station's delay: changing it leaves past offers alone.
    @api.depends("schedule_date", "auto_promised_date", "auto_station_id")
    def _compute_auto_courtesy_car(self):
        for repair in self:
            repair.auto_courtesy_car = repair._auto_courtesy_car_offered()

    def _auto_courtesy_car_offered(self):
        """Whether the job offers a courtesy car: promised more than the
        station's delay after the vehicle is scheduled in. Modules add other
        reasons (and the dependencies of the compute)."""
        self.ensure_one()
        hours = self.auto_station_id.auto_courtesy_car_hours
        return bool(
            hours
            and self.schedule_date
            and self.auto_promised_date
            and self.auto_promised_date - self.schedule_date > timedelta(hours=hours)
        )

    @api.constrains("auto_promised_date", "schedule_date")
    def _check_auto_promised_date(self):
        for repair in self:
            if (
                repair.auto_promised_date
                and repair.auto_promised_date < repair.schedule_date
            ):
                raise ValidationError(
                    self.env._(
                        "The promised time of %(order)s is before the vehicle is "
                        "scheduled in.",
                        order=repair.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        repairs = super().create(vals_list)
        repairs.filtered("auto_odometer_in")._auto_log_odometer()
        return repairs

    def write(self, vals):
        result = super().write(vals)
        if "auto_service_type" in vals and "under_warranty" not in vals:
            self._update_sale_order_line_price()  # as Odoo does for under_warranty
        if {"auto_odometer_in", "auto_vehicle_id"} & set(vals):
            self.filtered("auto_odometer_in")._auto_log_odometer()
        return result

    def _auto_log_odometer(self):
        """Keep the vehicle's odometer history in step with the intake reading.
        The history refuses a reading below the vehicle's last one unless an
        after-sales manager confirmed it on the work order."""
        for repair in self.filtered("auto_vehicle_id"):
            values = {
                "vehicle_id": repair.auto_vehicle_id.id,
                "value": repair.auto_odometer_in,
                "date": fields.Date.context_today(repair, repair.schedule_date),
                "auto_is_correction": repair.sudo().auto_odometer_correction,
            }
            # The reading is the work order's: whoever may write the order
            # (checked by its write) logs it.
            if repair.auto_odometer_log_id:
                repair.auto_odometer_log_id.sudo().write(values)
            else:
                repair.sudo().auto_odometer_log_id = (
                    self.env["fleet.vehicle.odometer"].sudo().create(values)
                )

    def action_create_sale_order(self):
        # The advisor quotes the job: the quotation is theirs, not the
        # customer's salesperson's (whose own-documents rule would refuse it).
        advisor = self.user_id[:1] or self.env.user
        return super(
            RepairOrder, self.with_context(default_user_id=advisor.id)
        ).action_create_sale_order()

    def action_repair_done(self):
        open_lines = self.move_ids.filtered(
            lambda move: move.state not in ("done", "cancel")
        )
        open_lines._auto_check_parts_on_hand()
        # Lines the parts counter issued are done already; as in Odoo, the
        # other lines are all used unless the advisor ticked some of them.
        for repair in self:
            lines = open_lines & repair.move_ids
            if not any(lines.mapped("picked")):
                lines.picked = True
        result = super().action_repair_done()
        now = fields.Datetime.now()
        for repair in self:
            repair.sudo().auto_done_date = now
            if repair.auto_vehicle_id and repair.user_id:
                repair.auto_vehicle_id.sudo().auto_service_advisor_id = repair.user_id
        self.env["auto.service.followup.rule"]._auto_plan("repair_done", self)
        return result

    def _auto_followup_start(self):
        return self.auto_done_date or fields.Datetime.now()

    def _auto_callback_ticket_vals(self):
        vals = super()._auto_callback_ticket_vals()
        vals.update(
            partner_id=self.partner_id.id,
            auto_vehicle_id=self.auto_vehicle_id.id,
            auto_station_id=self.auto_station_id.id,
            auto_source_repair_id=self.id,
        )
        return vals
