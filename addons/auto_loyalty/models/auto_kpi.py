from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL


class AutoKpi(models.Model):
    """The CRM team's membership KPIs of DOMAIN.md §6."""

    _inherit = "auto.kpi"

    code = fields.Selection(
        selection_add=[
            ("member_activity", "Member Activity"),
            ("recall_rate", "Lost-customer Recall Rate"),
        ],
        ondelete={"member_activity": "cascade", "recall_rate": "cascade"},
    )
    window_months = fields.Integer(
        string="Window (months)",
        default=12,
        help="Member activity: how many months back a points movement makes "
        "a member active.",
    )

    def _auto_kpi_facts_member_activity(self, date_from, date_to, today):
        """会员活跃度: members at the end of each month (today for the current
        one) and, of those, the ones who earned, spent or moved points in the
        window before it. Expiry is not activity."""
        return SQL(
            """
            WITH months AS (
                SELECT month::date,
                       LEAST(month + interval '1 month', %(tomorrow)s) AS until
                  FROM generate_series(%(date_from)s::date, %(last_month)s::date,
                                       interval '1 month') month
            )
            SELECT months.month, card.company_id, %(team)s AS team_id, card.user_id,
                   EXISTS (
                       SELECT 1 FROM auto_loyalty_move move
                        WHERE move.card_id = card.id AND move.move_type != 'expire'
                          AND move.date >= months.until
                                           - make_interval(months => %(window)s)
                          AND move.date < months.until
                   )::int AS numerator,
                   1 AS denominator
              FROM months
              JOIN auto_loyalty_card card
                ON card.join_date < months.until AND card.state != 'closed'
            """,
            tomorrow=today + relativedelta(days=1),
            date_from=date_from,
            last_month=min(date_to - relativedelta(months=1), today),
            team=self._auto_kpi_user_team(SQL("card.user_id")),
            window=self.window_months or 12,
        )

    def _auto_kpi_facts_recall_rate(self, date_from, date_to, today):
        """流失客户召回率: churn episodes opened in the month and, of those, the
        customers who came back."""
        return SQL(
            """
            SELECT date_trunc('month', winback.date_start)::date AS month,
                   COALESCE(partner.company_id, employee.company_id) AS company_id,
                   %(team)s AS team_id, winback.user_id,
                   (winback.state = 'recalled')::int AS numerator,
                   1 AS denominator
              FROM auto_loyalty_winback winback
              JOIN res_partner partner ON partner.id = winback.partner_id
              LEFT JOIN res_users employee ON employee.id = winback.user_id
             WHERE winback.date_start >= %(date_from)s
               AND winback.date_start < %(date_to)s
            """,
            team=self._auto_kpi_user_team(SQL("winback.user_id")),
            date_from=date_from,
            date_to=date_to,
        )
