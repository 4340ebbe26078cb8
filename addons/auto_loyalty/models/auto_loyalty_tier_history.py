from odoo import fields, models


class AutoLoyaltyTierHistory(models.Model):
    _name = "auto.loyalty.tier.history"
    _description = "Membership Tier Change"
    _order = "date desc, id desc"

    card_id = fields.Many2one(
        "auto.loyalty.card", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="card_id.partner_id", string="Member")
    old_tier_id = fields.Many2one("auto.loyalty.tier", string="From Tier")
    new_tier_id = fields.Many2one("auto.loyalty.tier", string="To Tier")
    date = fields.Date(required=True)
    spend_amount = fields.Float(string="Spend in Window")
    reason = fields.Selection(
        [("join", "Joined"), ("upgrade", "Upgrade"), ("downgrade", "Downgrade")],
        required=True,
    )
