from odoo import fields, models


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
