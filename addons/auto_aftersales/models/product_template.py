import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """Spare parts (配件) with their OEM part number (零件号), which is also the
    internal reference, so that every product search finds it."""

    _inherit = "product.template"

    auto_is_part = fields.Boolean(string="Spare Part", index=True)
    auto_part_number = fields.Char(
        string="OEM Part Number", index="btree_not_null", copy=False, tracking=True
    )
    auto_part_brand_id = fields.Many2one(
        "fleet.vehicle.model.brand",
        string="Part Brand",
        help="The manufacturer whose part number this is.",
    )
    auto_superseded_by_id = fields.Many2one(
        "product.template",
        string="Superseded By",
        domain="[('auto_is_part', '=', True), ('id', '!=', id)]",
        tracking=True,
        help="The part that replaces this one; a search for this number "
        "also finds the new part.",
    )
    auto_supersedes_ids = fields.One2many(
        "product.template", "auto_superseded_by_id", string="Supersedes"
    )
    auto_value_added = fields.Boolean(
        string="Value-added Service",
        help="Extended warranty, accessories, care products: a work order "
        "selling one counts in the value-added service penetration KPI.",
    )
    auto_fitment_model_ids = fields.Many2many(
        "fleet.vehicle.model",
        string="Fits Models",
        help="Vehicle models the part fits.",
    )

    @api.constrains("auto_superseded_by_id")
    def _check_auto_supersession(self):
        if self._has_cycle("auto_superseded_by_id"):
            raise ValidationError(
                self.env._(
                    "A part cannot be superseded, directly or through other parts, "
                    "by itself."
                )
            )

    @api.constrains("auto_part_number", "auto_part_brand_id", "auto_is_part")
    def _check_auto_part_number(self):
        parts = self.filtered("auto_is_part")
        for part in parts.filtered(lambda part: not part.auto_part_number):
            raise ValidationError(
                self.env._(
                    "The spare part %(part)s needs its OEM part number.", part=part.name
                )
            )
        duplicates = self.with_context(active_test=False)._read_group(
            [
                ("auto_is_part", "=", True),
                ("auto_part_number", "in", parts.mapped("auto_part_number")),
            ],
            ["auto_part_brand_id", "auto_part_number"],
            having=[("__count", ">", 1)],
        )
        if duplicates:
            brand, number = duplicates[0]
            raise ValidationError(
                self.env._(
                    "The part number %(number)s is already used by another "
                    "%(brand)s part.",
                    number=number,
                    brand=brand.name or self.env._("unbranded"),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_part_number_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_part_number_vals(vals)
        return super().write(vals)

    @api.model
    def _normalize_part_number_vals(self, vals):
        """Part numbers are typed with spaces and dashes, compared without; the
        internal reference follows the part number."""
        if vals.get("auto_part_number"):
            number = re.sub(r"[\s\-.]", "", vals["auto_part_number"]).upper()
            vals.update(auto_part_number=number, default_code=number)
