from odoo import api, fields, models
from odoo.osv import expression

CSAT_SCORES = [(str(score), str(score)) for score in range(1, 6)]
NPS_SCORES = [(str(score), str(score)) for score in range(0, 11)]


class AutoSatisfactionMixin(models.AbstractModel):
    """Customer satisfaction (CSAT 1-5) and Net Promoter Score (0-10) answered
    after a job or a ticket. An unhappy answer opens a callback ticket, once."""

    _name = "auto.satisfaction.mixin"
    _inherit = ["auto.system.fields.mixin"]
    _description = "Customer Satisfaction Answers"

    auto_csat = fields.Selection(
        CSAT_SCORES,
        string="Satisfaction (CSAT)",
        tracking=True,
        copy=False,
        help="1 = very dissatisfied, 5 = very satisfied.",
    )
    auto_nps = fields.Selection(
        NPS_SCORES,
        string="Recommendation (NPS)",
        tracking=True,
        copy=False,
        help="How likely the customer is to recommend us, 0 to 10.",
    )
    auto_nps_category = fields.Selection(
        [
            ("promoter", "Promoter"),
            ("passive", "Passive"),
            ("detractor", "Detractor"),
        ],
        string="NPS Category",
        compute="_compute_auto_nps_category",
        store=True,
    )
    auto_unhappy = fields.Boolean(
        string="Unhappy",
        compute="_compute_auto_unhappy",
        search="_search_auto_unhappy",
        help="A detractor (NPS 0-6) or a CSAT up to the store's unhappy score.",
    )
    auto_survey_comment = fields.Text(string="Customer Comment", copy=False)
    auto_survey_date = fields.Datetime(string="Answered On", readonly=True, copy=False)
    auto_callback_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Callback Ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Opened for an individual callback when the customer was unhappy.",
        check_company=True,
    )

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {
            "auto_nps_category",
            "auto_survey_date",
            "auto_callback_ticket_id",
        }

    @api.depends("auto_nps")
    def _compute_auto_nps_category(self):
        for record in self:
            score = int(record.auto_nps) if record.auto_nps else None
            if score is None:
                record.auto_nps_category = False
            elif score >= 9:
                record.auto_nps_category = "promoter"
            elif score >= 7:
                record.auto_nps_category = "passive"
            else:
                record.auto_nps_category = "detractor"

    @api.depends("auto_csat", "auto_nps_category", "company_id")
    def _compute_auto_unhappy(self):
        for record in self:
            record.auto_unhappy = record._auto_is_unhappy()

    def _search_auto_unhappy(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on Unhappy."))

        def unhappy_csat(company):
            # Records without a store count with the current one.
            stores = company.ids + [False] * (company == self.env.company)
            return [
                ("company_id", "in", stores),
                ("auto_csat", "in", company._auto_csat_unhappy_scores()),
            ]

        unhappy = expression.OR(
            [
                [("auto_nps_category", "=", "detractor")],
                *map(unhappy_csat, self.env["res.company"].search([])),
            ]
        )
        if (operator == "=") == value:
            return unhappy
        return ["!", *expression.normalize_domain(unhappy)]

    def write(self, vals):
        result = super().write(vals)
        if {"auto_csat", "auto_nps"} & set(vals):
            # When the answer came is observed, not typed.
            self.sudo().auto_survey_date = fields.Datetime.now()
            self._auto_open_callback_tickets()
        return result

    def _auto_is_unhappy(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        return self.auto_nps_category == "detractor" or bool(
            self.auto_csat and int(self.auto_csat) <= company.auto_csat_unhappy_max
        )

    def _auto_open_callback_tickets(self):
        unhappy = self.filtered(
            lambda record: (
                not record.auto_callback_ticket_id and record._auto_is_unhappy()
            )
        )
        if not unhappy:
            return
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .create([record._auto_callback_ticket_vals() for record in unhappy])
        )
        for record, ticket in zip(unhappy, tickets, strict=True):
            record.sudo().auto_callback_ticket_id = ticket

    def _auto_callback_ticket_vals(self):
        """Values of the detractor's callback ticket; models add their links."""
        self.ensure_one()
        scores = []
        if self.auto_csat:
            scores.append(self.env._("CSAT %(score)s/5", score=self.auto_csat))
        if self.auto_nps:
            scores.append(self.env._("NPS %(score)s/10", score=self.auto_nps))
        return {
            "name": self.env._(
                "Callback: unhappy customer after %(job)s (%(scores)s)",
                job=self.display_name,
                scores=", ".join(scores),
            ),
            "description": self.auto_survey_comment
            or self.env._("No comment left by the customer."),
            "auto_request_type": "callback",
            "priority": "2",
            "company_id": self.company_id.id,
        }
