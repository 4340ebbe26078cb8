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

    def _auto_kpi_fact_methods(self):
        return {
            **super()._auto_kpi_fact_methods(),
            "member_activity": self._auto_kpi_facts_member_activity,
            "recall_rate": self._auto_kpi_facts_recall_rate,
        }

    def _auto_kpi_facts_member_activity(self, date_from, date_to, today):
        """会员活跃度: members at the end of each month and, of those, the ones
        who earned, spent or moved points in the window of months up to it.
        Expiry is not activity. A movement makes its card active for the
        window's months: one pass over the movements, joined to the cards."""
        return SQL(
            """
            WITH active AS (
                SELECT DISTINCT move.card_id, month::date
                  FROM auto_loyalty_move move,
                       generate_series(
                           date_trunc('month', move.date),
                           date_trunc('month', move.date)
                               + make_interval(months => %(window)s - 1),
                           interval '1 month') month
                 WHERE move.move_type != 'expire'
                   AND move.date >= %(date_from)s::date
                                    - make_interval(months => %(window)s)
                   AND move.date < %(date_to)s
            )
            SELECT period.month::date, card.company_id, NULL::int AS team_id,
                   card.user_id,
                   (active.card_id IS NOT NULL)::int AS numerator,
                   1 AS denominator
              FROM generate_series(%(date_from)s::date, %(last_month)s::date,
                                   interval '1 month') period(month)
              JOIN auto_loyalty_card card
                ON card.join_date < period.month + interval '1 month'
               AND card.state != 'closed'
              LEFT JOIN active
                ON active.card_id = card.id AND active.month = period.month::date
            """,
            date_from=date_from,
            date_to=date_to,
            last_month=min(date_to - relativedelta(months=1), today),
            window=self.window_months or 12,
        )

    def _auto_kpi_facts_recall_rate(self, date_from, date_to, today):
        """流失客户召回率: churn episodes opened in the month and, of those, the
        customers who came back."""
        return SQL(
            """
            SELECT date_trunc('month', winback.date_start)::date AS month,
                   COALESCE(partner.company_id, employee.company_id) AS company_id,
                   NULL::int AS team_id, winback.user_id,
                   (winback.state = 'recalled')::int AS numerator,
                   1 AS denominator
              FROM auto_loyalty_winback winback
              JOIN res_partner partner ON partner.id = winback.partner_id
              LEFT JOIN res_users employee ON employee.id = winback.user_id
             WHERE winback.date_start >= %(date_from)s
               AND winback.date_start < %(date_to)s
            """,
            date_from=date_from,
            date_to=date_to,
        )
