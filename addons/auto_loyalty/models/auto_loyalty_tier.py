from odoo import fields, models


class AutoLoyaltyTier(models.Model):
    _name = "auto.loyalty.tier"
    _description = "Membership Tier"
    _order = "min_spend, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    min_spend = fields.Monetary(
        string="Spend Threshold",
        required=True,
        currency_field="currency_id",
        help="Spend over the tier window that earns this tier.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    # Benefits (会员权益)
    maintenance_discount = fields.Float(
        string="Maintenance Discount (%)",
        help="Applied to the lines of maintenance work orders when their "
        "quotation is made.",
    )
    free_washes = fields.Integer(
        string="Free Car Washes per Year",
        help="Washes the advisor records on the card or the work order, up to "
        "this many per calendar year.",
    )
    courtesy_car = fields.Boolean(
        string="Courtesy Car",
        help="The member's work orders offer a courtesy car (代步车) whatever "
        "the length of the job.",
    )
    priority_repair = fields.Boolean(
        string="Priority Repair",
        help="The member's work orders are starred for the workshop.",
    )
    dedicated_advisor = fields.Boolean(
        string="Dedicated Advisor",
        help="Members reaching the tier are given a dedicated service advisor, "
        "proposed on their work orders.",
    )
    birthday_free_maintenance = fields.Boolean(
        string="Free Maintenance on Birthday",
        help="Once a year, the labour of a maintenance work order quoted in the "
        "member's birthday month is free (100 % discount on its service "
        "lines).",
    )
    premium_events = fields.Boolean(string="Premium Events")
    member_count = fields.Integer(compute="_compute_member_count", string="Members")

    _sql_constraints = [
        (
            "min_spend_not_negative",
            "CHECK(min_spend >= 0)",
            "A tier's spend threshold cannot be negative.",
        ),
        (
            "free_washes_not_negative",
            "CHECK(free_washes >= 0)",
            "A tier's free car washes cannot be negative.",
        ),
        (
            "maintenance_discount_range",
            "CHECK(maintenance_discount >= 0 AND maintenance_discount <= 100)",
            "A maintenance discount is between 0 and 100 %.",
        ),
    ]

    def _compute_member_count(self):
        counts = dict(
            self.env["auto.loyalty.card"]._read_group(
                [("tier_id", "in", self.ids), ("state", "=", "active")],
                ["tier_id"],
                ["__count"],
            )
        )
        for tier in self:
            tier.member_count = counts.get(tier, 0)

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_loyalty.auto_loyalty_card_action"
        )
        action["domain"] = [("tier_id", "=", self.id)]
        return action
