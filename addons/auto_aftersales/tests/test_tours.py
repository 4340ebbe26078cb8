from odoo import Command, fields
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
class TestRoleTours(AutoTourCase):
    """The demo advisor's and parts clerk's day, logged in as them."""

    def _part(self, name, number, models=None, quantity=0):
        part = (
            self.env["product.template"]
            .create(
                {
                    "name": name,
                    "auto_is_part": True,
                    "auto_part_number": number,
                    "is_storable": True,
                    "list_price": 100,
                    "auto_fitment_model_ids": [
                        Command.set(models.ids if models else [])
                    ],
                }
            )
            .product_variant_id
        )
        if quantity:
            self.env["stock.quant"].with_context(inventory_mode=True).create(
                {
                    "product_id": part.id,
                    "location_id": self.beijing.lot_stock_id.id,
                    "inventory_quantity": quantity,
                }
            ).action_apply_inventory()
        return part

    def setUp(self):
        super().setUp()
        self.beijing = self.env.ref("stock.warehouse0")
        self.beijing.name = "Tour Beijing Station"

    def test_service_advisor_books_a_reminder_and_completes_a_work_order(self):
        advisor = self.env.ref("auto_aftersales.user_service_advisor_demo")
        magotan = self.env.ref("auto_crm_leads.model_magotan_demo")
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "phone": "+86 139 1000 2000"}
        )
        vehicle = self.env["fleet.vehicle"].create(
            {
                "model_id": magotan.id,
                "owner_id": customer.id,
                "license_plate": "京AT0UR2",
                "auto_service_advisor_id": advisor.id,
                "company_id": self.beijing.company_id.id,
            }
        )
        log = self.env["auto.service.reminder.log"].create(
            {
                "reminder_id": self.env.ref(
                    "auto_aftersales.auto_service_reminder_insurance"
                ).id,
                "vehicle_id": vehicle.id,
                "partner_id": customer.id,
                "user_id": advisor.id,
                "company_id": self.beijing.company_id.id,
                "due_date": fields.Date.today(),
                "event_key": "tour",
            }
        )
        # Sorted by number the other model's filter comes first.
        other = self._part(
            "Tour Filter A",
            "0000TOURA",
            self.env.ref("auto_crm_leads.model_camry_demo"),
            quantity=3,
        )
        fitting = self._part("Tour Filter B", "0000TOURB", magotan, quantity=3)
        work_order = self.env["repair.order"].create(
            {
                "partner_id": customer.id,
                "auto_vehicle_id": vehicle.id,
                "picking_type_id": self.beijing.repair_type_id.id,
                "user_id": advisor.id,
            }
        )
        self.start_tour(
            "/odoo/reminders-due", "auto_aftersales_advisor_tour", login=advisor.login
        )
        self.assertEqual(log.result, "booked")
        self.assertEqual(log.result_user_id, advisor)
        self.assertEqual(work_order.state, "done")
        self.assertEqual(work_order.move_ids.product_id, fitting)
        self.assertEqual(work_order.move_ids.state, "done")
        self.assertEqual(
            fitting.with_context(location=self.beijing.lot_stock_id.id).qty_available,
            2,
        )
        self.assertTrue(other.exists())

    def test_parts_clerk_keeps_stock_and_sends_parts_to_the_other_store(self):
        clerk = self.env.ref("auto_aftersales.user_parts_clerk_demo")
        hangzhou = self.env.ref("auto_crm_leads.company_hangzhou_demo")
        other_station = self.env["stock.warehouse"].search(
            [("company_id", "=", hangzhou.id), ("auto_is_service_station", "=", True)]
        )
        other_station.name = "Tour Hangzhou Station"
        part = self._part("Tour Caliper", "TOURPART1", quantity=5)
        self.start_tour(
            "/odoo/stock-per-station",
            "auto_aftersales_station_tour",
            login=clerk.login,
        )
        rule = self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "=", part.id)]
        )
        self.assertEqual(len(rule), 1)
        self.assertEqual(rule.create_uid, clerk)
        self.assertEqual((rule.product_min_qty, rule.product_max_qty), (2, 10))
        self.assertEqual(rule.warehouse_id, self.beijing)
        delivery = self.env["stock.picking"].search(
            [
                ("product_id", "=", part.id),
                ("company_id", "=", self.beijing.company_id.id),
            ]
        )
        self.assertEqual(len(delivery), 1)
        self.assertEqual(delivery.create_uid, clerk)
        receipt = delivery.auto_transfer_peer_id
        self.assertEqual(receipt.company_id, hangzhou)
        self.assertEqual(receipt.location_dest_id, other_station.lot_stock_id)
        self.assertEqual(receipt.move_ids.product_uom_qty, 2)
        self.assertEqual(receipt.origin, delivery.name)
        self.assertEqual(delivery.origin, receipt.name)


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
