from odoo import api, fields, models


class AutoStationTransferLine(models.TransientModel):
    _name = "auto.station.transfer.line"
    _description = "Part to Transfer between Stations"

    transfer_id = fields.Many2one(
        "auto.station.transfer", required=True, ondelete="cascade"
    )
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        domain="[('is_storable', '=', True)]",
    )
    quantity = fields.Float(
        default=1.0, required=True, digits="Product Unit of Measure"
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    qty_available = fields.Float(
        string="Available at the Station",
        compute="_compute_qty_available",
        digits="Product Unit of Measure",
        help="On hand at the station the parts leave, less what is reserved.",
    )

    @api.depends("product_id", "transfer_id.source_station_id")
    def _compute_qty_available(self):
        for line in self:
            stock = line.transfer_id.source_station_id.lot_stock_id
            line.qty_available = (
                line.product_id.with_context(location=stock.id).free_qty
                if stock and line.product_id
                else 0.0
            )
