from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

TREND_MONTHS = 12


class AutoKpiResult(models.Model):
    """One figure of the KPI board: a KPI for a period (month, quarter, year)
    at the level of the company, a sales team or a person. Written in bulk by
    the refresh (``auto.kpi._auto_refresh``), never by hand."""

    _name = "auto.kpi.result"
    _description = "Dealer KPI Result"
    _check_company_auto = True
    _order = "period desc, kpi_sequence, level, value desc, id"
    _rec_name = "kpi_id"

    kpi_id = fields.Many2one(
        "auto.kpi", string="KPI", required=True, ondelete="cascade", index=True
    )
    kpi_sequence = fields.Integer(related="kpi_id.sequence", store=True)
    role = fields.Selection(related="kpi_id.role", store=True)
    unit = fields.Selection(related="kpi_id.unit")
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
    )
    period = fields.Date(required=True, help="First day of the period.")
    period_name = fields.Char(string="Period Name")
    level = fields.Selection(
        [("company", "Company"), ("team", "Sales Team"), ("person", "Person")],
        required=True,
    )
    company_id = fields.Many2one("res.company", string="Company", index=True)
    team_id = fields.Many2one("crm.team", string="Sales Team")
    user_id = fields.Many2one("res.users", string="Person", index="btree_not_null")
    numerator = fields.Float(digits=(16, 0), aggregator="sum")
    denominator = fields.Float(digits=(16, 0), aggregator="sum")
    value = fields.Float(digits=(16, 1), aggregator="avg")
    target = fields.Float(digits=(16, 1), aggregator="avg")
    status = fields.Selection(
        [("met", "On Target"), ("missed", "Below Target")], required=True
    )
    trend = fields.Json(
        string="Last 12 Months",
        compute="_compute_trend",
        help="The monthly figures of the twelve months up to this period, for "
        "the same KPI and scope: a month without a figure is a gap.",
    )

    @api.depends("kpi_id", "period", "period_type", "level")
    def _compute_trend(self):
        """One search for the whole batch, with the reader's rights: the
        monthly results of the same KPI and scope over the twelve months that
        end with the period's last month (or this month, if sooner)."""
        this_month = fields.Date.context_today(self).replace(day=1)
        ends = {}
        for result in self:
            if not result.period:
                continue
            span = {"month": 0, "quarter": 2, "year": 11}[result.period_type]
            ends[result] = min(result.period + relativedelta(months=span), this_month)
        self.trend = False
        if not ends:
            return
        months = self.search(
            [
                ("kpi_id", "in", self.kpi_id.ids),
                ("period_type", "=", "month"),
                ("level", "in", list(set(self.mapped("level")))),
                ("period", ">=", min(ends.values()) - relativedelta(months=11)),
                ("period", "<=", max(ends.values())),
            ],
            order="period",
        )
        values = {month._auto_trend_key(month.period): month for month in months}
        for result, end in ends.items():
            points = []
            for back in range(TREND_MONTHS - 1, -1, -1):
                period = end - relativedelta(months=back)
                month = values.get(result._auto_trend_key(period))
                points.append(
                    {
                        "period": period.strftime("%Y-%m"),
                        "value": month.value if month else None,
                        "met": month.status == "met" if month else None,
                    }
                )
            result.trend = {"target": result.target, "points": points}

    def _auto_trend_key(self, period):
        return (
            self.kpi_id.id,
            self.level,
            self.company_id.id,
            self.team_id.id,
            self.user_id.id,
            period,
        )

    def action_auto_view_history(self):
        """The figure's months, for the same KPI and scope: the board's card
        opens them."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_crm_leads.auto_kpi_result_action"
        )
        action.update(
            name=self.env._("%(kpi)s: monthly results", kpi=self.kpi_id.display_name),
            view_mode="list,graph",
            views=[(False, "list"), (False, "graph")],
            domain=[
                ("kpi_id", "=", self.kpi_id.id),
                ("period_type", "=", "month"),
                ("level", "=", self.level),
                ("company_id", "=", self.company_id.id),
                ("team_id", "=", self.team_id.id),
                ("user_id", "=", self.user_id.id),
            ],
            context={"create": False},
        )
        return action
