from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.auto_aftersales.models.repair_order import SERVICE_TYPES

from .auto_loyalty_earn_rule import scope_matches


class AutoLoyaltyCampaign(models.Model):
    """A points campaign (积分活动) multiplies what the rules earn, e.g. double
    points on maintenance in the slow season."""

    _name = "auto.loyalty.campaign"
    _description = "Points Campaign"
    _check_company_auto = True
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        index=True,
        help="Empty for every company of the group.",
    )
    multiplier = fields.Float(required=True, default=2.0)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    service_type = fields.Selection(SERVICE_TYPES)
    product_categ_id = fields.Many2one("product.category", string="Product Category")
    tier_ids = fields.Many2many(
        "auto.loyalty.tier", string="Tiers", help="Empty for every member."
    )

    @api.constrains("multiplier", "date_from", "date_to")
    def _check_campaign(self):
        for campaign in self:
            if campaign.multiplier <= 0:
                raise ValidationError(self.env._("A campaign multiplier is positive."))
            if campaign.date_to < campaign.date_from:
                raise ValidationError(
                    self.env._(
                        "Campaign %(name)s ends before it starts.", name=campaign.name
                    )
                )

    def _auto_matches(self, product, service_type, tier, day):
        self.ensure_one()
        return (
            self.date_from <= day <= self.date_to
            and (not self.tier_ids or tier in self.tier_ids)
            and scope_matches(self, product, service_type)
        )
