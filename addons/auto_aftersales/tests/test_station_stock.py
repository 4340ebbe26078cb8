from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AutoAftersalesCommon


@tagged("post_install", "-at_install")
class TestStationStock(AutoAftersalesCommon):
    """The parts clerk's stock: per station, reorder rules, transfers to
    another store's station."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store, _advisor = cls._second_store()
        cls.other_station = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.store.id)]
        )
        cls.other_station.write(
            {"name": "Hangzhou Service Station", "auto_is_service_station": True}
        )
        cls.other_clerk = new_test_user(
            cls.env,
            login="test_hangzhou_clerk",
            groups="auto_aftersales.group_auto_parts_clerk",
            company_id=cls.store.id,
            company_ids=cls.store.ids,
        )

    def _held(self, station):
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("product_id", "=", self.part.id),
                    ("location_id", "child_of", station.lot_stock_id.id),
                ]
            )
        )
        return sum(quants.mapped("quantity"))

    # Stock per station -----------------------------------------------------

    def test_stock_per_station(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_aftersales.stock_quant_action_station"
        )
        self.assertEqual(action["name"], "Stock per Station")
        menu = self.env.ref("auto_aftersales.stock_quant_menu_part")
        self.assertEqual(menu.action, self.env.ref(action["xml_id"]))
        self.assertEqual(menu.name, "Stock per Station")
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.clerk)._visible_menu_ids()
        )
        Quant = self.env["stock.quant"].with_user(self.clerk)
        groups = Quant._read_group(
            [*safe_eval(action["domain"]), ("product_id", "=", self.part.id)],
            ["auto_station_id"],
            ["quantity:sum"],
        )
        self.assertEqual(groups, [(self.station, 5.0)])
        quants = Quant.search([("auto_station_id", "=", self.station.id)])
        self.assertEqual(quants.auto_station_id, self.station)
        self.assertEqual(
            sum(
                quants.filtered(lambda q: q.product_id == self.part).mapped("quantity")
            ),
            5,
        )

    # Reorder rules ------------------------------------------------------------

    def test_parts_clerk_keeps_reorder_rules(self):
        Orderpoint = self.env["stock.warehouse.orderpoint"].with_user(self.clerk)
        with Form(Orderpoint) as form:
            form.product_id = self.part
            form.warehouse_id = self.station
            form.location_id = self.station.lot_stock_id
            form.product_min_qty = 4
            form.product_max_qty = 12
        rule = form.record
        self.assertEqual(rule.create_uid, self.clerk)
        self.assertEqual(rule.location_id, self.station.lot_stock_id)
        rule.product_min_qty = 6
        self.assertEqual(rule.product_min_qty, 6)
        self.assertIn(
            self.env.ref("auto_aftersales.stock_orderpoint_menu_part").id,
            self.env["ir.ui.menu"].with_user(self.clerk)._visible_menu_ids(),
        )
        # Advisors see the stock but do not plan its purchases.
        with self.assertRaises(AccessError):
            rule.with_user(self.advisor).product_max_qty = 20

    # Transfers between stores' stations --------------------------------------

    def _transfer(self, user=None, quantity=2, **vals):
        wizard = (
            self.env["auto.station.transfer"]
            .with_user(user or self.clerk)
            .create(
                {
                    "source_station_id": self.station.id,
                    "dest_station": str(self.other_station.id),
                    "line_ids": [
                        Command.create(
                            {"product_id": self.part.id, "quantity": quantity}
                        )
                    ],
                    **vals,
                }
            )
        )
        action = wizard.action_transfer()
        return self.env["stock.picking"].browse(action["res_id"])

    def test_transfer_to_another_stores_station(self):
        """One action: the delivery to transit here, the receipt from transit
        there, each naming the other; the stock moves when both sides are
        validated by their own clerks."""
        wizard_form = Form(self.env["auto.station.transfer"].with_user(self.clerk))
        source = wizard_form.source_station_id
        self.assertTrue(source.auto_is_service_station)
        self.assertEqual(source.company_id, self.clerk.company_id, "own station")
        choices = dict(
            self.env["auto.station.transfer"]
            .with_user(self.clerk)
            ._fields["dest_station"]
            ._description_selection(self.env(user=self.clerk))
        )
        self.assertIn(str(self.other_station.id), choices, "the other store's station")
        self.assertNotIn(str(self.station.id), choices, "not its own store's")

        delivery = self._transfer()
        transit = self.env.ref("stock.stock_location_inter_company")
        self.assertEqual(delivery.company_id, self.env.company)
        self.assertEqual(delivery.picking_type_id, self.station.out_type_id)
        self.assertEqual(delivery.location_dest_id, transit)
        self.assertEqual(delivery.state, "assigned")
        receipt = delivery.sudo().auto_transfer_peer_id
        self.assertEqual(receipt.company_id, self.store)
        self.assertEqual(receipt.picking_type_id, self.other_station.in_type_id)
        self.assertEqual(receipt.location_id, transit)
        self.assertEqual(receipt.location_dest_id, self.other_station.lot_stock_id)
        self.assertEqual(receipt.move_ids.product_uom_qty, 2)
        self.assertEqual(receipt.create_uid, self.clerk, "who started it")
        # Both sides name each other.
        self.assertEqual(receipt.auto_transfer_peer_id, delivery)
        self.assertEqual(delivery.origin, receipt.name)
        self.assertEqual(receipt.origin, delivery.name)
        self.assertIn(
            receipt.name, delivery.with_user(self.clerk).auto_transfer_peer_ref
        )
        self.assertIn(
            delivery.name,
            receipt.with_user(self.other_clerk).auto_transfer_peer_ref,
        )
        # The clerk does not otherwise see the other store's stock documents.
        with self.assertRaises(AccessError):
            receipt.with_user(self.clerk).check_access("read")

        delivery.with_user(self.clerk).button_validate()
        self.assertEqual(delivery.state, "done")
        self.assertEqual(self._held(self.station), 3, "left this station")
        self.assertEqual(self._held(self.other_station), 0, "in transit")
        self.assertEqual(receipt.state, "assigned", "the parts in transit await it")
        receipt.with_user(self.other_clerk).with_company(self.store).button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self._held(self.other_station), 2, "arrived")

    def test_transfer_is_checked(self):
        with self.assertRaises(AccessError):
            self.env["auto.station.transfer"].with_user(self.advisor).create(
                {"source_station_id": self.station.id}
            )
        # From another store's station: the clerk cannot ship its parts.
        with self.assertRaises(AccessError):
            self._transfer(user=self.clerk, source_station_id=self.other_station.id)
        # Within one store, an internal transfer does it: not offered, and
        # refused when sent all the same.
        with self.assertRaises(UserError):
            self._transfer(dest_station=str(self.station.id))
        with self.assertRaises(UserError):
            self._transfer(quantity=0)

        # A hand-made link between two pickings is refused.
        delivery = self._transfer()
        with self.assertRaises(AccessError):
            delivery.with_user(self.clerk).auto_transfer_peer_id = False
        # Not more than the station has: 5 on hand, 2 reserved by that one.
        with self.assertRaisesRegex(UserError, "4.0 to send, 3.0 available"):
            self._transfer(quantity=4)
        self.station.sudo().auto_allow_negative_stock = True
        self.assertEqual(self._transfer(quantity=4).move_ids.product_uom_qty, 4)
