from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AutoAftersalesCommon


@tagged("post_install", "-at_install")
class TestAftersalesTrust(AutoAftersalesCommon):
    """The service levels, the work order's facts and the stores' data hold
    for any client: only the system writes what it observed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hangzhou, cls.hangzhou_advisor = cls._second_store()
        cls.hangzhou_station = cls.env["stock.warehouse"].create(
            {
                "name": "Hangzhou Service Station",
                "code": "HZS",
                "company_id": cls.hangzhou.id,
                "auto_is_service_station": True,
            }
        )
        cls.cc_manager = new_test_user(
            cls.env,
            login="test_cc_manager",
            groups="helpdesk_mgmt.group_helpdesk_manager",
        )
        cls.env["auto.ticket.sla"].create(
            {
                "name": "Complaints",
                "request_type": "complaint",
                "company_id": cls.env.company.id,
                "supervisor_id": new_test_user(cls.env, login="test_supervisor").id,
            }
        )

    def _complaint(self, user=None):
        return (
            self.env["helpdesk.ticket"]
            .with_user(user or self.call_agent)
            .create(
                {
                    "name": "Noise after the service",
                    "description": "<p>Complaint</p>",
                    "auto_request_type": "complaint",
                    "partner_id": self.customer_a.id,
                    "user_id": self.call_agent.id,
                }
            )
        )

    def test_agent_cannot_rewrite_the_service_level(self):
        start = fields.Datetime.now()
        with freeze_time(start):
            ticket = self._complaint()
        with freeze_time(start + timedelta(minutes=30)):
            ticket.action_auto_first_contact()  # 20 minutes late
        self.assertTrue(ticket.auto_sla_breached)
        forgeries = [
            {"auto_first_contact_date": start + timedelta(minutes=5)},
            {"auto_sla_breached": False},
            {"auto_escalation_level": "0"},
            {"auto_first_contact_deadline": start + timedelta(days=1)},
            {"auto_resolved_date": start},
            {"auto_callback_date": start},
            {"auto_dispatch_date": start},
            {"auto_survey_date": start},
        ]
        for vals in forgeries:
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                ticket.write(vals)
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.call_agent).create(
                {"name": "Pre-dated", "auto_first_contact_date": start}
            )
        self.assertTrue(ticket.auto_sla_breached)
        # Answering the survey is typed; when it came is observed.
        ticket.write({"auto_csat": "5"})
        self.assertTrue(ticket.auto_survey_date)

    def test_ticket_goes_to_a_station_of_its_store(self):
        ticket = self._complaint()
        with self.assertRaises(UserError):
            ticket.write({"auto_station_id": self.hangzhou_station.id})
        ticket.write({"auto_station_id": self.station.id})
        ticket.action_auto_dispatch()
        self.assertTrue(ticket.auto_dispatch_date)

    def test_ticket_escalation_is_closed_by_its_assignee_or_a_manager(self):
        start = fields.Datetime.now()
        with freeze_time(start):
            ticket = self._complaint()
            self.env.flush_all()
        for late in (timedelta(minutes=15), timedelta(hours=4, minutes=15)):
            with freeze_time(start + late):
                self.env["helpdesk.ticket"]._cron_auto_escalate_sla()
        escalations = ticket.activity_ids.filtered("auto_is_escalation")
        self.assertTrue(escalations)
        raised_to_agent = escalations.filtered(
            lambda activity: activity.user_id == self.call_agent
        )
        raised_higher = escalations - raised_to_agent
        self.assertTrue(raised_to_agent and raised_higher)
        with self.assertRaises(AccessError):
            raised_higher.with_user(self.call_agent).action_feedback()
        raised_to_agent.with_user(self.call_agent).action_feedback(feedback="Called")
        raised_higher.with_user(self.cc_manager).action_feedback(feedback="Reviewed")
        self.assertFalse(ticket.activity_ids.filtered("auto_is_escalation"))

    def test_work_order_facts_are_the_systems(self):
        repair = self._work_order(parts=1)
        for vals in (
            {"auto_done_date": fields.Datetime.now()},
            {"auto_odometer_log_id": False},
            {"auto_callback_ticket_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                repair.write(vals)
        # An advisor cannot confirm their own lower odometer reading.
        with self.assertRaises(AccessError):
            self._work_order(auto_odometer_in=10, auto_odometer_correction=True)

    def test_reminder_log_stays_in_its_store(self):
        reminder = self.env.ref("auto_aftersales.auto_service_reminder_insurance")
        today = fields.Date.today()
        self.vehicle.write(
            {
                "insurance_renewal_date": today + timedelta(days=3),
                "auto_service_advisor_id": self.advisor.id,
            }
        )
        reminder._auto_fire(today, 1000)
        logs = self.env["auto.service.reminder.log"].search(
            [("vehicle_id", "=", self.vehicle.id)]
        )
        self.assertEqual(logs.company_id, self.env.company)
        Log = self.env["auto.service.reminder.log"]
        self.assertEqual(
            Log.with_user(self.advisor).search([("id", "in", logs.ids)]), logs
        )
        self.assertFalse(Log.with_user(self.hangzhou_advisor).search([]))
        with self.assertRaises(AccessError):
            logs.with_user(self.aftersales_manager).unlink()

    def test_parts_clerk_reads_suppliers_not_customers(self):
        supplier = self.env["res.partner"].create(
            {"name": "Bosch Parts", "phone": "021-5888 1234", "supplier_rank": 1}
        )
        as_clerk = (supplier | self.customer_a).with_user(self.clerk)
        phones = {row["id"]: row["phone"] for row in as_clerk.read(["phone"])}
        self.assertEqual(phones[supplier.id], "+862158881234")
        self.assertEqual(phones[self.customer_a.id], "+86138****8765")
        advisor_view = self.customer_a.with_user(self.advisor).read(["phone"])
        self.assertEqual(advisor_view[0]["phone"], "+8613800138765")
