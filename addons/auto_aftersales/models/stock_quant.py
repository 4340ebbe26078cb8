from odoo import fields, models


class StockQuant(models.Model):
    """Parts on hand, by the service station that holds them (站点库存)."""

    _inherit = "stock.quant"

    auto_station_id = fields.Many2one(
        related="location_id.warehouse_id",
        string="Station",
        store=True,
        index="btree_not_null",
    )
