from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import Form, new_test_user, tagged

from .common import AutoAftersalesCommon


@tagged("post_install", "-at_install")
class TestTicketSla(AutoAftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = new_test_user(cls.env, login="test_cc_supervisor")
        cls.process_owner = new_test_user(cls.env, login="test_process_owner")
        cls.sla = cls.env["auto.ticket.sla"].create(
            {
                "name": "Test complaints",
                "request_type": "complaint",
                "company_id": cls.env.company.id,
                "first_contact_minutes": 10,
                "resolution_hours": 48,
                "callback_hours": 24,
                "escalation_step_hours": 4,
                "supervisor_id": cls.supervisor.id,
                "process_owner_id": cls.process_owner.id,
            }
        )

    def _complaint(self):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Rude service",
                "description": "<p>Complaint</p>",
                "auto_request_type": "complaint",
                "partner_id": self.customer_a.id,
                "user_id": self.call_agent.id,
            }
        )

    def _escalations(self, ticket):
        escalation = self.env.ref(
            "auto_aftersales.mail_activity_type_ticket_escalation"
        )
        return ticket.activity_ids.filtered(
            lambda activity: activity.activity_type_id == escalation
        )

    def test_company_sla_and_deadlines(self):
        ticket = self._complaint()
        self.assertEqual(ticket.auto_sla_id, self.sla, "company SLA before shared")
        opened = ticket.create_date
        self.assertEqual(
            ticket.auto_first_contact_deadline, opened + timedelta(minutes=10)
        )
        self.assertEqual(ticket.auto_resolution_deadline, opened + timedelta(hours=48))
        self.assertFalse(ticket.auto_callback_deadline)

    def test_three_level_escalation(self):
        Ticket = self.env["helpdesk.ticket"]

        def escalate():  # a run of the scheduler, committed, as in production
            Ticket.with_context(
                tracking_disable=False, mail_notrack=False
            )._cron_auto_escalate_sla()
            self.env.cr.precommit.run()

        start = fields.Datetime.now()
        with freeze_time(start):
            ticket = self._complaint()
            self.env.flush_all()
        with freeze_time(start + timedelta(minutes=5)):
            escalate()
            self.assertEqual(ticket.auto_escalation_level, "0", "still in time")
        with freeze_time(start + timedelta(minutes=15)):
            escalate()
            self.assertEqual(ticket.auto_escalation_level, "1")
            self.assertTrue(ticket.auto_sla_breached)
            self.assertEqual(self._escalations(ticket).user_id, self.call_agent)
            # Running again in the same level escalates nothing more.
            escalate()
            self.assertEqual(len(self._escalations(ticket)), 1)
        with freeze_time(start + timedelta(hours=4, minutes=15)):
            escalate()
            self.assertEqual(ticket.auto_escalation_level, "2")
            self.assertIn(self.supervisor, self._escalations(ticket).user_id)
        with freeze_time(start + timedelta(hours=9)):
            escalate()
            self.assertEqual(ticket.auto_escalation_level, "3")
            self.assertIn(self.process_owner, self._escalations(ticket).user_id)
            self.assertEqual(len(self._escalations(ticket)), 3)
        with freeze_time(start + timedelta(days=5)):
            escalate()
            self.assertEqual(len(self._escalations(ticket)), 3, "3 is the top")
        # Each level raised shows in the chatter, as a change made by hand.
        tracked = ticket.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "auto_escalation_level"
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")),
            ["Agent", "Process Owner", "Supervisor"],
        )

    def test_met_in_time_is_not_breached(self):
        Ticket = self.env["helpdesk.ticket"]
        start = fields.Datetime.now()
        with freeze_time(start):
            ticket = self._complaint()
        with freeze_time(start + timedelta(minutes=5)):
            ticket.action_auto_first_contact()
        with freeze_time(start + timedelta(hours=20)):
            ticket.action_auto_report_completion()
        with freeze_time(start + timedelta(hours=30)):
            Ticket._cron_auto_escalate_sla()
            ticket.auto_callback_note = "Customer satisfied."
            ticket.action_auto_log_callback()
        with freeze_time(start + timedelta(days=10)):
            Ticket._cron_auto_escalate_sla()
        self.assertFalse(ticket.auto_sla_breached)
        self.assertEqual(ticket.auto_escalation_level, "0")

    def test_late_step_is_a_breach(self):
        start = fields.Datetime.now()
        with freeze_time(start):
            ticket = self._complaint()
        with freeze_time(start + timedelta(minutes=30)):
            ticket.action_auto_first_contact()
        self.assertTrue(ticket.auto_sla_breached)

    def test_missed_callback_escalates_after_resolution(self):
        start = fields.Datetime.now()
        with freeze_time(start):
            ticket = self._complaint()
            ticket.action_auto_first_contact()
            ticket.action_auto_report_completion()
            self.env.flush_all()
        with freeze_time(start + timedelta(hours=25)):
            self.env["helpdesk.ticket"]._cron_auto_escalate_sla()
        self.assertEqual(ticket.auto_escalation_level, "1")

    def test_callback_needs_resolution_and_notes(self):
        ticket = self._complaint()
        with self.assertRaisesRegex(Exception, "not resolved"):
            ticket.action_auto_log_callback()
        ticket.action_auto_report_completion()
        with self.assertRaisesRegex(Exception, "Write down"):
            ticket.action_auto_log_callback()
        self.assertFalse(ticket.auto_callback_date)

    def test_caller_identified_from_phone(self):
        with Form(self.env["helpdesk.ticket"].with_user(self.call_agent)) as form:
            form.auto_caller_phone = "0086 13800138765"
            self.assertEqual(form.partner_id, self.customer_a)
            self.assertEqual(form.auto_vehicle_id, self.vehicle)
            form.name = "Engine warning light"
            form.description = "<p>Light on since this morning.</p>"
        self.assertFalse(self.env["res.partner"]._auto_find_by_phone("12345"))

    def test_escalation_batch_query_count_is_constant(self):
        Ticket = self.env["helpdesk.ticket"]
        start = fields.Datetime.now()
        for count in (2, 6):
            with freeze_time(start):
                tickets = Ticket.browse()
                for _index in range(count):
                    tickets |= self._complaint()
                self.env.flush_all()
            with freeze_time(start + timedelta(hours=1)):
                with self.assertQueryCount(__system__=12):
                    Ticket._auto_escalate_sla_batch(100)
            self.assertEqual(set(tickets.mapped("auto_escalation_level")), {"1"})
