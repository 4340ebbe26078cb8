from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare


class AutoStationTransfer(models.TransientModel):
    """Send parts from a station to another store's station in one step: the
    delivery to Odoo's inter-company transit location at the source and the
    matching receipt from transit at the destination, each naming the other.
    The source's clerk ships; the destination's clerk receives."""

    _name = "auto.station.transfer"
    _description = "Parts Transfer between Stations"

    source_station_id = fields.Many2one(
        "stock.warehouse",
        string="From Station",
        required=True,
        default=lambda self: self._default_source_station_id(),
        domain="[('auto_is_service_station', '=', True)]",
    )
    dest_station = fields.Selection(
        selection="_selection_dest_station",
        string="To Station",
        required=True,
        help="A service station of another store of the group.",
    )
    line_ids = fields.One2many(
        "auto.station.transfer.line", "transfer_id", string="Parts"
    )

    @api.model
    def _default_source_station_id(self):
        if self.env.context.get("active_model") == "stock.warehouse":
            return self.env.context.get("active_id")
        return self.env["stock.warehouse"].search(
            [
                ("auto_is_service_station", "=", True),
                ("company_id", "=", self.env.company.id),
            ],
            limit=1,
        )

    @api.model
    def _selection_dest_station(self):
        """Every store's service stations: the clerk names where the parts go,
        also in a store whose records they do not otherwise see."""
        # Not the user's own store's: parts move there by internal transfer.
        stations = self._auto_dest_stations().filtered(
            lambda station: station.company_id != self.env.company
        )
        return [
            (str(station.id), f"{station.name} ({station.company_id.name})")
            for station in stations
        ]

    @api.model
    def _auto_dest_stations(self):
        return (
            self.env["stock.warehouse"]
            .sudo()
            .search([("auto_is_service_station", "=", True)], order="company_id, id")
        )

    def action_transfer(self):
        """Create and confirm both sides; open the delivery."""
        self.ensure_one()
        source, dest = self._auto_check_transfer()
        transit = self._auto_transit_location()
        Picking = self.env["stock.picking"]
        # The clerk's own side, with their rights.
        delivery = Picking.with_company(source.company_id).create(
            self._prepare_delivery_vals(source, dest, transit)
        )
        # The other store's side: checked above, created for it.
        receipt = (
            Picking.sudo()
            .with_company(dest.company_id)
            .create(self._prepare_receipt_vals(source, dest, transit, delivery))
        )
        delivery.origin = receipt.name
        delivery.sudo().auto_transfer_peer_id = receipt
        delivery.action_confirm()
        delivery.action_assign()
        receipt.action_confirm()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": delivery.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _auto_check_transfer(self):
        """The explicit check before the other store's receipt is created for
        it: a parts clerk, shipping from a station of one of their active
        stores, to a service station of another store, some parts."""
        if not self.env.user.has_group("auto_aftersales.group_auto_parts_clerk"):
            raise AccessError(
                self.env._("Only parts clerks transfer parts between stations.")
            )
        source = self.source_station_id
        source.check_access("read")
        if source.company_id not in self.env.companies:
            raise AccessError(
                self.env._(
                    "Parts leave %(station)s only from its own store.",
                    station=source.display_name,
                )
            )
        self.env["stock.picking"].with_company(source.company_id).check_access("create")
        dest = self._auto_dest_stations().filtered(
            lambda station: str(station.id) == self.dest_station
        )
        if not (source.auto_is_service_station and dest):
            raise UserError(
                self.env._("Transfers go from a service station to another.")
            )
        if dest.company_id == source.company_id:
            raise UserError(
                self.env._(
                    "%(station)s belongs to the same store: move the parts with an "
                    "internal transfer.",
                    station=dest.name,
                )
            )
        lines = self.line_ids.filtered(lambda line: line.quantity > 0)
        if not lines:
            raise UserError(self.env._("Add the parts to transfer."))
        # As for a work order: a station sends only the parts it has, unless
        # it allows negative parts stock.
        short = [
            self.env._(
                "%(part)s: %(quantity)s to send, %(available)s available",
                part=line.product_id.display_name,
                quantity=line.quantity,
                available=line.qty_available,
            )
            for line in lines
            if not source.auto_allow_negative_stock
            and float_compare(
                line.quantity,
                line.qty_available,
                precision_rounding=line.product_id.uom_id.rounding,
            )
            > 0
        ]
        if short:
            raise UserError(
                self.env._(
                    "These parts cannot leave %(station)s: it does not have "
                    "enough of them.\n%(parts)s",
                    station=source.name,
                    parts="\n".join(short),
                )
            )
        return source, dest

    def _auto_transit_location(self):
        # Odoo's inter-company transit, active as soon as a store resupplies
        # another (stock.warehouse._get_transit_locations).
        transit = self.env.ref("stock.stock_location_inter_company").sudo()
        if not transit.active:
            transit.active = True
        return transit.with_env(self.env)

    def _prepare_move_vals(self, location, location_dest):
        return [
            Command.create(
                {
                    "name": line.product_id.display_name,
                    "product_id": line.product_id.id,
                    "product_uom_qty": line.quantity,
                    "product_uom": line.product_id.uom_id.id,
                    "location_id": location.id,
                    "location_dest_id": location_dest.id,
                }
            )
            for line in self.line_ids
            if line.quantity > 0
        ]

    def _prepare_delivery_vals(self, source, dest, transit):
        return {
            "picking_type_id": source.out_type_id.id,
            "location_id": source.lot_stock_id.id,
            "location_dest_id": transit.id,
            "company_id": source.company_id.id,
            "move_ids": self._prepare_move_vals(source.lot_stock_id, transit),
        }

    def _prepare_receipt_vals(self, source, dest, transit, delivery):
        return {
            "picking_type_id": dest.in_type_id.id,
            "location_id": transit.id,
            "location_dest_id": dest.lot_stock_id.id,
            "company_id": dest.company_id.id,
            "origin": delivery.name,
            "auto_transfer_peer_id": delivery.id,
            "move_ids": self._prepare_move_vals(transit, dest.lot_stock_id),
        }
