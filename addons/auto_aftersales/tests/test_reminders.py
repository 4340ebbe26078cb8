from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import AutoAftersalesCommon


@tagged("post_install", "-at_install")
class TestReminders(AutoAftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.vehicle.auto_service_advisor_id = cls.advisor

    def _fire(self, xmlid, today=None):
        reminder = self.env.ref(f"auto_aftersales.{xmlid}")
        return reminder._auto_fire(today or self.today, 1000), reminder

    def _logs(self, reminder, vehicle=None):
        return self.env["auto.service.reminder.log"].search(
            [
                ("reminder_id", "=", reminder.id),
                ("partner_id", "=", self.customer_a.id),
                ("vehicle_id", "=", (vehicle or self.vehicle).id),
            ]
        )

    def test_insurance_reminds_once(self):
        self.vehicle.insurance_renewal_date = self.today + timedelta(days=20)
        _count, reminder = self._fire("auto_service_reminder_insurance")
        logs = self._logs(reminder)
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.user_id, self.advisor)
        activity = self.vehicle.activity_ids.filtered(
            lambda act: reminder.name in act.summary
        )
        self.assertEqual(activity.user_id, self.advisor)
        self.assertEqual(activity.date_deadline, self.today)
        self._fire("auto_service_reminder_insurance")
        self._fire("auto_service_reminder_insurance", self.today + timedelta(days=1))
        self.assertEqual(len(self._logs(reminder)), 1, "one reminder per due date")
        self.assertEqual(
            len(
                self.vehicle.activity_ids.filtered(lambda a: reminder.name in a.summary)
            ),
            1,
        )
        # Renewed: next year's date reminds again, in its window.
        self.vehicle.insurance_renewal_date = self.today + timedelta(days=385)
        self._fire("auto_service_reminder_insurance", self.today + timedelta(days=360))
        self.assertEqual(len(self._logs(reminder)), 2)

    def test_reminder_planned_at_nine_where_the_advisor_works(self):
        """09:00 in Beijing is 01:00 UTC (Odoo stores UTC): a Beijing advisor
        sees their reminder at 09:00, not 17:00; an advisor without a time
        zone gets their store's, and without either it is 09:00 UTC."""
        self.advisor.tz = "Asia/Shanghai"
        self.vehicle.insurance_renewal_date = self.today + timedelta(days=20)
        _count, reminder = self._fire("auto_service_reminder_insurance")
        activity = self.vehicle.activity_ids.filtered(
            lambda act: reminder.name in act.summary
        )
        self.assertEqual(activity.auto_deadline, datetime.combine(self.today, time(1)))
        self.assertEqual(activity.date_deadline, self.today)

        helper = self.env["res.users"]._auto_local_datetime
        self.advisor.tz = False
        self.advisor.company_id.partner_id.tz = "Asia/Shanghai"
        self.assertEqual(
            self.advisor._auto_local_datetime(self.today),
            datetime.combine(self.today, time(1)),
        )
        self.advisor.company_id.partner_id.tz = False
        self.assertEqual(
            self.advisor._auto_local_datetime(self.today),
            datetime.combine(self.today, time(9)),
        )
        with self.assertRaises(ValueError):
            helper(self.today)  # an assignee is needed

    def test_outside_window_does_not_remind(self):
        self.vehicle.inspection_due_date = self.today + timedelta(days=45)
        _count, reminder = self._fire("auto_service_reminder_inspection")
        self.assertFalse(self._logs(reminder))
        self.vehicle.inspection_due_date = self.today - timedelta(days=30)
        self._fire("auto_service_reminder_inspection")
        self.assertFalse(self._logs(reminder), "long past dates are history")

    def test_maintenance_due_by_mileage(self):
        # 100 km a day; last maintenance at 5,000 km; due every 7,500 km or 180
        # days: 12,500 km is reached 15 days after the 11,000 km reading.
        Odometer = self.env["fleet.vehicle.odometer"]
        Odometer.create(
            {
                "vehicle_id": self.vehicle.id,
                "value": 1000,
                "date": self.today - timedelta(days=100),
            }
        )
        repair = self._work_order(auto_service_type="maintenance")
        repair.sudo().write(  # a job of the past: its facts as recorded
            {
                "state": "done",
                "auto_done_date": fields.Datetime.now() - timedelta(days=60),
                "auto_odometer_in": 5000,
            }
        )
        Odometer.create(
            {"vehicle_id": self.vehicle.id, "value": 11000, "date": self.today}
        )
        self.assertAlmostEqual(self.vehicle.auto_km_per_day, 100.0)
        _count, reminder = self._fire("auto_service_reminder_maintenance")
        self.assertFalse(self._logs(reminder), "due in 15 days, 7 days ahead")
        later = self.today + timedelta(days=9)
        self._fire("auto_service_reminder_maintenance", later)
        logs = self._logs(reminder)
        self.assertEqual(logs.due_date, self.today + timedelta(days=15))
        self.assertEqual(logs.event_key, f"repair:{repair.id}")
        # A new reading moves the estimate but it is the same due service.
        Odometer.create({"vehicle_id": self.vehicle.id, "value": 11500, "date": later})
        self._fire("auto_service_reminder_maintenance", later + timedelta(days=1))
        self.assertEqual(len(self._logs(reminder)), 1)

    def test_first_maintenance_counts_from_delivery(self):
        with freeze_time(self.today - timedelta(days=85)):
            new_car = self._create_vehicle(delivery_date=fields.Date.today())
        _count, reminder = self._fire("auto_service_reminder_first_maintenance")
        log = self._logs(reminder, new_car)
        self.assertEqual(log.due_date, self.today + timedelta(days=5))
        self.assertFalse(self._logs(reminder), "the other vehicle has no delivery")

    def test_birthday_is_per_customer(self):
        self.customer_a.birthday = (self.today + timedelta(days=2)).replace(year=1985)
        self._create_vehicle(license_plate="京B54321")
        _count, reminder = self._fire("auto_service_reminder_birthday")
        logs = self.env["auto.service.reminder.log"].search(
            [("reminder_id", "=", reminder.id), ("partner_id", "=", self.customer_a.id)]
        )
        self.assertEqual(len(logs), 1, "two vehicles, one birthday")
        self.assertFalse(logs.vehicle_id)
        self.assertTrue(self.customer_a.activity_ids)

    def test_lost_customer(self):
        repair = self._work_order()
        repair.sudo().write(  # a job of the past: its facts as recorded
            {
                "state": "done",
                "auto_done_date": fields.Datetime.now() - timedelta(days=366),
            }
        )
        _count, reminder = self._fire("auto_service_reminder_lost_customer")
        logs = self.env["auto.service.reminder.log"].search(
            [("reminder_id", "=", reminder.id), ("partner_id", "=", self.customer_a.id)]
        )
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.user_id, self.advisor)

    def _insurance_due(self, days=20):
        self.vehicle.insurance_renewal_date = self.today + timedelta(days=days)
        return self.env.ref("auto_aftersales.auto_service_reminder_insurance")

    def _reminder_activities(self, reminder, record=None):
        return (record or self.vehicle).activity_ids.filtered(
            lambda act: reminder.name in act.summary
        )

    def test_no_reminder_without_consent(self):
        """A customer who never agreed to service reminders by phone gets no
        reminder call planned; the log says why and the reminder counts and
        lists them."""
        self._auto_record_consent(
            self.customer_a, ["service_reminders"], ["phone"], decision="withdrawn"
        )
        never_asked = self.env["res.partner"].create(
            {"name": "Never Asked Zhou", "mobile": "+86 139 0000 0001"}
        )
        other = self._create_vehicle(
            license_plate="京A99999",
            owner_id=never_asked.id,
            auto_service_advisor_id=self.advisor.id,
        )
        # A reminder of its own, years ahead: no demo vehicle is due then.
        reminder = self.env.ref("auto_aftersales.auto_service_reminder_insurance")
        reminder = reminder.copy({"name": "Insurance renewal (test)"})
        later = self.today + timedelta(days=20 * 365)
        (self.vehicle | other).insurance_renewal_date = later + timedelta(days=20)
        self.assertEqual(reminder._auto_fire(later, 1000), 2, "both logged, once")
        self.assertFalse(self._reminder_activities(reminder))
        self.assertFalse(self._reminder_activities(reminder, other))
        logs = self.env["auto.service.reminder.log"].search(
            [("reminder_id", "=", reminder.id)]
        )
        self.assertEqual(set(logs.mapped("state")), {"skipped"})
        self.assertEqual(
            {log.partner_id: log.skip_reason for log in logs},
            {self.customer_a: "withdrawn", never_asked: "not_asked"},
        )
        manager_view = reminder.with_user(self.aftersales_manager)
        self.assertEqual((manager_view.skipped_count, manager_view.log_count), (2, 0))
        self.assertEqual(
            sorted(manager_view.skipped_message.splitlines()),
            [
                "1 customers skipped: consent for Phone call "
                "(Service and maintenance reminders) withdrawn",
                "1 customers skipped: no consent for Phone call "
                "(Service and maintenance reminders)",
            ],
        )
        action = manager_view.action_view_skipped()
        self.assertEqual(
            self.env[action["res_model"]]
            .with_user(self.aftersales_manager)
            .search(action["domain"]),
            logs,
        )
        # Skipped events are not tried again run after run.
        self.assertEqual(reminder._auto_fire(later, 1000), 0)

    def test_withdrawal_takes_effect_on_the_next_run(self):
        reminder = self._insurance_due()
        self._fire("auto_service_reminder_insurance")
        self.assertEqual(len(self._reminder_activities(reminder)), 1)
        self._auto_record_consent(
            self.customer_a, ["service_reminders"], ["phone"], decision="withdrawn"
        )
        # Next year's renewal, in its window: not planned.
        self.vehicle.insurance_renewal_date = self.today + timedelta(days=385)
        self._fire("auto_service_reminder_insurance", self.today + timedelta(days=360))
        self.assertEqual(len(self._reminder_activities(reminder)), 1)
        self.assertEqual(self._logs(reminder).mapped("state"), ["skipped", "sent"])

    def test_sms_reminder_needs_the_sms_consent(self):
        """The birthday greeting is an SMS (its activity type's channel): a
        phone consent does not cover it."""
        self._auto_record_consent(
            self.customer_a, ["service_reminders"], ["sms"], decision="withdrawn"
        )
        self.customer_a.birthday = (self.today + timedelta(days=2)).replace(year=1985)
        _count, reminder = self._fire("auto_service_reminder_birthday")
        self.assertFalse(self._reminder_activities(reminder, self.customer_a))
        log = self.env["auto.service.reminder.log"].search(
            [("reminder_id", "=", reminder.id), ("partner_id", "=", self.customer_a.id)]
        )
        self.assertEqual(
            (log.state, log.skip_reason, log.skip_channel_id.code),
            ("skipped", "withdrawn", "sms"),
        )

    def test_recall_reminders_are_not_marketing(self):
        """A reminder of the Recall notices purpose reaches the customer who
        was never asked, not one who objected on that channel."""
        never_asked = self.env["res.partner"].create(
            {"name": "Never Asked Zhou", "mobile": "+86 139 0000 0001"}
        )
        self.vehicle.owner_id = never_asked
        reminder = self.env.ref("auto_aftersales.auto_service_reminder_inspection")
        reminder.purpose_id = self.env.ref(
            "auto_crm_leads.privacy_activity_recall_notices"
        )
        self.vehicle.inspection_due_date = self.today + timedelta(days=10)
        self._fire("auto_service_reminder_inspection")
        self.assertEqual(len(self._reminder_activities(reminder)), 1)
        self._auto_record_consent(
            never_asked, ["recall_notices"], ["phone"], decision="withdrawn"
        )
        self.vehicle.inspection_due_date = self.today + timedelta(days=20)
        self._fire("auto_service_reminder_inspection")
        self.assertEqual(len(self._reminder_activities(reminder)), 1)
        log = self.env["auto.service.reminder.log"].search(
            [("reminder_id", "=", reminder.id), ("state", "=", "skipped")]
        )
        self.assertEqual(log.skip_reason, "objected")

    def test_reminder_message_needs_the_email_consent(self):
        """The message goes by e-mail: with consent by phone only, the call is
        planned and no e-mail is sent; the log says partly."""
        self._auto_record_consent(
            self.customer_a, ["service_reminders"], ["email"], decision="withdrawn"
        )
        reminder = self._insurance_due()
        reminder.mail_template_id = self.env["mail.template"].create(
            {
                "name": "Insurance renewal",
                "model_id": self.env["ir.model"]._get_id("fleet.vehicle"),
                "subject": "Your insurance",
                "body_html": "<p>Renew</p>",
                "partner_to": "{{ object.owner_id.id }}",
            }
        )
        self._fire("auto_service_reminder_insurance")
        self.assertEqual(len(self._reminder_activities(reminder)), 1)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "fleet.vehicle"), ("res_id", "=", self.vehicle.id)]
            )
        )
        log = self._logs(reminder)
        self.assertEqual(
            (log.state, log.skip_reason, log.skip_channel_id.code),
            ("partial", "opted_out", "email"),
        )

    def test_cron_queries_do_not_grow_with_vehicles(self):
        reminder = self.env.ref("auto_aftersales.auto_service_reminder_warranty")
        self.vehicle.warranty_end_date = self.today + timedelta(days=3)
        self.env.flush_all()
        # 2 of them read the time zone of the advisor's store, once; 9 are
        # the consent check (activity type, channel, purpose, the customers'
        # phones, consents and opt-out list), once per run.
        with self.assertQueryCount(__system__=20):
            reminder._auto_fire(self.today, 1000)
        self.assertTrue(self._logs(reminder))
        for index in range(5):
            self._create_vehicle(
                license_plate=f"京C1234{index}",
                warranty_end_date=self.today + timedelta(days=4),
            )
        self.env.flush_all()
        with self.assertQueryCount(__system__=9):
            self.assertEqual(reminder._auto_fire(self.today, 1000), 5)

    def test_who_follows_the_customer_up_is_one_rule(self):
        """The advisor of the vehicle, else of the customer's first vehicle
        that has one, else the customer's salesperson: for the helper, the
        reminders' scheduler and the post-service follow-ups alike."""
        Partner = self.env["res.partner"]
        second = self._create_vehicle(license_plate="京A54321")
        walk_in = Partner.create({"name": "Li Lei", "user_id": self.consultant_b.id})
        followers = (self.customer_a | walk_in)._auto_follow_up_user()
        self.assertEqual(followers[self.customer_a], self.advisor)
        self.assertEqual(followers[walk_in], self.consultant_b, "no advised vehicle")
        other_advisor = self._second_store()[1]
        second.auto_service_advisor_id = other_advisor
        self.assertEqual(
            self.customer_a._auto_follow_up_user(vehicles=second)[self.customer_a],
            other_advisor,
            "the advisor of the vehicle the follow-up is about comes first",
        )
        second.auto_service_advisor_id = False
        with self.assertQueryCount(1):
            (self.customer_a | walk_in)._auto_follow_up_user(vehicles=second)
        # The scheduler: the second vehicle has no advisor of its own.
        second.insurance_renewal_date = self.today + timedelta(days=20)
        _count, reminder = self._fire("auto_service_reminder_insurance")
        self.assertEqual(self._logs(reminder, second).user_id, self.advisor)
        # A work order nobody took yet: its follow-ups go to the same person.
        repair = self._work_order(user=self.aftersales_manager, user_id=False)
        repair.auto_vehicle_id = second
        self.env["auto.service.followup.rule"]._auto_plan("repair_done", repair)
        self.assertEqual(repair.activity_ids.user_id, self.advisor)
