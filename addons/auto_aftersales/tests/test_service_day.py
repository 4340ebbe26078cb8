from datetime import timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import AutoAftersalesCommon


def _filter_domain(env, view_xmlid, name, **context):
    """The domain of a search view's filter, evaluated as the web client
    would."""
    arch = etree.fromstring(env.ref(view_xmlid).sudo().get_combined_arch())
    [node] = arch.xpath(f"//filter[@name='{name}']")
    return safe_eval(node.get("domain"), context)


@tagged("post_install", "-at_install")
class TestDueToday(AutoAftersalesCommon):
    """The advisor's list of reminders to act on: fired (their activity is
    due that day) and not yet followed up, the nearest date first, with the
    customer's phone and the result to log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.vehicle.auto_service_advisor_id = cls.advisor
        cls.reminder = cls.env.ref("auto_aftersales.auto_service_reminder_insurance")
        cls.later = cls._create_vehicle(license_plate="京A55555")
        cls.later.auto_service_advisor_id = cls.advisor

    def _due_today(self, user):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_aftersales.auto_service_reminder_log_action_due"
        )
        context = safe_eval(action["context"], {"uid": user.id})
        self.assertEqual(context, {"search_default_mine": 1})
        domain = safe_eval(action["domain"]) + _filter_domain(
            self.env,
            "auto_aftersales.auto_service_reminder_log_view_search",
            "mine",
            uid=user.id,
        )
        view = self.env.ref("auto_aftersales.auto_service_reminder_log_view_list_due")
        order = etree.fromstring(view.arch).get("default_order")
        return (
            self.env["auto.service.reminder.log"]
            .with_user(user)
            .search(domain, order=order)
        )

    def test_reminders_to_call_from_the_day_they_fire(self):
        self.vehicle.insurance_renewal_date = self.today - timedelta(days=2)
        self.later.insurance_renewal_date = self.today + timedelta(days=10)
        self.reminder._auto_fire(self.today, 100)
        logs = self.env["auto.service.reminder.log"].search(
            [("reminder_id", "=", self.reminder.id)]
        )
        overdue = logs.filtered(lambda log: log.vehicle_id == self.vehicle)
        ahead = logs.filtered(lambda log: log.vehicle_id == self.later)
        self.assertTrue(overdue and ahead, "both were reminded")
        due = self._due_today(self.advisor)
        self.assertEqual(
            due.filtered(lambda log: log in logs).ids,
            [overdue.id, ahead.id],
            "both to call from today, the lapsed insurance first",
        )
        # The list gives the advisor the number to call.
        self.assertEqual(
            overdue.with_user(self.advisor).partner_phone, self.customer_a.phone
        )
        activity = self.vehicle.activity_ids.filtered(
            lambda act: act.activity_type_id == self.reminder.activity_type_id
        )
        self.assertEqual(len(activity), 1)

        overdue.with_user(self.advisor).action_auto_booked()
        self.assertEqual(overdue.result, "booked")
        self.assertEqual(overdue.result_user_id, self.advisor)
        self.assertTrue(overdue.result_date)
        self.assertNotIn(overdue, self._due_today(self.advisor), "acted on")
        self.assertFalse(activity.exists().active, "the reminder's activity is done")
        self.assertFalse(
            self.vehicle.activity_ids.filtered(
                lambda act: act.activity_type_id == self.reminder.activity_type_id
            )
        )

    def test_skipped_reminders_are_not_to_call(self):
        """No consent for the purpose: the customer must not be called."""
        self._auto_record_consent(
            self.customer_a, ["service_reminders"], decision="withdrawn"
        )
        self.vehicle.insurance_renewal_date = self.today
        self.reminder._auto_fire(self.today, 100)
        log = self.env["auto.service.reminder.log"].search(
            [
                ("reminder_id", "=", self.reminder.id),
                ("vehicle_id", "=", self.vehicle.id),
            ]
        )
        self.assertEqual(log.state, "skipped")
        self.assertNotIn(log, self._due_today(self.advisor))

    def test_only_advisors_log_the_result(self):
        self.vehicle.insurance_renewal_date = self.today
        self.reminder._auto_fire(self.today, 100)
        log = self.env["auto.service.reminder.log"].search(
            [
                ("reminder_id", "=", self.reminder.id),
                ("vehicle_id", "=", self.vehicle.id),
            ]
        )
        # The data officer reads the log but does not call customers.
        self.assertTrue(log.with_user(self.data_officer).reminder_id)
        with self.assertRaises(AccessError):
            log.with_user(self.data_officer).action_auto_declined()
        # The result is the log's system bookkeeping: not written by hand.
        with self.assertRaises(AccessError):
            log.with_user(self.advisor).write({"result": "booked"})
        self.assertFalse(log.result)
        # Another store's advisor does not reach this store's reminders.
        _store, other = self._second_store()
        with self.assertRaises(AccessError):
            log.with_user(other).action_auto_booked()
        log.with_user(self.advisor).action_auto_not_reached()
        self.assertEqual(log.result, "not_reached")


@tagged("post_install", "-at_install")
class TestWorkOrderScreens(AutoAftersalesCommon):
    def test_parts_that_fit_the_vehicle_come_first(self):
        Product = self.env["product.product"]
        other_model = self.env["fleet.vehicle.model"].create(
            {"name": "Other model", "brand_id": self.brand.id}
        )
        # Sorted by their number, the one that does not fit comes first.
        unfit = Product.create(
            {
                "name": "Oil filter (other model)",
                "auto_is_part": True,
                "auto_part_number": "00000AAA1",
                "auto_fitment_model_ids": [(6, 0, other_model.ids)],
            }
        )
        fit = Product.create(
            {
                "name": "Oil filter (this model)",
                "auto_is_part": True,
                "auto_part_number": "00000BBB2",
                "auto_fitment_model_ids": [(6, 0, self.vehicle.model_id.ids)],
            }
        )
        as_advisor = Product.with_user(self.advisor)
        plain = [pid for pid, _name in as_advisor.name_search("Oil filter (")]
        self.assertEqual(plain[:2], [unfit.id, fit.id])
        by_fitment = as_advisor.with_context(
            auto_fitment_model_id=self.vehicle.model_id.id
        )
        found = [pid for pid, _name in by_fitment.name_search("Oil filter (")]
        self.assertEqual(found[:2], [fit.id, unfit.id], "fitting first, then others")
        # Clicking into the field (no text yet) lists the fitting parts first.
        [(first, _name)] = by_fitment.name_search("", limit=1)
        self.assertIn(
            self.vehicle.model_id, Product.browse(first).auto_fitment_model_ids
        )
        # The work order's part lines pass the vehicle's model.
        repair = self._work_order()
        self.assertEqual(repair.auto_vehicle_model_id, self.vehicle.model_id)
        views = (
            self.env["repair.order"]
            .with_user(self.advisor)
            .get_views([(False, "form")])
        )
        arch = etree.fromstring(views["views"]["form"]["arch"])
        [product] = arch.xpath("//field[@name='move_ids']//field[@name='product_id']")
        self.assertIn(
            "'auto_fitment_model_id': parent.auto_vehicle_model_id",
            product.get("context"),
        )

    def test_issued_parts_are_not_unavailable(self):
        repair = self._work_order(parts=2)
        repair.action_validate()
        self.assertEqual(repair.parts_availability_state, "available")
        repair.move_ids.with_user(self.clerk).action_auto_issue()
        self.assertEqual(repair.move_ids.state, "done")
        repair.invalidate_recordset(["parts_availability_state", "parts_availability"])
        self.assertEqual(repair.parts_availability_state, "available")
        self.assertFalse(repair.is_parts_late)
        # A line still waiting for a part the station lacks still shows it.
        missing = self.env["product.product"].create(
            {
                "name": "Water pump",
                "auto_is_part": True,
                "auto_part_number": "WP0001",
                "is_storable": True,
            }
        )
        repair.write(
            {
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "repair_line_type": "add",
                            "product_id": missing.id,
                            "product_uom_qty": 1,
                        },
                    )
                ]
            }
        )
        repair.invalidate_recordset(["parts_availability_state"])
        self.assertEqual(repair.parts_availability_state, "late")

    def test_work_orders_of_the_own_store_by_default(self):
        store, _other = self._second_store()
        self.advisor.company_ids |= store
        here = self._work_order()
        station = self.env["stock.warehouse"].search([("company_id", "=", store.id)])
        there = (
            self.env["repair.order"]
            .with_company(store)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "picking_type_id": station.repair_type_id.id,
                    "user_id": self.advisor.id,
                }
            )
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_aftersales.repair_order_action_work_order"
        )
        context = safe_eval(action["context"])
        self.assertTrue(context.get("search_default_auto_my_store"))
        self.assertTrue(context.get("search_default_auto_open"))
        companies = [self.env.company.id, store.id]
        domain = _filter_domain(
            self.env,
            "auto_aftersales.repair_order_view_search",
            "auto_my_store",
            allowed_company_ids=companies,
        )
        found = (
            self.env["repair.order"]
            .with_user(self.advisor)
            .with_context(allowed_company_ids=companies)
            .search(domain)
        )
        self.assertIn(here, found)
        self.assertNotIn(there, found, "the other store's work order")


@tagged("post_install", "-at_install")
class TestSlaMissedAtOnce(AutoAftersalesCommon):
    def test_a_missed_deadline_shows_before_the_scheduler_runs(self):
        sla = self.env["auto.ticket.sla"].create(
            {
                "name": "Test complaints",
                "request_type": "complaint",
                "company_id": self.env.company.id,
                "first_contact_minutes": 10,
                "resolution_hours": 48,
                "callback_hours": 24,
                "escalation_step_hours": 4,
            }
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Noise after the brake job",
                "description": "<p>Complaint</p>",
                "auto_request_type": "complaint",
                "partner_id": self.customer_a.id,
                "user_id": self.call_agent.id,
            }
        )
        self.assertEqual(ticket.auto_sla_id, sla)
        Ticket = self.env["helpdesk.ticket"].with_user(self.call_agent)
        deadline = ticket.auto_first_contact_deadline
        with freeze_time(deadline - timedelta(minutes=1)):
            ticket.invalidate_recordset(["auto_sla_missed"])
            self.assertFalse(ticket.with_user(self.call_agent).auto_sla_missed)
            self.assertIn(ticket, Ticket.search([("auto_sla_missed", "=", False)]))
        with freeze_time(deadline + timedelta(minutes=1)):
            ticket.invalidate_recordset(["auto_sla_missed"])
            self.assertFalse(ticket.auto_sla_breached, "no scheduler ran")
            self.assertTrue(ticket.with_user(self.call_agent).auto_sla_missed)
            self.assertIn(ticket, Ticket.search([("auto_sla_missed", "=", True)]))
            self.assertNotIn(ticket, Ticket.search([("auto_sla_missed", "=", False)]))
            # The list is red on the flag, the form shows the ribbon.
            views = Ticket.get_views([(False, "list"), (False, "form")])
            list_arch = etree.fromstring(views["views"]["list"]["arch"])
            self.assertEqual(list_arch.get("decoration-danger"), "auto_sla_missed")
            self.assertIn(
                'invisible="not auto_sla_missed"', views["views"]["form"]["arch"]
            )
            # Contacted late: no longer open, but breached for good.
            ticket.with_user(self.call_agent).action_auto_first_contact()
            ticket.invalidate_recordset(["auto_sla_missed"])
            self.assertTrue(ticket.auto_sla_breached)
            self.assertTrue(ticket.auto_sla_missed)
