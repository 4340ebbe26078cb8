from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

KPI_ROLES = [
    ("sales", "Sales Consultant"),
    ("service", "Service Advisor"),
    ("crm", "CRM Team"),
]


class AutoKpi(models.Model):
    """A KPI of the dealership (考核指标) with its target. What it measures is
    code: one query per KPI, registered by the addon that owns the data in
    ``_auto_kpi_fact_methods``, and what its team level is
    (``_auto_kpi_team_sql``); the target and the wording are configuration."""

    _name = "auto.kpi"
    _description = "Dealer KPI"
    _order = "role, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [("lead_conversion", "Lead Conversion Rate")],
        required=True,
        readonly=True,
        help="What is measured; each addon brings its KPIs.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    role = fields.Selection(KPI_ROLES, required=True)
    target = fields.Float(
        required=True,
        digits=(16, 1),
        help="Met when the value is at least the target.",
    )
    unit = fields.Selection(
        [("percent", "%"), ("score", "Score")],
        required=True,
        default="percent",
        help="A rate in percent, or a score such as NPS (-100 to 100).",
    )
    description = fields.Text(
        string="How It Is Measured",
        translate=True,
        help="Numerator and denominator, as the team should read the figure.",
    )

    _sql_constraints = [
        ("code_uniq", "UNIQUE(code)", "Each KPI is defined once."),
    ]

    def write(self, vals):
        result = super().write(vals)
        if "target" in vals:
            self._auto_update_status()
        return result

    def _auto_update_status(self):
        """A new target turns the stored results red or green at once."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE auto_kpi_result result
                   SET target = kpi.target,
                       status = CASE WHEN result.value >= kpi.target
                                     THEN 'met' ELSE 'missed' END
                  FROM auto_kpi kpi
                 WHERE kpi.id = result.kpi_id AND kpi.id = ANY(%s)
                """,
                self.ids,
            )
        )
        self.env["auto.kpi.result"].invalidate_model(["target", "status"])

    # Computation ------------------------------------------------------------

    @api.model
    def _cron_auto_refresh(self):
        self.search([])._auto_refresh()

    def action_auto_refresh(self):
        # Whoever may set the targets (the managers) may refresh the figures.
        self.browse().check_access("write")
        self.sudo().search([])._auto_refresh()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _auto_refresh(self, today=None):
        """Recompute every result since the start of last year: two
        statements per KPI, whatever the volume of data."""
        today = today or fields.Date.context_today(self)
        date_from = today.replace(month=1, day=1) - relativedelta(years=1)
        date_to = today.replace(day=1) + relativedelta(months=1)
        self.env.flush_all()
        cr = self.env.cr
        # The planner's guesses on generate_series make PostgreSQL compile
        # these queries (JIT) for half a second each, more than they run.
        cr.execute("SET LOCAL jit = off")
        for kpi in self:
            cr.execute(
                SQL(
                    "DELETE FROM auto_kpi_result WHERE kpi_id = %s AND period >= %s",
                    kpi.id,
                    date_from,
                )
            )
            facts = kpi._auto_kpi_fact_methods()[kpi.code](date_from, date_to, today)
            cr.execute(kpi._auto_insert_results_query(facts))
        self.env["auto.kpi.result"].invalidate_model()

    # Registration -------------------------------------------------------------

    def _auto_kpi_fact_methods(self):
        """The query of each KPI, by code: {code: method(date_from, date_to,
        today)} returning its facts in SQL (see below). Each addon registers
        the KPIs it brings::

            def _auto_kpi_fact_methods(self):
                return {
                    **super()._auto_kpi_fact_methods(),
                    "nps": self._auto_kpi_facts_nps,
                }
        """
        return {"lead_conversion": self._auto_kpi_facts_lead_conversion}

    def _auto_kpi_team_sql(self):
        """What this KPI's team level is: an SQL expression of the sales team
        (``crm_team`` id) a fact counts for, over ``raw_facts`` (the KPI's
        facts) and ``user_team`` (its person's first sales team), or NULL for
        a KPI without a team level (its results are per company and person).

        A sales consultant's KPI counts for the fact's sales team, else for
        the consultant's. The service advisors' and the CRM team's KPIs have
        no sales team: each store's service station and CRM team is the
        store itself (its company level). Override it for a KPI of yours."""
        self.ensure_one()
        if self.role == "sales":
            return SQL("COALESCE(raw_facts.team_id, user_team.crm_team_id)")
        return SQL("NULL::int")

    def _auto_insert_results_query(self, facts):
        """Results per month, quarter and year, for the company, the team
        (``_auto_kpi_team_sql``) and the person. A quarter or a year adds up
        its months' numerators and denominators, so its rate is weighted, not
        averaged."""
        self.ensure_one()
        return SQL(
            """
            WITH raw_facts AS (%(facts)s),
            user_team AS (
                SELECT DISTINCT ON (user_id) user_id, crm_team_id
                  FROM crm_team_member
                 WHERE active
                 ORDER BY user_id, id
            ),
            facts AS (
                SELECT raw_facts.month, raw_facts.company_id,
                       %(team)s AS team_id,
                       raw_facts.user_id, raw_facts.numerator, raw_facts.denominator
                  FROM raw_facts
                  LEFT JOIN user_team ON user_team.user_id = raw_facts.user_id
            ),
            periods AS (
                SELECT 'month' AS period_type, month AS period, facts.* FROM facts
                 UNION ALL
                SELECT 'quarter', date_trunc('quarter', month)::date, facts.* FROM facts
                 UNION ALL
                SELECT 'year', date_trunc('year', month)::date, facts.* FROM facts
            ),
            results AS (
                SELECT period_type, period, company_id, team_id, user_id,
                       CASE WHEN GROUPING(user_id) = 0 THEN 'person'
                            WHEN GROUPING(team_id) = 0 THEN 'team'
                            ELSE 'company' END AS level,
                       sum(numerator) AS numerator, sum(denominator) AS denominator
                  FROM periods
                 GROUP BY GROUPING SETS (
                       (period_type, period, company_id),
                       (period_type, period, company_id, team_id),
                       (period_type, period, company_id, user_id))
                HAVING sum(denominator) > 0
                   AND (GROUPING(team_id) = 1 OR team_id IS NOT NULL)
                   AND (GROUPING(user_id) = 1 OR user_id IS NOT NULL)
            )
            INSERT INTO auto_kpi_result (
                kpi_id, kpi_sequence, role, period_type, period, period_name, level,
                company_id, team_id, user_id,
                numerator, denominator, value, target, status,
                create_uid, create_date, write_uid, write_date)
            SELECT %(kpi)s, %(sequence)s, %(role)s, period_type, period,
                   to_char(period, CASE period_type WHEN 'month' THEN 'YYYY-MM'
                                   WHEN 'quarter' THEN 'YYYY "Q"Q' ELSE 'YYYY' END),
                   level,
                   company_id, team_id, user_id,
                   numerator, denominator, value, %(target)s,
                   CASE WHEN value >= %(target)s THEN 'met' ELSE 'missed' END,
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM (SELECT results.*,
                           round(100.0 * numerator / denominator, 1) AS value
                      FROM results) results
            """,
            facts=facts,
            team=self._auto_kpi_team_sql(),
            kpi=self.id,
            sequence=self.sequence,
            role=self.role,
            target=self.target,
            uid=self.env.uid,
            now=fields.Datetime.now(),
        )

    @api.model
    def _auto_kpi_no_facts(self):
        """For a KPI that cannot be measured with the current configuration."""
        return SQL(
            """SELECT NULL::date AS month, NULL::int AS company_id,
                      NULL::int AS team_id, NULL::int AS user_id,
                      0 AS numerator, 0 AS denominator
                WHERE FALSE"""
        )

    # Each KPI: one row per fact with its month, company, sales team (NULL for
    # the person's) and person, and what it adds to the numerator and the
    # denominator. Registered in _auto_kpi_fact_methods.

    def _auto_kpi_facts_lead_conversion(self, date_from, date_to, today):
        """Leads and opportunities captured in the month (lost ones too) and,
        of those, the ones won."""
        return SQL(
            """
            SELECT date_trunc('month', lead.create_date)::date AS month,
                   COALESCE(lead.company_id, team.company_id, consultant.company_id)
                       AS company_id,
                   lead.team_id, lead.user_id,
                   (lead.outcome = 'won')::int AS numerator,
                   1 AS denominator
              FROM auto_lead_conversion_report lead
              LEFT JOIN crm_team team ON team.id = lead.team_id
              LEFT JOIN res_users consultant ON consultant.id = lead.user_id
             WHERE lead.create_date >= %s AND lead.create_date < %s
            """,
            date_from,
            date_to,
        )
