from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AutoKpiCommon


@tagged("post_install", "-at_install")
class TestKpiBoard(AutoKpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env.ref("auto_crm_leads.auto_kpi_lead_conversion")
        cls.team = cls.env["crm.team"].create(
            {
                "name": "KPI Showroom",
                "member_ids": [
                    Command.set((cls.consultant_a | cls.consultant_b).ids),
                ],
            }
        )
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "Price"})

    def _leads(self, consultant, day, won=0, lost=0, open_=0):
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Walk-in {index}",
                    "type": "opportunity",
                    "partner_id": self.customer_a.id,
                    "user_id": consultant.id,
                    "team_id": self.team.id,
                }
                for index in range(won + lost + open_)
            ]
        )
        leads[:won].write({"stage_id": self.won_stage.id})
        leads[won : won + lost].action_set_lost(lost_reason_id=self.lost_reason.id)
        self._backdate(leads, "create_date", datetime.combine(day, datetime.min.time()))
        return leads

    def test_conversion_per_person_team_and_period(self):
        # April: A won 2 of 4 (one lost, one open), B won 1 of 2. May: A 0 of 2.
        self._leads(self.consultant_a, date(2026, 4, 3), won=2, lost=1, open_=1)
        self._leads(self.consultant_b, date(2026, 4, 20), won=1, open_=1)
        self._leads(self.consultant_a, date(2026, 5, 9), lost=1, open_=1)
        self._refresh(self.kpi)

        april, may, q2 = date(2026, 4, 1), date(2026, 5, 1), date(2026, 4, 1)
        a, b = self.consultant_a, self.consultant_b
        self._assert_figure(self._result(self.kpi, april, user=a), 2, 4, 50.0, "met")
        self._assert_figure(self._result(self.kpi, april, user=b), 1, 2, 50.0, "met")
        self._assert_figure(self._result(self.kpi, may, user=a), 0, 2, 0.0, "missed")
        self._assert_figure(
            self._result(self.kpi, april, team=self.team), 3, 6, 50.0, "met"
        )
        # A quarter adds up its months: 2 of 6, not the average of 50 % and 0 %.
        self._assert_figure(
            self._result(self.kpi, q2, "quarter", user=a), 2, 6, 33.3, "met"
        )
        self._assert_figure(
            self._result(self.kpi, date(2026, 1, 1), "year", team=self.team),
            3,
            8,
            37.5,
            "met",
        )
        self.assertFalse(self._result(self.kpi, date(2026, 3, 1), user=a))

    def test_every_kpi_has_its_query_registered(self):
        """Each addon registers the query of the KPIs it brings: every code
        of the board has one, and the refresh finds it there."""
        Kpi = self.env["auto.kpi"]
        registered = Kpi._auto_kpi_fact_methods()
        self.assertEqual(
            set(registered), {code for code, _label in Kpi._fields["code"].selection}
        )
        self.assertEqual(
            registered["lead_conversion"], Kpi._auto_kpi_facts_lead_conversion
        )

    def test_new_target_recolours_the_board(self):
        self._leads(self.consultant_a, date(2026, 4, 3), won=2, open_=4)
        self._refresh(self.kpi)
        result = self._result(self.kpi, date(2026, 4, 1), user=self.consultant_a)
        self.assertEqual((result.value, result.status), (33.3, "met"))

        self.kpi.target = 40
        self.assertEqual((result.target, result.status), (40.0, "missed"))

    def test_refresh_costs_the_same_whatever_the_volume(self):
        self._leads(self.consultant_a, date(2026, 4, 3), won=1, open_=1)
        self._refresh(self.kpi)
        self.env.flush_all()
        with self.assertQueryCount(4):
            self._refresh(self.kpi)
        self._leads(self.consultant_b, date(2026, 2, 3), won=5, open_=20)
        self.env.flush_all()
        with self.assertQueryCount(4):
            self._refresh(self.kpi)
        self._assert_figure(
            self._result(self.kpi, date(2026, 2, 1), user=self.consultant_b),
            5,
            25,
            20.0,
            "missed",
        )

    def test_consultant_sees_own_and_team_figures_only(self):
        self._leads(self.consultant_a, date(2026, 4, 3), won=1, open_=1)
        self._leads(self.consultant_b, date(2026, 4, 4), won=1, open_=3)
        self._refresh(self.kpi)
        Result = self.env["auto.kpi.result"]
        domain = [("kpi_id", "=", self.kpi.id), ("period", "=", date(2026, 4, 1))]

        seen_by_a = Result.with_user(self.consultant_a).search(domain)
        self.assertEqual(
            seen_by_a.filtered(lambda r: r.level == "person").user_id,
            self.consultant_a,
        )
        self.assertIn(self.team, seen_by_a.team_id)
        seen_by_manager = Result.with_user(self.sales_manager).search(domain)
        self.assertLessEqual(
            self.consultant_a | self.consultant_b,
            seen_by_manager.filtered(lambda r: r.level == "person").user_id,
        )

    def test_only_managers_refresh_the_board(self):
        with self.assertRaises(AccessError):
            self.kpi.with_user(self.consultant_a).action_auto_refresh()
        with self.assertRaises(AccessError):
            self.kpi.with_user(self.consultant_a).target = 10
        self._leads(self.consultant_a, date.today(), won=1)
        crm_manager = self.env.ref("base.user_admin")
        self.kpi.with_user(crm_manager).action_auto_refresh()
        self.assertTrue(
            self.env["auto.kpi.result"].search(
                [("kpi_id", "=", self.kpi.id), ("user_id", "=", self.consultant_a.id)]
            )
        )

    def test_trend_shows_the_last_twelve_months_with_gaps(self):
        """A figure carries the twelve months up to it, oldest first, for
        the same KPI and scope: a red month can be told from a red year."""
        self._leads(self.consultant_a, date(2025, 5, 6), won=1)
        self._leads(self.consultant_a, date(2026, 2, 3), lost=2)
        self._leads(self.consultant_a, date(2026, 4, 3), won=2, open_=2)
        self._leads(self.consultant_b, date(2026, 3, 3), won=1)
        self._refresh(self.kpi)

        april = self._result(self.kpi, date(2026, 4, 1), user=self.consultant_a)
        trend = april.with_user(self.consultant_a).trend
        self.assertEqual(trend["target"], april.target)
        points = trend["points"]
        self.assertEqual(
            [point["period"] for point in points],
            [f"2025-{month:02}" for month in range(5, 13)]
            + [f"2026-{month:02}" for month in range(1, 5)],
        )
        values = {point["period"]: point["value"] for point in points}
        self.assertEqual(
            {period: value for period, value in values.items() if value is not None},
            {"2025-05": 100.0, "2026-02": 0.0, "2026-04": 50.0},
            "B's March is not A's: the other months are gaps",
        )
        self.assertEqual(
            [point["met"] for point in points if point["value"] is not None],
            [True, False, True],
        )
        # The team's figure has the team's months, B's March included.
        team = self._result(self.kpi, date(2026, 4, 1), team=self.team)
        self.assertEqual(
            [p["period"] for p in team.trend["points"] if p["value"] is not None],
            ["2025-05", "2026-02", "2026-03", "2026-04"],
        )
        # A quarter's trend ends with its last month.
        q2 = self._result(self.kpi, date(2026, 4, 1), "quarter", user=self.consultant_a)
        self.assertEqual(q2.trend["points"][-1]["period"], "2026-06")
        self.assertEqual(q2.trend["points"][0]["period"], "2025-07")
