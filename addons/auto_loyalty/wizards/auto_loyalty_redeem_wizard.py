from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..models.res_config_settings import loyalty_param

# Who spends a member's points at the desk; the ledger itself stays read-only
# to them, so their wizards post the move as the system once checked.
POINTS_DESK_GROUPS = (
    "auto_aftersales.group_auto_service_advisor",
    "auto_loyalty.group_auto_loyalty_manager",
)


def check_points_desk(env, card):
    """Refuse the user who may not move ``card``'s points: not at the points
    desk, or not allowed to see the card."""
    if not any(env.user.has_group(group) for group in POINTS_DESK_GROUPS):
        raise AccessError(
            env._(
                "Only service advisors and membership administrators redeem or "
                "transfer points."
            )
        )
    card.check_access("read")


class AutoLoyaltyRedeemWizard(models.TransientModel):
    """Redeem points (积分兑换) for a work-order deduction or merchandise."""

    _name = "auto.loyalty.redeem.wizard"
    _description = "Redeem Points"

    card_id = fields.Many2one("auto.loyalty.card", required=True, readonly=True)
    balance = fields.Integer(related="card_id.points_balance", string="Balance")
    purpose = fields.Selection(
        [
            ("work_order", "Work Order Deduction"),
            ("merchandise", "Parts or Merchandise"),
        ],
        required=True,
        default="work_order",
    )
    repair_id = fields.Many2one(
        "repair.order",
        string="Work Order",
        domain="[('partner_id', '=', partner_id), ('state', '!=', 'cancel')]",
    )
    partner_id = fields.Many2one(related="card_id.partner_id")
    product_id = fields.Many2one("product.product", string="Item")
    quantity = fields.Integer(default=1)
    points = fields.Integer(required=True)
    currency_id = fields.Many2one(related="card_id.currency_id")
    amount = fields.Monetary(string="Deduction", compute="_compute_amount")

    @api.depends("points")
    def _compute_amount(self):
        value = loyalty_param(self.env, "point_value")
        for wizard in self:
            wizard.amount = wizard.points * value

    def action_confirm(self):
        self.ensure_one()
        check_points_desk(self.env, self.card_id)
        if self.points <= 0:
            raise ValidationError(self.env._("Redeem a positive number of points."))
        if self.purpose == "work_order":
            return self._redeem_on_work_order()
        if not self.product_id or self.quantity <= 0:
            raise ValidationError(
                self.env._("Choose the item and a positive quantity.")
            )
        member_env = self.card_id.partner_id._auto_lang_env()
        self._post(
            member_env._(
                "Redeemed for %(quantity)s × %(item)s",
                quantity=self.quantity,
                item=self.product_id.with_context(lang=member_env.lang).display_name,
            ),
            f"product.product,{self.product_id.id}",
        )

    def _redeem_on_work_order(self):
        repair = self.repair_id
        if not repair:
            raise ValidationError(self.env._("Choose the work order to deduct from."))
        repair.check_access("write")  # its quotation gets the deduction line
        if repair.partner_id != self.card_id.partner_id:
            raise ValidationError(
                self.env._(
                    "Work order %(order)s is not this member's.", order=repair.name
                )
            )
        already = repair.auto_points_redeemed * loyalty_param(self.env, "point_value")
        if self.amount > repair.auto_spend_amount - already:
            raise ValidationError(
                self.env._(
                    "A deduction of %(amount)s exceeds what is left to pay on work "
                    "order %(order)s (%(left)s).",
                    amount=self.amount,
                    order=repair.name,
                    left=repair.auto_spend_amount - already,
                )
            )
        self._post(
            self.card_id.partner_id._auto_lang_env()._(
                "Deducted on work order %(order)s", order=repair.name
            ),
            f"repair.order,{repair.id}",
        )
        if not repair.sale_order_id:
            repair.action_create_sale_order()
        deduction = self.env.ref("auto_loyalty.product_points_deduction")
        self.env["sale.order.line"].create(
            {
                "order_id": repair.sale_order_id.id,
                "product_id": deduction.id,
                "name": self.env._(
                    "Points deduction: %(points)s points", points=self.points
                ),
                "product_uom_qty": 1,
                "price_unit": -self.amount,
                "tax_id": False,
            }
        )

    def _post(self, description, source_ref):
        # action_confirm checked the user's right to spend the card's points.
        self.env["auto.loyalty.move"].sudo().create(
            {
                "card_id": self.card_id.id,
                "move_type": "redeem",
                "points": -self.points,
                "description": description,
                "source_ref": source_ref,
            }
        )
