from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, formatLang

from ..tools.plate import is_valid_plate, normalize_plate
from ..tools.vin import normalize_vin, vin_error


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    # Customer and dealer (客户与经销商)
    owner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        tracking=True,
        index=True,
        check_company=True,
        help="The customer who owns the vehicle. The driver may be someone else.",
    )
    user_id = fields.Many2one(
        related="owner_id.user_id",
        string="Sales Consultant",
        store=True,
        index=True,
        help="The consultant who follows the owner.",
    )
    selling_company_id = fields.Many2one(
        "res.company",
        string="Selling Dealer",
        tracking=True,
        help="The dealership of the group that sold the vehicle; empty when it was "
        "bought elsewhere.",
    )
    is_other_brand = fields.Boolean(
        string="Other-brand Vehicle",
        compute="_compute_is_other_brand",
        store=True,
        help="The brand is not among the brands the company is authorised for.",
    )

    # Key dates (关键日期)
    purchase_date = fields.Date(tracking=True)
    delivery_date = fields.Date(tracking=True)
    warranty_end_date = fields.Date(string="Warranty End", tracking=True)
    warranty_end_km = fields.Integer(
        string="Warranty End (km)",
        tracking=True,
        help="Mileage at which the manufacturer's warranty ends.",
    )
    insurance_renewal_date = fields.Date(string="Insurance Renewal", tracking=True)
    inspection_due_date = fields.Date(string="Annual Inspection", tracking=True)
    # Kilometres, read off the instrument cluster: whole numbers.
    odometer = fields.Float(digits=(16, 0))
    odometer_log_ids = fields.One2many(
        "fleet.vehicle.odometer", "vehicle_id", string="Odometer History"
    )

    # Checked by PostgreSQL so that two concurrent saves cannot both pass; the RPC
    # layer shows the message, translated, as a validation error.
    _sql_constraints = [
        (
            "vin_company_uniq",
            "unique(company_id, vin_sn)",
            "A vehicle with this VIN is already registered in this company.",
        ),
    ]

    @api.depends("brand_id", "company_id.auto_brand_ids")
    def _compute_is_other_brand(self):
        for vehicle in self:
            brands = vehicle.company_id.auto_brand_ids
            vehicle.is_other_brand = bool(brands) and vehicle.brand_id not in brands

    def _auto_warranty_ended(self, on_date, odometer):
        """Why the manufacturer's warranty no longer covers the vehicle on
        that date at that reading ("" while it does): the end date passed or
        the end mileage reached, whichever comes first."""
        self.ensure_one()
        if self.warranty_end_date and on_date > self.warranty_end_date:
            return self.env._(
                "the warranty ended on %(date)s",
                date=format_date(self.env, self.warranty_end_date),
            )
        if self.warranty_end_km and odometer >= self.warranty_end_km:
            km = formatLang(self.env, self.warranty_end_km, digits=0)
            return self.env._("the warranty ended at %(km)s km", km=km)
        return ""

    @api.constrains("vin_sn")
    def _check_vin_sn(self):
        messages = {
            "length": self.env._("a VIN has exactly 17 characters"),
            "alphabet": self.env._(
                "only digits and the letters A-Z except I, O and Q are allowed"
            ),
            "check_digit": self.env._(
                "the check digit (9th character) does not match, please check "
                "for a typing error"
            ),
        }
        for vehicle in self.filtered("vin_sn"):
            error = vin_error(vehicle.vin_sn)
            if error:
                raise ValidationError(
                    self.env._(
                        "The VIN %(vin)s is not valid: %(reason)s.",
                        vin=vehicle.vin_sn,
                        reason=messages[error],
                    )
                )

    @api.constrains("license_plate")
    def _check_license_plate(self):
        for vehicle in self.filtered("license_plate"):
            if not is_valid_plate(vehicle.license_plate):
                raise ValidationError(
                    self.env._(
                        "The licence plate %(plate)s is not a valid Chinese plate: "
                        "expected the province, a letter and five characters "
                        "(京A12345), or six for new-energy vehicles (粤BD12345).",
                        plate=vehicle.license_plate,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_identification_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_identification_vals(vals)
        return super().write(vals)

    @api.model
    def _normalize_identification_vals(self, vals):
        if vals.get("vin_sn"):
            vals["vin_sn"] = normalize_vin(vals["vin_sn"])
        if vals.get("license_plate"):
            vals["license_plate"] = normalize_plate(vals["license_plate"])
