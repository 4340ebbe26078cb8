from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

OLD_PART_STATES = [
    ("to_return", "To Return"),
    ("received", "Received"),
    ("shipped", "Shipped to Manufacturer"),
]


class StockMove(models.Model):
    """The parts lines of work orders: the parts counter issues them (配件出库),
    and a part fitted under warranty leaves an old part (旧件) that the
    manufacturer wants back before it pays the claim."""

    _inherit = "stock.move"

    auto_old_part_state = fields.Selection(
        OLD_PART_STATES,
        string="Old Part",
        compute="_compute_auto_old_part_state",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    auto_license_plate = fields.Char(related="repair_id.auto_license_plate")
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

    def action_auto_issue(self):
        """Hand work-order parts over the counter: they leave the station's
        stock now, not when the job ends."""
        lines = self.filtered(
            lambda move: (
                move.repair_line_type == "add"
                and move.repair_id.state in ("confirmed", "under_repair")
                and move.state not in ("done", "cancel")
            )
        )
        lines._action_assign()
        lines._auto_check_parts_on_hand()
        lines.picked = True
        lines._action_done(cancel_backorder=True)

    def _auto_check_parts_on_hand(self):
        """Refuse to issue more of a part than the station has, so that stock
        never turns negative by accident. A station may allow it explicitly:
        then the whole demand is issued, not only what could be reserved.
        Only the suite's service stations follow the rule; other warehouses'
        repairs keep Odoo's behaviour."""
        precision = self.env["decimal.precision"].precision_get(
            "Product Unit of Measure"
        )
        issues = self.filtered(
            lambda move: (
                move.repair_line_type == "add"
                and move.product_id.is_storable
                and move.state not in ("done", "cancel")
            )
        )
        for repair, moves in issues.grouped("repair_id").items():
            station = repair.picking_type_id.warehouse_id
            if not station.auto_is_service_station:
                continue
            if station.auto_allow_negative_stock:
                for move in moves:
                    missing = move.product_uom_qty - move.quantity
                    if float_compare(missing, 0, precision_digits=precision) > 0:
                        self.env["stock.move.line"].create(
                            move._prepare_move_line_vals(quantity=missing)
                        )
                continue
            needed = {}
            for move in moves:
                quantity = move.product_uom._compute_quantity(
                    move.product_uom_qty, move.product_id.uom_id
                )
                needed[move.product_id] = needed.get(move.product_id, 0) + quantity
            short = []
            for product, quantity in needed.items():
                on_hand = product.with_context(
                    location=repair.location_id.id
                ).qty_available
                if float_compare(on_hand, quantity, precision_digits=precision) < 0:
                    short.append(
                        self.env._(
                            "%(part)s: %(needed)s needed, %(on_hand)s on hand",
                            part=product.display_name,
                            needed=quantity,
                            on_hand=on_hand,
                        )
                    )
            if short:
                raise UserError(
                    self.env._(
                        "The parts of work order %(order)s cannot be issued: the "
                        "station does not have enough of them.\n%(parts)s",
                        order=repair.name,
                        parts="\n".join(short),
                    )
                )
