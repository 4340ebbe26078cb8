from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AutoClubOffer(models.Model):
    """A partner merchant's offer to members (合作商户优惠), or one of the
    dealer's own member discounts (labour hours, roadside rescue)."""

    _name = "auto.club.offer"
    _description = "Member Offer"
    _check_company_auto = True
    _order = "date_to desc, id desc"

    name = fields.Char(string="Offer", required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    offer_type = fields.Selection(
        [
            ("merchant", "Partner Merchant"),
            ("labour", "Labour-hour Discount"),
            ("rescue", "Rescue Discount"),
        ],
        string="Type",
        required=True,
        default="merchant",
    )
    merchant_id = fields.Many2one(
        "res.partner",
        string="Merchant",
        help="The partner merchant who grants the offer.",
        check_company=True,
    )
    discount = fields.Float(string="Discount (%)")
    terms = fields.Text(translate=True)
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until", required=True)
    tier_ids = fields.Many2many(
        "auto.loyalty.tier",
        string="Member Tiers",
        help="Tiers the offer is for; empty means every member.",
    )
    club_ids = fields.Many2many(
        "auto.club",
        string="Clubs",
        help="Clubs the offer is for; empty means every member.",
        check_company=True,
    )
    is_valid = fields.Boolean(
        string="Valid Today", compute="_compute_is_valid", search="_search_is_valid"
    )

    _sql_constraints = [
        (
            "discount_range",
            "CHECK(discount >= 0 AND discount <= 100)",
            "A discount is between 0 and 100 %.",
        ),
        (
            "dates_order",
            "CHECK(date_from <= date_to)",
            "An offer cannot end before it starts.",
        ),
    ]

    @api.constrains("offer_type", "merchant_id")
    def _check_merchant(self):
        for offer in self:
            if offer.offer_type == "merchant" and not offer.merchant_id:
                raise ValidationError(
                    self.env._("Offer %(offer)s needs its merchant.", offer=offer.name)
                )

    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for offer in self:
            offer.is_valid = offer.date_from <= today <= offer.date_to

    def _search_is_valid(self, operator, value):
        today = fields.Date.context_today(self)
        domain = [("date_from", "<=", today), ("date_to", ">=", today)]
        if (operator == "=") == bool(value):
            return domain
        return ["!", "&", *domain]
