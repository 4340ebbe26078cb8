from datetime import date, datetime, timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.auto_crm_leads.tests.common import AutoKpiCommon

from .common import AutoAftersalesCommon

APRIL = date(2026, 4, 1)


@tagged("post_install", "-at_install")
class TestServiceKpis(AutoAftersalesCommon, AutoKpiCommon):
    """The KPIs measured from deliveries, work orders and tickets, each on a
    crafted history of the test's own consultant and advisor."""

    def _kpi(self, code):
        kpi = self.env["auto.kpi"].search([("code", "=", code)])
        self._refresh(kpi)
        return kpi

    def _done_work_order(self, day, vehicle=None, **vals):
        repair = self._work_order(auto_vehicle_id=(vehicle or self.vehicle).id, **vals)
        self._complete(repair)
        self._backdate(
            repair, "auto_done_date", datetime.combine(day, datetime.min.time())
        )
        return repair

    def _delivered(self, day, csat=None, called_on=None):
        """A vehicle of consultant A's customer delivered on ``day``; the
        callback marked done on ``called_on``."""
        vehicle = self._create_vehicle(delivery_date=day)
        if csat:
            vehicle.auto_csat = str(csat)
        if called_on:
            rule = self.env.ref("auto_aftersales.auto_service_followup_delivery")
            activity = vehicle.activity_schedule(
                activity_type_id=rule.activity_type_id.id, user_id=self.consultant_a.id
            )
            message = activity._action_done(feedback="Happy with the car")[0]
            self._backdate(
                message, "date", datetime.combine(called_on, datetime.min.time())
            )
        return vehicle

    def test_sales_satisfaction_and_delivery_callbacks(self):
        self._delivered(date(2026, 4, 5), csat=5, called_on=date(2026, 4, 8))
        self._delivered(date(2026, 4, 6), csat=3, called_on=date(2026, 4, 20))
        self._delivered(date(2026, 4, 7))
        # Delivered two days before the board's day: its 7 days are not over.
        self._delivered(date(2026, 6, 13))

        satisfaction = self._kpi("sales_csat")
        self._assert_figure(
            self._result(satisfaction, APRIL, user=self.consultant_a),
            1,
            2,
            50.0,
            "missed",
        )
        callback = self._kpi("delivery_callback")
        self._assert_figure(
            self._result(callback, APRIL, user=self.consultant_a), 1, 3, 33.3, "missed"
        )
        self.assertFalse(
            self._result(callback, date(2026, 6, 1), user=self.consultant_a)
        )

    def test_delivery_callback_window_is_the_rules(self):
        """The KPI measures the callback rule as configured: a 14-day rule
        counts a call on the 14th day, and a delivery whose 14 days are not
        over is not counted yet."""
        rule = self.env.ref("auto_aftersales.auto_service_followup_delivery")
        rule.delay_hours = 14 * 24
        self._delivered(date(2026, 4, 5), called_on=date(2026, 4, 8))
        self._delivered(date(2026, 4, 6), called_on=date(2026, 4, 20))
        self._delivered(date(2026, 4, 7), called_on=date(2026, 4, 22))
        self._delivered(date(2026, 6, 5))  # 10 days before the board's day
        callback = self._kpi("delivery_callback")
        self._assert_figure(
            self._result(callback, APRIL, user=self.consultant_a), 2, 3, 66.7, "missed"
        )
        self.assertFalse(
            self._result(callback, date(2026, 6, 1), user=self.consultant_a)
        )

    def test_satisfied_customers_from_the_stores_cut_off(self):
        self._delivered(date(2026, 4, 5), csat=5)
        self._delivered(date(2026, 4, 6), csat=3)
        self.env.company.auto_csat_satisfied_min = 3
        self._assert_figure(
            self._result(self._kpi("sales_csat"), APRIL, user=self.consultant_a),
            2,
            2,
            100.0,
            "met",
        )

    def test_each_kpi_says_what_its_team_is(self):
        """A sales consultant's KPI counts for the sales team; a service
        advisor's has no team level, even for an advisor listed in a sales
        team: the store's figure is its station's."""
        team = self.env["crm.team"].create(
            {
                "name": "Showroom and workshop",
                "member_ids": [Command.set((self.consultant_a | self.advisor).ids)],
            }
        )
        self._delivered(date(2026, 4, 5), csat=5)
        self._done_work_order(date(2026, 4, 2), parts=1)
        satisfaction = self._kpi("sales_csat")
        self._assert_figure(
            self._result(satisfaction, APRIL, team=team), 1, 1, 100.0, "met"
        )
        penetration = self._kpi("vas_penetration")
        results = self.env["auto.kpi.result"].search(
            [("kpi_id", "=", penetration.id), ("period", "=", APRIL)]
        )
        self.assertEqual(set(results.mapped("level")), {"company", "person"})
        self.assertTrue(self._result(penetration, APRIL, user=self.advisor))

    def test_returning_customers_are_counted_when_due(self):
        """Maintenance every 180 days: due back in the month of the last
        visit plus 180 days."""
        came_back, stayed_away, came_early = (
            self._create_vehicle(license_plate=plate)
            for plate in ("京A10001", "京A10002", "京A10003")
        )
        self._done_work_order(date(2025, 10, 1), came_back)  # due 2026-03-30
        self._done_work_order(date(2026, 3, 20), came_back)
        self._done_work_order(date(2025, 11, 10), stayed_away)  # due 2026-05-09
        self._done_work_order(date(2025, 10, 15), came_early)  # due 2026-04-13
        self._done_work_order(date(2026, 2, 1), came_early)  # due again in July

        kpi = self._kpi("returning_customer")
        self._assert_figure(
            self._result(kpi, date(2026, 3, 1), user=self.advisor), 1, 1, 100.0, "met"
        )
        self.assertFalse(self._result(kpi, APRIL, user=self.advisor))
        self._assert_figure(
            self._result(kpi, date(2026, 5, 1), user=self.advisor), 0, 1, 0.0, "missed"
        )
        self._assert_figure(
            self._result(kpi, date(2026, 1, 1), "year", user=self.advisor),
            1,
            2,
            50.0,
            "missed",
        )

    def test_value_added_penetration(self):
        warranty = self.env["product.product"].create(
            {
                "name": "Extended warranty, 2 years",
                "type": "consu",
                "auto_value_added": True,
            }
        )
        self._done_work_order(date(2026, 4, 2), parts=1)
        self._done_work_order(
            date(2026, 4, 9),
            move_ids=[
                (
                    0,
                    0,
                    {
                        "repair_line_type": "add",
                        "product_id": warranty.id,
                        "product_uom_qty": 1,
                    },
                )
            ],
        )
        kpi = self._kpi("vas_penetration")
        self._assert_figure(
            self._result(kpi, APRIL, user=self.advisor), 1, 2, 50.0, "met"
        )

    def test_complaints_handled_on_time(self):
        def complaint(resolved=None, breached=False, deadline=None):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": "Complaint",
                    "description": "<p>Waited too long.</p>",
                    "auto_request_type": "complaint",
                    "partner_id": self.customer_a.id,
                    "user_id": self.call_agent.id,
                }
            )
            ticket.write(
                {"auto_resolved_date": resolved, "auto_sla_breached": breached}
            )
            # Opened on 10 April, due 48 hours later (the seeded SLA).
            self._backdate(ticket, "create_date", datetime(2026, 4, 10, 9))
            self._backdate(
                ticket, "auto_resolution_deadline", deadline or datetime(2026, 4, 12, 9)
            )
            return ticket

        complaint(resolved=datetime(2026, 4, 11))
        complaint(resolved=datetime(2026, 4, 15), breached=True)
        complaint()  # open past its deadline
        complaint(deadline=datetime.now() + timedelta(days=1))  # not due yet
        kpi = self._kpi("complaint_on_time")
        self._assert_figure(
            self._result(kpi, APRIL, user=self.call_agent), 1, 3, 33.3, "missed"
        )

    def test_nps_per_hundred_answers(self):
        for score in ("10", "9", "8", "5"):
            repair = self._done_work_order(date(2026, 4, 2))
            repair.auto_nps = score
            self._backdate(repair, "auto_survey_date", datetime(2026, 4, 3))
        kpi = self._kpi("nps")
        # 2 promoters - 1 detractor over 4 answers.
        self._assert_figure(
            self._result(kpi, APRIL, user=self.advisor), 1, 4, 25.0, "missed"
        )
