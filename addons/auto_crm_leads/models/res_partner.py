from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.identity import identity_error, mask_identity, normalize_identity

OFFICER_GROUP = "auto_crm_leads.group_auto_data_officer"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Customer profile (客户画像)
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    birthday = fields.Date()
    occupation = fields.Char()
    usage_scenario = fields.Selection(
        [
            ("family", "Family commute"),
            ("business", "Business travel"),
            ("offroad", "Off-road leisure"),
            ("other", "Other"),
        ],
        help="How the customer mainly uses the car.",
    )

    # Identity: the number itself is readable by data officers only; everybody
    # else sees and types through the masked field.
    id_type = fields.Selection(
        [
            ("cn_ric", "Resident ID Card"),
            ("cn_uscc", "Unified Social Credit Code"),
            ("other", "Other Document"),
        ],
        string="Identity Document",
        compute="_compute_id_type",
        store=True,
        readonly=False,
        precompute=True,
    )
    id_number = fields.Char(
        string="Identity Number",
        groups=OFFICER_GROUP,
        copy=False,
        index="btree_not_null",
    )
    id_number_masked = fields.Char(
        string="Identity Number (masked)",
        compute="_compute_id_number_masked",
        inverse="_inverse_id_number_masked",
        compute_sudo=True,
        help="Only data officers see the full number. Type a new number here to "
        "replace it.",
    )

    # Vehicles (车辆档案)
    vehicle_ids = fields.One2many("fleet.vehicle", "owner_id", string="Vehicles")
    vehicle_count = fields.Integer(compute="_compute_vehicle_count")

    @api.depends("is_company")
    def _compute_id_type(self):
        for partner in self:
            if not partner.id_type or partner.id_type in ("cn_ric", "cn_uscc"):
                partner.id_type = "cn_uscc" if partner.is_company else "cn_ric"

    @api.depends("id_number")
    def _compute_id_number_masked(self):
        for partner in self:
            partner.id_number_masked = mask_identity(partner.id_number)

    def _inverse_id_number_masked(self):
        for partner in self:
            value = partner.id_number_masked
            # An unchanged masked value comes back with its stars: keep the number.
            if value and "*" in value:
                continue
            partner.sudo().id_number = value

    def _compute_vehicle_count(self):
        counts = dict(
            self.env["fleet.vehicle"]._read_group(
                [("owner_id", "in", self.ids)], ["owner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.vehicle_count = counts.get(partner._origin, 0)

    @api.constrains("id_type", "id_number")
    def _check_id_number(self):
        messages = {
            "length": self.env._("it must have 18 characters"),
            "format": self.env._("it contains characters that are not allowed"),
            "checksum": self.env._("the check digit does not match"),
            "component": self.env._("the region or birth date part is not valid"),
        }
        for partner in self.sudo():
            error = identity_error(partner.id_type, partner.id_number or "")
            if partner.id_number and error:
                raise ValidationError(
                    self.env._(
                        "The %(document)s of %(partner)s is not valid: %(reason)s.",
                        document=dict(
                            partner._fields["id_type"]._description_selection(self.env)
                        )[partner.id_type],
                        partner=partner.display_name,
                        reason=messages[error],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_identity_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_identity_vals(vals)
        return super().write(vals)

    @api.model
    def _normalize_identity_vals(self, vals):
        if vals.get("id_number"):
            vals["id_number"] = normalize_identity(vals["id_number"])

    def action_view_vehicles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_crm_leads.fleet_vehicle_action_customer"
        )
        action["domain"] = [("owner_id", "=", self.id)]
        action["context"] = {"default_owner_id": self.id}
        return action
