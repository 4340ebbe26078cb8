from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AutoAftersalesCommon


@tagged("post_install", "-at_install")
class TestWorkOrder(AutoAftersalesCommon):
    def test_full_flow_from_call_to_detractor_callback(self):
        # The call centre logs a complaint: the caller is found by number.
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.call_agent)
            .create(
                {
                    "name": "Brakes squeal after the last service",
                    "description": "<p>Squealing when braking.</p>",
                    "auto_request_type": "complaint",
                    "auto_caller_phone": "13800138765",
                    "auto_station_id": self.station.id,
                    "user_id": self.call_agent.id,
                }
            )
        )
        self.assertEqual(ticket.partner_id, self.customer_a)
        self.assertEqual(ticket.auto_vehicle_id, self.vehicle)
        self.assertEqual(
            ticket.auto_first_contact_deadline - ticket.create_date,
            timedelta(minutes=10),
        )
        ticket.action_auto_first_contact()
        ticket.action_auto_dispatch()
        self.assertTrue(ticket.auto_dispatch_date)
        self.assertIn(self.aftersales_manager, ticket.activity_ids.user_id)

        # The advisor opens the work order from the request, issues 2 pads.
        context = ticket.with_user(self.advisor).action_auto_create_work_order()[
            "context"
        ]
        repair = self._work_order(
            parts=2,
            auto_ticket_id=context["default_auto_ticket_id"],
            auto_service_type=context["default_auto_service_type"],
            auto_odometer_in=12000,
        )
        self.assertEqual(ticket.auto_repair_ids, repair)
        self.assertEqual(self.vehicle.odometer, 12000)
        self.assertEqual(self._on_hand(), 5)
        self._complete(repair)
        self.assertEqual(repair.state, "done")
        self.assertEqual(self._on_hand(), 3, "the pads left the station's stock")
        self.assertEqual(
            repair.move_ids.location_dest_id.usage, "production", "consumed by a job"
        )
        self.assertEqual(self.vehicle.auto_service_advisor_id, self.advisor)

        # Post-service loop: SMS in 24 h, call in 7 days, reminder in 30 days.
        delays = sorted(
            (activity.auto_deadline - repair.auto_done_date)
            for activity in repair.activity_ids
        )
        self.assertEqual(
            delays, [timedelta(hours=24), timedelta(days=7), timedelta(days=30)]
        )
        self.assertEqual(repair.activity_ids.user_id, self.advisor)

        # The station reports completion; the call centre calls back.
        ticket.action_auto_report_completion()
        self.assertEqual(
            ticket.auto_callback_deadline - ticket.auto_resolved_date,
            timedelta(hours=24),
        )
        ticket.auto_callback_note = "Pads replaced, no noise any more."
        ticket.with_user(self.call_agent).action_auto_log_callback()
        self.assertTrue(ticket.auto_callback_date)
        self.assertFalse(ticket.auto_sla_breached)

        # Survey: CSAT 2 opens one callback ticket, answering again no second.
        repair.with_user(self.advisor).write(
            {"auto_csat": "2", "auto_survey_comment": "Waited too long."}
        )
        callback = repair.auto_callback_ticket_id
        self.assertEqual(callback.auto_request_type, "callback")
        self.assertEqual(callback.partner_id, self.customer_a)
        self.assertEqual(callback.auto_source_repair_id, repair)
        repair.with_user(self.advisor).auto_nps = "3"
        self.assertEqual(repair.auto_callback_ticket_id, callback)
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count(
                [("auto_source_repair_id", "=", repair.id)]
            ),
            1,
        )
        # A promoter on the ticket opens nothing.
        ticket.auto_nps = "10"
        self.assertEqual(ticket.auto_nps_category, "promoter")
        self.assertFalse(ticket.auto_callback_ticket_id)

    def test_nps_detractor_on_ticket_opens_callback(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Rescue",
                "description": "<p>Flat tyre</p>",
                "auto_request_type": "rescue",
                "partner_id": self.customer_a.id,
            }
        )
        ticket.auto_nps = "6"
        self.assertEqual(ticket.auto_nps_category, "detractor")
        self.assertEqual(ticket.auto_callback_ticket_id.auto_request_type, "callback")

    def test_unhappy_csat_is_the_stores_cut_off(self):
        """A store counting CSAT 3 as unhappy calls those customers back and
        lists them under Unhappy Customers; another store keeps its own."""
        store, _advisor = self._second_store()
        self.env.company.auto_csat_unhappy_max = 3
        repair = self._work_order()
        self._complete(repair)
        repair.with_user(self.advisor).auto_csat = "3"
        self.assertEqual(repair.auto_callback_ticket_id.auto_request_type, "callback")
        Repair = self.env["repair.order"].with_user(self.advisor)
        self.assertIn(repair, Repair.search([("auto_unhappy", "=", True)]))
        self.assertNotIn(repair, Repair.search([("auto_unhappy", "=", False)]))
        happy = self._work_order()
        self._complete(happy)
        happy.with_user(self.advisor).auto_csat = "4"
        self.assertFalse(happy.auto_callback_ticket_id)
        self.assertIn(happy, Repair.search([("auto_unhappy", "=", False)]))
        # Hangzhou keeps the default: 3 is not unhappy there.
        self.assertEqual(store.auto_csat_unhappy_max, 2)
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Noise",
                "description": "<p>Rattle</p>",
                "partner_id": self.customer_a.id,
                "company_id": store.id,
            }
        )
        ticket.auto_csat = "3"
        self.assertFalse(ticket.auto_unhappy)
        self.assertFalse(ticket.auto_callback_ticket_id)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            store.auto_csat_satisfied_min = 2

    def test_issuing_more_than_on_hand_is_refused(self):
        repair = self._work_order(parts=8)
        repair.action_validate()
        repair.action_repair_start()
        with self.assertRaisesRegex(UserError, "not have enough"):
            repair.action_repair_end()
        self.assertEqual(repair.state, "under_repair")
        self.assertEqual(self._on_hand(), 5)
        # A station that allows negative stock lets the job through.
        self.station.auto_allow_negative_stock = True
        repair.action_repair_end()
        self.assertEqual(self._on_hand(), -3)

    def test_other_warehouses_repairs_follow_odoo(self):
        """The parts rule is the service stations': a repair of another
        warehouse of the database ends as in Odoo, parts on hand or not."""
        warehouse = self.env["stock.warehouse"].create(
            {"name": "Body Shop Supplies", "code": "BSS"}
        )
        repair = self._work_order(parts=2, picking_type_id=warehouse.repair_type_id.id)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        # Odoo cancels a line with nothing to consume.
        self.assertEqual(repair.move_ids.mapped("state"), ["cancel"])
        self.assertEqual(self._on_hand(), 5, "the station's stock is untouched")

    def test_parts_counter_issues_before_the_job_ends(self):
        repair = self._work_order(parts=2)
        repair.move_ids = [
            fields.Command.create(
                {
                    "repair_line_type": "add",
                    "product_id": self.part.id,
                    "product_uom_qty": 1,
                }
            )
        ]
        repair.action_validate()
        issued, other = repair.move_ids
        issued.with_user(self.clerk).action_auto_issue()
        self.assertEqual((issued.state, other.state), ("done", "assigned"))
        self.assertEqual(self._on_hand(), 3)
        # The job's end uses the line the counter did not issue.
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(other.state, "done")
        self.assertEqual(self._on_hand(), 2)
        big = self._work_order(parts=3)
        big.action_validate()
        with self.assertRaisesRegex(UserError, "not have enough"):
            big.move_ids.with_user(self.clerk).action_auto_issue()
        self.assertEqual(self._on_hand(), 2)

    def test_odometer_cannot_go_backwards_unless_a_manager_confirms(self):
        self._work_order(auto_odometer_in=15000)
        with self.assertRaisesRegex(ValidationError, "less than"), self.cr.savepoint():
            self._work_order(auto_odometer_in=14000)
        self.assertEqual(self.vehicle.odometer, 15000)
        self.assertEqual(len(self.vehicle.odometer_log_ids), 1, "nothing was logged")
        repair = self._work_order(
            user=self.aftersales_manager,
            auto_odometer_in=14000,
            auto_odometer_correction=True,
        )
        self.assertEqual(repair.auto_odometer_log_id.value, 14000)
        # Correcting the reading on the same order updates its log line.
        repair.auto_odometer_in = 14100
        self.assertEqual(len(self.vehicle.odometer_log_ids), 2)
        self.assertEqual(repair.auto_odometer_log_id.value, 14100)

    def test_work_order_form_fills_the_owner(self):
        with Form(self.env["repair.order"].with_user(self.advisor)) as form:
            form.auto_vehicle_id = self.vehicle
            self.assertEqual(form.partner_id, self.customer_a)
            self.assertEqual(form.auto_service_type, "maintenance")

    def test_courtesy_car_beyond_24_hours(self):
        start = fields.Datetime.now()
        quick = self._work_order(
            schedule_date=start, auto_promised_date=start + timedelta(hours=5)
        )
        long_job = self._work_order(
            schedule_date=start, auto_promised_date=start + timedelta(hours=30)
        )
        self.assertFalse(quick.auto_courtesy_car)
        self.assertTrue(long_job.auto_courtesy_car)
        with self.assertRaisesRegex(ValidationError, "before"), self.cr.savepoint():
            quick.auto_promised_date = start - timedelta(hours=1)

    def test_courtesy_car_delay_is_the_stations(self):
        start = fields.Datetime.now()
        self.assertEqual(self.station.auto_courtesy_car_hours, 24)  # the default

        def job(hours):
            return self._work_order(
                schedule_date=start, auto_promised_date=start + timedelta(hours=hours)
            )

        earlier = job(5)
        self.assertFalse(earlier.auto_courtesy_car)
        # The station's manager offers one from 4 hours on.
        self.station.with_user(self.aftersales_manager).auto_courtesy_car_hours = 4
        self.assertTrue(job(5).auto_courtesy_car)
        self.assertFalse(earlier.auto_courtesy_car, "past offers stay")
        self.station.with_user(self.aftersales_manager).auto_courtesy_car_hours = 0
        self.assertFalse(job(30).auto_courtesy_car, "0: none offered by duration")

    def test_warranty_part_tracked_until_shipped(self):
        repair = self._work_order(parts=1, auto_service_type="warranty")
        self._complete(repair)
        line = repair.move_ids
        self.assertEqual(line.auto_old_part_state, "to_return")
        line.with_user(self.clerk).action_auto_old_part_received()
        self.assertEqual(line.auto_old_part_state, "received")
        line.with_user(self.clerk).action_auto_old_part_shipped()
        self.assertEqual(line.auto_old_part_state, "shipped")
        self.assertEqual(line.auto_old_part_shipped_date, fields.Date.today())
        self.assertFalse(self._work_order(parts=1).move_ids.auto_old_part_state)

    def test_warranty_jobs_are_the_manufacturers(self):
        """Warranty and recall jobs are Under Warranty: the customer's
        quotation prices their parts at 0, and the price comes back when the
        job turns out to be the customer's. A warranty job on a vehicle whose
        warranty ended, by date or by mileage, says so."""
        today = fields.Date.today()
        self.vehicle.write(
            {"warranty_end_date": today + timedelta(days=30), "warranty_end_km": 100000}
        )
        job = self._work_order(
            parts=1, auto_service_type="warranty", auto_odometer_in=20000
        )
        self.assertTrue(job.under_warranty)
        self.assertFalse(job.auto_warranty_warning, "in warranty")
        job.with_user(self.advisor).action_create_sale_order()
        self.assertEqual(job.sale_order_id.order_line.price_unit, 0)
        job.with_user(self.advisor).auto_service_type = "repair"
        self.assertFalse(job.under_warranty)
        self.assertEqual(job.sale_order_id.order_line.price_unit, 680)
        self.assertTrue(self._work_order(auto_service_type="recall").under_warranty)
        self.assertFalse(self._work_order().under_warranty, "maintenance is paid")

        self.vehicle.warranty_end_date = today - timedelta(days=1)
        by_date = self._work_order(auto_service_type="warranty", auto_odometer_in=20000)
        self.assertIn(
            f"the warranty ended on {today - timedelta(days=1):%m/%d/%Y}",
            by_date.auto_warranty_warning,
        )
        self.vehicle.warranty_end_date = today + timedelta(days=30)
        self.assertFalse(by_date.auto_warranty_warning, "the warranty was extended")
        by_km = self._work_order(auto_service_type="warranty", auto_odometer_in=100000)
        self.assertIn("the warranty ended at 100,000 km", by_km.auto_warranty_warning)
        by_km.auto_service_type = "repair"
        self.assertFalse(by_km.auto_warranty_warning, "the customer pays")

    def test_service_history_and_turnover(self):
        repair = self._work_order(parts=2)
        self._complete(repair)
        self.assertEqual(self.vehicle.auto_repair_ids, repair)
        self.assertEqual(self.vehicle.auto_repair_count, 1)
        self.assertIn(repair, self.customer_a.auto_repair_ids)
        self.env.flush_all()
        line = self.env["auto.parts.turnover.report"].search(
            [("station_id", "=", self.station.id), ("product_id", "=", self.part.id)]
        )
        self.assertEqual((line.qty_on_hand, line.qty_issued), (3, 2))
        self.assertAlmostEqual(self.station.auto_parts_turnover, 2 / 3, places=2)

    def test_delivery_callback_planned_once(self):
        with freeze_time(fields.Datetime.now()):
            vehicle = self._create_vehicle(delivery_date=fields.Date.today())
            callbacks = vehicle.activity_ids
            self.assertEqual(len(callbacks), 1)
            self.assertEqual(callbacks.user_id, self.consultant_a)
            self.assertEqual(
                callbacks.date_deadline, fields.Date.today() + timedelta(days=7)
            )
            vehicle.write({"delivery_date": fields.Date.today(), "color": "white"})
            self.assertEqual(vehicle.activity_ids, callbacks)
        old = self._create_vehicle(
            delivery_date=fields.Date.today() - timedelta(days=90)
        )
        self.assertFalse(old.activity_ids, "registering an old vehicle plans nothing")

    def test_follow_ups_only_with_consent(self):
        """The thank-you SMS is a satisfaction survey by SMS: withdrawn, it is
        not planned (the call and the maintenance reminder, by phone, are),
        and the work order says why."""
        self._auto_record_consent(
            self.customer_a, ["satisfaction_surveys"], ["sms"], decision="withdrawn"
        )
        repair = self._work_order(parts=1)
        self._complete(repair)
        self.assertEqual(
            set(repair.activity_ids.mapped("summary")),
            {"Post-service call", "Next maintenance reminder"},
        )
        note = repair.message_ids.filtered(lambda m: "not planned" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("Thank-you SMS after the job not planned", note.body)
        self.assertIn("consent for SMS (Satisfaction surveys) withdrawn", note.body)

    def test_no_delivery_callback_without_consent(self):
        buyer = self.env["res.partner"].create(
            {
                "name": "Never Asked Wu",
                "mobile": "+86 139 0000 0002",
                "user_id": self.consultant_a.id,
            }
        )
        vehicle = self._create_vehicle(
            owner_id=buyer.id, delivery_date=fields.Date.today()
        )
        self.assertFalse(vehicle.activity_ids)
        self.assertIn(
            "no consent for Phone call (Satisfaction surveys)",
            vehicle.message_ids[:1].body,
        )
        # Agreed at the next visit: the next delivery's callback is planned.
        self._auto_record_consent(buyer, ["satisfaction_surveys"], ["phone"])
        second = self._create_vehicle(
            license_plate="京A77777",
            owner_id=buyer.id,
            delivery_date=fields.Date.today(),
        )
        self.assertEqual(len(second.activity_ids), 1)

    def test_delivery_callback_window_is_the_rules(self):
        rule = self.env.ref("auto_aftersales.auto_service_followup_delivery")
        ten_days_ago = fields.Date.today() - timedelta(days=10)
        late = self._create_vehicle(delivery_date=ten_days_ago)
        self.assertFalse(late.activity_ids, "past the 7 days of the rule")
        rule.delay_hours = 14 * 24
        vehicle = self._create_vehicle(
            license_plate="京A54321", delivery_date=ten_days_ago
        )
        self.assertEqual(
            vehicle.activity_ids.date_deadline, ten_days_ago + timedelta(days=14)
        )

    def test_access(self):
        repair = self._work_order(parts=1)
        # The parts clerk sees the job's parts but does not run service desks.
        self.assertTrue(repair.with_user(self.clerk).move_ids)
        self.assertFalse(
            self.clerk.has_group("auto_aftersales.group_auto_service_advisor")
        )
        # Advisors see every customer's vehicle, not only a consultant's own.
        other = self._create_vehicle(owner_id=self.customer_b.id)
        self.assertTrue(other.with_user(self.advisor).display_name)
        self.assertFalse(
            self.env["fleet.vehicle"]
            .with_user(self.consultant_a)
            .search([("id", "=", other.id)])
        )
        # Configuration is the manager's.
        sla = self.env.ref("auto_aftersales.auto_ticket_sla_complaint")
        with self.assertRaises(AccessError), self.cr.savepoint():
            sla.with_user(self.advisor).resolution_hours = 100
        sla.with_user(self.aftersales_manager).resolution_hours = 36
        self.assertTrue(
            self.call_agent.has_group("helpdesk_mgmt.group_helpdesk_user"),
            "call agents log service requests",
        )
