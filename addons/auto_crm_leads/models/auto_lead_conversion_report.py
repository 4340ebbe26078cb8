from odoo import fields, models, tools
from odoo.tools import SQL

from .crm_lead import GRADES, OUTCOMES


class AutoLeadConversionReport(models.Model):
    """Leads and opportunities with their outcome, for the conversion analysis
    (潜客转化率): a view over crm_lead, so that leads carry no stored outcome
    to compute on each creation and stage change."""

    _name = "auto.lead.conversion.report"
    _description = "Lead Conversion Analysis"
    _auto = False
    _rec_name = "lead_id"
    _order = "create_date desc"
    _depends = {
        "crm.lead": [
            "active",
            "auto_grade",
            "campaign_id",
            "company_id",
            "create_date",
            "expected_revenue",
            "medium_id",
            "probability",
            "source_id",
            "stage_id",
            "team_id",
            "type",
            "user_id",
        ],
        "crm.stage": ["is_won"],
    }

    lead_id = fields.Many2one("crm.lead", string="Lead", readonly=True)
    create_date = fields.Datetime(string="Created on", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    source_id = fields.Many2one("utm.source", string="Source", readonly=True)
    medium_id = fields.Many2one("utm.medium", string="Medium", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", string="Campaign", readonly=True)
    type = fields.Selection(
        [("lead", "Lead"), ("opportunity", "Opportunity")], string="Type", readonly=True
    )
    auto_grade = fields.Selection(GRADES, string="Intent Grade", readonly=True)
    outcome = fields.Selection(OUTCOMES, string="Outcome", readonly=True)
    conversion = fields.Integer(
        string="Conversion (%)",
        aggregator="avg",
        readonly=True,
        help="100 for a won lead, 0 otherwise: its average is the conversion rate.",
    )
    expected_revenue = fields.Monetary(
        string="Expected Revenue", currency_field="company_currency", readonly=True
    )
    company_currency = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="Currency"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The one definition of a lead's outcome (crm.lead's auto_outcome and
        # the conversion KPI read it here): won in a won stage, lost once
        # archived without probability, open otherwise.
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT lead.id, lead.id AS lead_id, lead.create_date,
                           lead.user_id, lead.team_id, lead.company_id,
                           lead.source_id, lead.medium_id, lead.campaign_id,
                           lead.type, lead.auto_grade, lead.expected_revenue,
                           outcome.outcome,
                           CASE outcome.outcome WHEN 'won' THEN 100 ELSE 0 END
                               AS conversion
                      FROM crm_lead lead
                      LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
                     CROSS JOIN LATERAL (
                        SELECT CASE
                            WHEN lead.active AND stage.is_won THEN 'won'
                            WHEN NOT lead.active AND COALESCE(lead.probability, 0) = 0
                                THEN 'lost'
                            ELSE 'open'
                        END AS outcome
                     ) outcome
                )
                """,
                SQL.identifier(self._table),
            )
        )
