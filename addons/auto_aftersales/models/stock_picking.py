from odoo import api, fields, models


class StockPicking(models.Model):
    """The two sides of a transfer between stores' stations name each other:
    the delivery to transit at one station, the receipt from transit at the
    other (auto.station.transfer)."""

    _name = "stock.picking"
    _inherit = ["stock.picking", "auto.system.fields.mixin"]

    # Across stores by design: no company check.
    auto_transfer_peer_id = fields.Many2one(
        "stock.picking",
        string="Other Side",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    auto_transfer_peer_ref = fields.Char(
        string="Station Transfer",
        compute="_compute_auto_transfer_peer_ref",
        help="The other side of the transfer between stations: its reference "
        "and station, visible also to the clerk of the other store.",
    )

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {"auto_transfer_peer_id"}

    @api.depends("auto_transfer_peer_id")
    def _compute_auto_transfer_peer_ref(self):
        for picking in self:
            peer = picking.auto_transfer_peer_id.sudo()
            picking.auto_transfer_peer_ref = peer and self.env._(
                "%(reference)s at %(station)s (%(state)s)",
                reference=peer.name,
                station=peer.picking_type_id.warehouse_id.name,
                state=dict(peer._fields["state"]._description_selection(self.env)).get(
                    peer.state
                ),
            )

    def _action_done(self):
        result = super()._action_done()
        # The parts shipped are in transit: the other station's receipt
        # reserves them at once, ready for its clerk to validate (the system's
        # follow-up of the delivery just validated, in the other store).
        receipts = (
            self.filtered(lambda picking: picking.state == "done")
            .auto_transfer_peer_id.sudo()
            .filtered(
                lambda receipt: (
                    receipt.state in ("confirmed", "waiting")
                    and receipt.location_id.usage == "transit"
                )
            )
        )
        for receipt in receipts:
            receipt.with_company(receipt.company_id).action_assign()
        return result
