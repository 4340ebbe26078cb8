from odoo import api, fields, models

OLD_PART_STATES = [
    ("to_return", "To Return"),
    ("received", "Received"),
    ("shipped", "Shipped to Manufacturer"),
]


class StockMove(models.Model):
    """A part fitted under warranty leaves an old part (旧件) that the
    manufacturer wants back before it pays the claim: tracked per line."""

    _inherit = "stock.move"

    auto_old_part_state = fields.Selection(
        OLD_PART_STATES,
        string="Old Part",
        compute="_compute_auto_old_part_state",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    auto_claim_number = fields.Char(string="Warranty Claim")
    auto_old_part_shipped_date = fields.Date(string="Old Part Shipped On", copy=False)

    @api.depends("repair_id.auto_service_type", "repair_line_type")
    def _compute_auto_old_part_state(self):
        for move in self:
            claimed = (
                move.repair_line_type == "add"
                and move.repair_id.auto_service_type
                in (
                    "warranty",
                    "recall",
                )
            )
            if not move.auto_old_part_state and claimed:
                move.auto_old_part_state = "to_return"
            elif not claimed:
                move.auto_old_part_state = False

    def action_auto_old_part_received(self):
        self.filtered(lambda move: move.auto_old_part_state == "to_return").write(
            {"auto_old_part_state": "received"}
        )

    def action_auto_old_part_shipped(self):
        self.filtered(
            lambda move: move.auto_old_part_state in ("to_return", "received")
        ).write(
            {
                "auto_old_part_state": "shipped",
                "auto_old_part_shipped_date": fields.Date.context_today(self),
            }
        )
