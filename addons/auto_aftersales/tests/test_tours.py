from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.auto_crm_leads.tests.common import AutoTourCase


@tagged("post_install", "-at_install")
class TestAftersalesTours(AutoTourCase):
    def setUp(self):
        super().setUp()
        self.clerk = new_test_user(
            self.env,
            login="tour_parts_clerk",
            password="tour_parts_clerk",
            groups="auto_aftersales.group_auto_parts_clerk",
            tz="Asia/Shanghai",
        )
        # A new station, so that its receipts are TPS/IN/... and it starts empty.
        self.station = self.env["stock.warehouse"].create(
            {
                "name": "Tour Parts Station",
                "code": "TPS",
                "auto_is_service_station": True,
            }
        )
        self.part = self.env["product.product"].create(
            {
                "name": "Tour Brake Disc",
                "auto_is_part": True,
                "auto_part_number": "TOUR-BD-0001",
                "is_storable": True,
                "standard_price": 420.0,
            }
        )
        self.purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.env["res.partner"]
                .create({"name": "Tour Parts Supplier"})
                .id,
                "picking_type_id": self.station.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.part.id,
                            "product_qty": 6,
                            "price_unit": 420,
                        }
                    )
                ],
            }
        )
        self.purchase.button_confirm()
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Brand"})
        vehicle = self.env["fleet.vehicle"].create(
            {
                "model_id": self.env["fleet.vehicle.model"]
                .create({"name": "Tour Model", "brand_id": brand.id})
                .id,
                "owner_id": self.env["res.partner"].create({"name": "Tour Owner"}).id,
                "license_plate": "京AT0UR1",
            }
        )
        self.work_order = self.env["repair.order"].create(
            {
                "auto_vehicle_id": vehicle.id,
                "picking_type_id": self.station.repair_type_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "repair_line_type": "add",
                            "product_id": self.part.id,
                            "product_uom_qty": 3,
                        }
                    )
                ],
            }
        )
        self.work_order.action_validate()
        self.assertEqual(self._on_hand(), 0)

    def _on_hand(self):
        return self.part.with_context(
            location=self.station.lot_stock_id.id
        ).qty_available

    def test_parts_clerk_receives_parts_and_issues_them_to_a_work_order(self):
        self.start_tour("/odoo", "auto_aftersales_parts_tour", login=self.clerk.login)
        receipt = self.purchase.picking_ids.filtered(lambda p: not p.backorder_id)
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.move_ids.quantity, 4, "the quantity the clerk set")
        self.assertEqual(receipt.location_dest_id, self.station.lot_stock_id)
        self.assertEqual(self.purchase.order_line.qty_received, 4)
        backorder = self.purchase.picking_ids - receipt
        self.assertEqual(backorder.move_ids.product_uom_qty, 2)
        self.assertEqual(backorder.state, "assigned")
        line = self.work_order.move_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(line.state, "done", "the part is issued")
        self.assertEqual(line.quantity, 3)
        self.assertEqual(line.location_id, self.station.lot_stock_id)
        self.assertEqual(line.write_uid, self.clerk)
        self.assertEqual(self.work_order.state, "confirmed", "the job goes on")
        # 4 received, 3 issued.
        self.assertEqual(self._on_hand(), 1)
        # The job's end does not issue the part a second time.
        self.work_order.action_repair_start()
        self.work_order.action_repair_end()
        self.assertEqual(self.work_order.state, "done")
        self.assertEqual(self._on_hand(), 1)


@tagged("post_install", "-at_install")
class TestCallCentreTour(AutoTourCase):
    def test_call_agent_takes_a_complaint_and_dispatches_it(self):
        agent = self.env.ref("auto_crm_leads.user_call_agent_demo")
        station = self.env["stock.warehouse"].create(
            {
                "name": "Tour Service Station",
                "code": "TSS",
                "auto_is_service_station": True,
            }
        )
        caller = self.env["res.partner"].create(
            {"name": "Tour Caller", "phone": "+86 139 0013 9777"}
        )
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Brand"})
        vehicle = self.env["fleet.vehicle"].create(
            {
                "model_id": self.env["fleet.vehicle.model"]
                .create({"name": "Tour Model", "brand_id": brand.id})
                .id,
                "owner_id": caller.id,
                "license_plate": "京ATC777",
            }
        )
        # The vehicle was last serviced at the tour's station.
        self.env["repair.order"].create(
            {
                "partner_id": caller.id,
                "auto_vehicle_id": vehicle.id,
                "picking_type_id": station.repair_type_id.id,
            }
        )
        self.start_tour(
            "/odoo/action-auto_aftersales.helpdesk_ticket_action_complaint",
            "auto_aftersales_call_centre_tour",
            login=agent.login,
        )
        ticket = self.env["helpdesk.ticket"].search([("partner_id", "=", caller.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.auto_request_type, "complaint")
        self.assertEqual(ticket.auto_vehicle_id, vehicle)
        self.assertEqual(ticket.auto_station_id, station)
        self.assertTrue(ticket.auto_dispatch_date)
        self.assertEqual(
            ticket.stage_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
        )
        self.assertEqual(ticket.create_uid, agent)
