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

    def test_cron_queries_do_not_grow_with_vehicles(self):
        reminder = self.env.ref("auto_aftersales.auto_service_reminder_warranty")
        self.vehicle.warranty_end_date = self.today + timedelta(days=3)
        self.env.flush_all()
        # 2 of them read the time zone of the advisor's store, once.
        with self.assertQueryCount(__system__=11):
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
