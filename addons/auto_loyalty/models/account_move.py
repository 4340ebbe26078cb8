from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _invoice_paid_hook(self):
        """A paid sales order (vehicle, parts, accessories) earns points; a work
        order's quotation does not, the work order earned when done."""
        result = super()._invoice_paid_hook()
        orders = self.filtered(lambda move: move.move_type == "out_invoice").mapped(
            "invoice_line_ids.sale_line_ids.order_id"
        )
        repaired = (
            self.env["repair.order"]
            .sudo()
            .search([("sale_order_id", "in", orders.ids)])
            .sale_order_id
        )
        for order in orders - repaired:
            card = order.partner_id.sudo().auto_loyalty_card_id
            if card:
                card._auto_earn(
                    order,
                    [
                        (line.product_id, line.price_subtotal)
                        for line in order.order_line
                    ],
                )
        return result
