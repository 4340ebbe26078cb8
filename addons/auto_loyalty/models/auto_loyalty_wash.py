from odoo import api, fields, models


class AutoLoyaltyWash(models.Model):
    """A free car wash (免费洗车) a member used, out of their tier's yearly
    allowance: recorded by the advisor on the card or the work order."""

    _name = "auto.loyalty.wash"
    _description = "Free Car Wash"
    _inherit = ["auto.system.fields.mixin"]
    _order = "date desc, id desc"

    card_id = fields.Many2one(
        "auto.loyalty.card",
        string="Membership Card",
        required=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(related="card_id.partner_id", store=True)
    company_id = fields.Many2one(related="card_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    repair_id = fields.Many2one(
        "repair.order",
        string="Work Order",
        index="btree_not_null",
        ondelete="set null",
    )
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user
    )

    _sql_constraints = [
        (
            "repair_uniq",
            "unique(repair_id)",
            "A work order includes one free car wash.",
        ),
    ]

    def _auto_system_fields(self):
        # When and by whom a wash was used is observed, not typed.
        return super()._auto_system_fields() | {"date", "user_id"}

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")  # before counting on the user's behalf
        cards = self.env["auto.loyalty.card"].browse(
            {vals["card_id"] for vals in vals_list if vals.get("card_id")}
        )
        # Two advisors recording the last wash at once: the second waits
        # here, then counts the first one.
        cards._auto_lock()
        today = fields.Date.context_today(self)
        for card in cards:
            years = [
                fields.Date.to_date(vals.get("date") or today).year
                for vals in vals_list
                if vals.get("card_id") == card.id
            ]
            card._auto_check_wash_allowance(years)
        return super().create(vals_list)
