from odoo import api, fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    auto_spend_amount = fields.Monetary(
        string="Work Order Value",
        compute="_compute_auto_spend_amount",
        store=True,
        currency_field="auto_currency_id",
        help="Untaxed total of its quotation, else its parts at sales price: "
        "what the job counts for in tiers, points and RFM.",
    )
    auto_currency_id = fields.Many2one(related="company_id.currency_id")
    auto_member_tier_id = fields.Many2one(
        "auto.loyalty.tier",
        string="Member Tier",
        compute="_compute_auto_member_tier_id",
    )
    auto_points_earned = fields.Integer(
        string="Points Earned", compute="_compute_auto_points"
    )
    auto_points_redeemed = fields.Integer(
        string="Points Redeemed", compute="_compute_auto_points"
    )

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {"auto_spend_amount"}

    @api.depends(
        "sale_order_id.amount_untaxed",
        "move_ids.product_uom_qty",
        "move_ids.repair_line_type",
        "move_ids.product_id",
    )
    def _compute_auto_spend_amount(self):
        for repair in self:
            if repair.sale_order_id:
                repair.auto_spend_amount = repair.sale_order_id.amount_untaxed
                continue
            repair.auto_spend_amount = sum(
                move.product_uom_qty * move.product_id.lst_price
                for move in repair.move_ids
                if move.repair_line_type == "add"
            )

    @api.depends("partner_id")
    @api.depends_context("uid")
    def _compute_auto_member_tier_id(self):
        # The tier of the card the user may see (none for users of other
        # apps, e.g. an accountant or a stock user reading the work order).
        for repair in self:
            repair.auto_member_tier_id = repair.partner_id.auto_loyalty_card_id.tier_id

    def _compute_auto_points(self):
        moves = (
            self.env["auto.loyalty.move"]
            .sudo()
            .search(
                [
                    ("source_ref", "in", [f"repair.order,{rid}" for rid in self.ids]),
                    ("move_type", "in", ("earn", "redeem")),
                ]
            )
        )
        for repair in self:
            own = moves.filtered(lambda move, repair=repair: move.source_ref == repair)
            repair.auto_points_earned = sum(
                own.filtered(lambda move: move.move_type == "earn").mapped("points")
            )
            repair.auto_points_redeemed = -sum(
                own.filtered(lambda move: move.move_type == "redeem").mapped("points")
            )

    @api.model_create_multi
    def create(self, vals_list):
        repairs = super().create(vals_list)
        # Priority repair (优先维修) is a tier benefit: star the job, whoever
        # opens it (the tier is read as the system).
        repairs.filtered(
            lambda repair: repair.sudo().auto_member_tier_id.priority_repair
        ).priority = "1"
        return repairs

    def action_create_sale_order(self):
        result = super().action_create_sale_order()
        # The member's maintenance discount, whoever quotes the job.
        for repair in self.filtered(
            lambda repair: repair.auto_service_type == "maintenance"
        ):
            discount = repair.sudo().auto_member_tier_id.maintenance_discount
            if discount:
                repair.sale_order_id.order_line.filtered(
                    lambda line: line.price_unit > 0
                ).discount = discount
        return result

    def action_repair_done(self):
        result = super().action_repair_done()
        for repair in self:
            card = repair.partner_id.sudo().auto_loyalty_card_id
            if not card:
                continue
            if repair.sale_order_id:
                lines = [
                    (line.product_id, line.price_subtotal)
                    for line in repair.sale_order_id.order_line
                ]
            else:
                lines = [
                    (move.product_id, move.product_uom_qty * move.product_id.lst_price)
                    for move in repair.move_ids
                    if move.repair_line_type == "add"
                ]
            card._auto_earn(repair, lines, repair.auto_service_type)
        return result

    def action_auto_redeem_points(self):
        self.ensure_one()
        action = self.partner_id.auto_loyalty_card_id._auto_wizard_action(
            "auto_loyalty.auto_loyalty_redeem_wizard_action"
        )
        action["context"].update(
            default_repair_id=self.id, default_purpose="work_order"
        )
        return action
