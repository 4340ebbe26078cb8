from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _compute_discount(self):
        super()._compute_discount()
        # A member's birthday free maintenance (生日免费保养): the labour of
        # the work order's quotation is free, lines added later included.
        for line in self:
            if line.product_id.type == "service" and any(
                line.order_id.sudo().repair_order_ids.mapped("auto_birthday_free")
            ):
                line.discount = 100.0
