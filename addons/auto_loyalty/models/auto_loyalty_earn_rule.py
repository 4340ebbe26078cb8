from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.auto_aftersales.models.repair_order import SERVICE_TYPES


def scope_matches(record, product, service_type):
    """Whether spend on ``product`` in a ``service_type`` job falls in the
    scope (service type, product category) of a rule or campaign."""
    if record.service_type and record.service_type != service_type:
        return False
    return not record.product_categ_id or (
        product.categ_id.parent_path or ""
    ).startswith(record.product_categ_id.parent_path)


class AutoLoyaltyEarnRule(models.Model):
    """How many points a unit of spend earns (积分规则), by service type and
    product category; the first matching rule in sequence applies."""

    _name = "auto.loyalty.earn.rule"
    _description = "Points Earning Rule"
    _check_company_auto = True
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        index=True,
        help="Empty for every company of the group.",
    )
    service_type = fields.Selection(
        SERVICE_TYPES, help="Only work orders of this type; empty for any spend."
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        help="Only products of this category and its subcategories.",
    )
    points_per_unit = fields.Float(
        string="Points per Currency Unit",
        required=True,
        default=1.0,
        digits=(16, 4),
        help="Points earned per unit of spend before tax, e.g. 1 point per yuan.",
    )

    @api.constrains("points_per_unit")
    def _check_points_per_unit(self):
        if any(rule.points_per_unit < 0 for rule in self):
            raise ValidationError(
                self.env._("Points per currency unit cannot be negative.")
            )
