from odoo import fields, models, tools
from odoo.tools import SQL

# Issues counted for the turnover: parts consumed by work orders (production
# location) or sold over the counter (customer location).
TURNOVER_DAYS = 365


class AutoPartsTurnoverReport(models.Model):
    """Parts stock and turnover per station (库存周转率): what is on hand, what
    left the station over the last 12 months, at the parts' cost."""

    _name = "auto.parts.turnover.report"
    _description = "Parts Turnover by Station"
    _auto = False
    _order = "station_id, value_issued desc"

    station_id = fields.Many2one("stock.warehouse", string="Service Station")
    company_id = fields.Many2one("res.company", string="Company")
    product_id = fields.Many2one("product.product", string="Part")
    categ_id = fields.Many2one("product.category", string="Category")
    qty_on_hand = fields.Float(string="On Hand")
    value_on_hand = fields.Float(string="Value on Hand")
    qty_issued = fields.Float(string="Issued (12 months)")
    value_issued = fields.Float(string="Value Issued (12 months)")
    turnover = fields.Float(
        string="Turnover",
        aggregator=None,
        digits=(16, 2),
        help="Value issued over 12 months / value on hand. The station's "
        "figure is on the service station.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(table)s AS (
                    WITH on_hand AS (
                        SELECT location.warehouse_id, quant.product_id,
                               sum(quant.quantity) AS qty
                          FROM stock_quant quant
                          JOIN stock_location location
                            ON location.id = quant.location_id
                         WHERE location.usage = 'internal'
                           AND location.warehouse_id IS NOT NULL
                         GROUP BY location.warehouse_id, quant.product_id
                    ), issued AS (
                        SELECT source.warehouse_id, move.product_id,
                               sum(move.product_qty) AS qty
                          FROM stock_move move
                          JOIN stock_location source ON source.id = move.location_id
                          JOIN stock_location dest ON dest.id = move.location_dest_id
                         WHERE move.state = 'done'
                           AND source.warehouse_id IS NOT NULL
                           AND dest.usage IN ('production', 'customer')
                           AND move.date >= now() - %(days)s * interval '1 day'
                         GROUP BY source.warehouse_id, move.product_id
                    ), stock AS (
                        SELECT warehouse_id, product_id,
                               COALESCE(on_hand.qty, 0) AS qty_on_hand,
                               COALESCE(issued.qty, 0) AS qty_issued
                          FROM on_hand FULL JOIN issued
                         USING (warehouse_id, product_id)
                    )
                    SELECT row_number() OVER (
                               ORDER BY stock.warehouse_id, stock.product_id
                           ) AS id,
                           stock.warehouse_id AS station_id,
                           warehouse.company_id,
                           stock.product_id,
                           template.categ_id,
                           stock.qty_on_hand,
                           stock.qty_on_hand * cost.value AS value_on_hand,
                           stock.qty_issued,
                           stock.qty_issued * cost.value AS value_issued,
                           CASE WHEN stock.qty_on_hand > 0
                                THEN stock.qty_issued / stock.qty_on_hand
                           END AS turnover
                      FROM stock
                      JOIN stock_warehouse warehouse
                        ON warehouse.id = stock.warehouse_id
                      JOIN product_product product ON product.id = stock.product_id
                      JOIN product_template template
                        ON template.id = product.product_tmpl_id
                     CROSS JOIN LATERAL (
                        SELECT COALESCE((product.standard_price
                                         ->> warehouse.company_id::text)::numeric,
                                        0) AS value
                     ) cost
                     WHERE template.auto_is_part
                )
                """,
                table=SQL.identifier(self._table),
                days=TURNOVER_DAYS,
            )
        )
