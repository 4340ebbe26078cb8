from datetime import date, datetime

from odoo.tests import tagged

from odoo.addons.auto_crm_leads.tests.common import TODAY, AutoKpiCommon

from .common import AutoLoyaltyCommon

APRIL = date(2026, 4, 1)
QUERIES = 21


@tagged("post_install", "-at_install")
class TestMembershipKpis(AutoLoyaltyCommon, AutoKpiCommon):
    def test_member_activity_over_a_rolling_window(self):
        (self.card_a | self.card_b).join_date = date(2025, 6, 1)
        move = self._credit(self.card_a, 100)
        self._backdate(move, "date", datetime(2026, 3, 10))
        kpi = self.env.ref("auto_loyalty.auto_kpi_member_activity")
        self._refresh(kpi)
        a, b = self.consultant_a, self.consultant_b
        self._assert_figure(self._result(kpi, APRIL, user=a), 1, 1, 100.0, "met")
        self._assert_figure(self._result(kpi, APRIL, user=b), 0, 1, 0.0, "missed")
        self._assert_figure(
            self._result(kpi, date(2026, 2, 1), user=a), 0, 1, 0.0, "missed"
        )
        self.assertFalse(
            self._result(kpi, date(2025, 5, 1), user=a), "not a member yet"
        )

        # A one-month window: the March movement no longer makes April active.
        kpi.window_months = 1
        self._refresh(kpi)
        self._assert_figure(self._result(kpi, APRIL, user=a), 0, 1, 0.0, "missed")

    def test_recall_rate_of_churn_episodes(self):
        Winback = self.env["auto.loyalty.winback"]
        Winback.create(
            [
                {
                    "partner_id": self.customer_a.id,
                    "segment": "lost",
                    "user_id": self.advisor.id,
                    "date_start": date(2026, 4, 3),
                    "state": "recalled",
                    "date_recalled": date(2026, 5, 2),
                },
                {
                    "partner_id": self.customer_b.id,
                    "segment": "sleeping",
                    "user_id": self.advisor.id,
                    "date_start": date(2026, 4, 5),
                },
            ]
        )
        kpi = self.env.ref("auto_loyalty.auto_kpi_recall_rate")
        self._refresh(kpi)
        self._assert_figure(
            self._result(kpi, APRIL, user=self.advisor), 1, 2, 50.0, "met"
        )

    def test_whole_board_refresh_is_set_based(self):
        """Nine KPIs, two statements each, plus the configuration they read:
        the same count with one more work order, member and episode."""
        board = self.env["auto.kpi"].search([])
        self.assertEqual(len(board), 9)
        board._auto_refresh(today=TODAY)
        self.env.flush_all()
        with self.assertQueryCount(QUERIES):
            board._auto_refresh(today=TODAY)
        self._complete(self._work_order(parts=1))
        self._credit(self.card_b, 10)
        self.env["auto.loyalty.winback"].create(
            {
                "partner_id": self.customer_b.id,
                "segment": "lost",
                "date_start": date(2026, 5, 2),
            }
        )
        self.env.flush_all()
        with self.assertQueryCount(QUERIES):
            board._auto_refresh(today=TODAY)
