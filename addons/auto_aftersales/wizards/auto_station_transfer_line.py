from odoo import fields, models


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
