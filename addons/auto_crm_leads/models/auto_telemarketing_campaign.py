from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

# The purpose a campaign's calls serve (the register of purposes).
PURPOSE = "auto_crm_leads.privacy_activity_telemarketing"
CHANNELS = [
    ("phone", "Phone"),
    ("sms", "SMS"),
    ("wechat", "WeChat"),
    ("email", "E-mail"),
]


class AutoTelemarketingCampaign(models.Model):
    """Telemarketing campaign (电话营销): a target group called by agents; the
    interested customers become leads that the dealer follows up."""

    _name = "auto.telemarketing.campaign"
    _description = "Telemarketing Campaign"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "auto.system.fields.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    utm_campaign_id = fields.Many2one(
        "utm.campaign",
        string="UTM Campaign",
        readonly=True,
        ondelete="restrict",
        help="Carried by the leads the campaign produces.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        check_company=True,
        help="The team whose consultants follow up the leads.",
    )
    channel = fields.Selection(CHANNELS, required=True, default="phone")
    target_description = fields.Text(string="Target Group")
    target_domain = fields.Char(
        string="Target Customers",
        default="[]",
        help="The customers 'Generate Call List' adds; those without consent "
        "to telemarketing on the campaign's channel, or without a phone, are "
        "skipped.",
    )
    budget = fields.Monetary(tracking=True)
    date_start = fields.Date(string="Start", required=True, default=fields.Date.today)
    date_end = fields.Date(string="End")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("running", "Running"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, check_company=True
    )
    call_ids = fields.One2many("auto.telemarketing.call", "campaign_id", string="Calls")
    consent_skipped_count = fields.Integer(
        string="Skipped (Consent)",
        compute="_compute_consent_skipped",
        help="Target customers not on the call list: no consent to telemarketing "
        "on the campaign's channel, on the opt-out list, or no phone.",
    )
    consent_skipped_message = fields.Text(
        string="Skipped Customers", compute="_compute_consent_skipped"
    )

    # Results (活动效果)
    call_count = fields.Integer(string="Calls Planned", compute="_compute_results")
    call_done_count = fields.Integer(string="Calls Made", compute="_compute_results")
    interested_count = fields.Integer(string="Interested", compute="_compute_results")
    lead_count = fields.Integer(string="Leads", compute="_compute_results")
    won_count = fields.Integer(string="Won", compute="_compute_results")
    won_revenue = fields.Monetary(string="Won Revenue", compute="_compute_results")
    conversion_rate = fields.Float(
        string="Conversion (%)",
        compute="_compute_results",
        help="Won leads out of the leads the campaign produced.",
    )
    cost_per_lead = fields.Monetary(compute="_compute_results")
    roi = fields.Float(
        string="ROI (%)",
        compute="_compute_results",
        help="(Won revenue - budget) / budget.",
    )

    _sql_constraints = [
        ("budget_positive", "CHECK(budget >= 0)", "The budget cannot be negative."),
    ]

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {"approved_by_id"}

    @api.depends("call_ids.state", "call_ids.outcome", "call_ids.lead_id")
    def _compute_results(self):
        calls = self.env["auto.telemarketing.call"]._read_group(
            [("campaign_id", "in", self.ids)],
            ["campaign_id", "state", "outcome"],
            ["__count"],
        )
        # Counts only, of the campaigns the user reads: agents see how their
        # campaign converts without reading the dealer's leads.
        leads = (
            self.env["auto.lead.conversion.report"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.utm_campaign_id.ids)],
                ["campaign_id", "outcome"],
                ["__count", "expected_revenue:sum"],
            )
        )
        for campaign in self:
            own_calls = [row for row in calls if row[0] == campaign]
            own_leads = [row for row in leads if row[0] == campaign.utm_campaign_id]
            campaign.call_count = sum(row[3] for row in own_calls)
            campaign.call_done_count = sum(
                row[3] for row in own_calls if row[1] == "done"
            )
            campaign.interested_count = sum(
                row[3] for row in own_calls if row[2] == "interested"
            )
            campaign.lead_count = sum(row[2] for row in own_leads)
            won = [row for row in own_leads if row[1] == "won"]
            campaign.won_count = sum(row[2] for row in won)
            campaign.won_revenue = sum(row[3] for row in won)
            campaign.conversion_rate = (
                100 * campaign.won_count / campaign.lead_count
                if campaign.lead_count
                else 0
            )
            campaign.cost_per_lead = (
                campaign.budget / campaign.lead_count if campaign.lead_count else 0
            )
            campaign.roi = (
                100 * (campaign.won_revenue - campaign.budget) / campaign.budget
                if campaign.budget
                else 0
            )

    @api.depends("target_domain", "channel", "call_ids.state")
    def _compute_consent_skipped(self):
        for campaign in self:
            campaign.consent_skipped_count, campaign.consent_skipped_message = (
                campaign._auto_consent_check().skipped_count_message()
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_end and campaign.date_end < campaign.date_start:
                raise ValidationError(
                    self.env._(
                        "The campaign %(campaign)s cannot end before it starts.",
                        campaign=campaign.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        utm_campaigns = self.env["utm.campaign"].create(
            [{"title": vals["name"]} for vals in vals_list]
        )
        for vals, utm_campaign in zip(vals_list, utm_campaigns, strict=True):
            vals["utm_campaign_id"] = utm_campaign.id
        return super().create(vals_list)

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda campaign: campaign.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(campaign)s cannot be %(action)s in its state.",
                    campaign=wrong[0].name,
                    action=action,
                )
            )

    def action_submit(self):
        self._check_state(("draft",), self.env._("submitted for approval"))
        self.state = "to_approve"

    def action_approve(self):
        if not self.env.user.has_group("auto_crm_leads.group_auto_sales_manager"):
            raise UserError(self.env._("Only a sales manager approves campaigns."))
        self._check_state(("to_approve",), self.env._("approved"))
        self.check_access("write")
        self.sudo().write({"state": "approved", "approved_by_id": self.env.user.id})

    def action_reject(self):
        self._check_state(("to_approve",), self.env._("sent back"))
        self.state = "draft"

    def action_start(self):
        self._check_state(("approved",), self.env._("started"))
        self.state = "running"

    def action_done(self):
        self._check_state(("running",), self.env._("closed"))
        self.state = "done"

    def action_cancel(self):
        self._check_state(
            ("draft", "to_approve", "approved", "running"), self.env._("cancelled")
        )
        self.state = "cancelled"

    def action_generate_calls(self):
        """Add the target customers who consented to telemarketing on the
        campaign's channel and are not on the call list yet; take off the
        calls not made yet of those who no longer may be called (a withdrawal
        takes effect on the next generation). Returns how many were added."""
        self.ensure_one()
        self._check_state(
            ("draft", "to_approve", "approved", "running"), self.env._("extended")
        )
        check = self._auto_consent_check()
        self.call_ids.filtered(
            lambda call: call.state == "to_call" and call.partner_id.id in check.reasons
        ).unlink()
        partners = check.allowed - self.call_ids.partner_id
        self.env["auto.telemarketing.call"].create(
            [{"campaign_id": self.id, "partner_id": partner.id} for partner in partners]
        )
        return len(partners)

    def _auto_consent_check(self):
        """The consent check of the target customers who were not called yet
        (res.partner._auto_consent_filter), for telemarketing on the
        campaign's channel."""
        self.ensure_one()
        called = self.call_ids.filtered(lambda call: call.state == "done").partner_id
        partners = self.env["res.partner"].search(
            [*safe_eval(self.target_domain or "[]"), ("id", "not in", called.ids)]
        )
        return partners._auto_consent_filter(PURPOSE, self.channel)

    def action_view_consent_skipped(self):
        """The target customers the call list leaves out, and why."""
        self.ensure_one()
        return self._auto_consent_check().action_view_skipped()

    def action_view_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_crm_leads.auto_telemarketing_call_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action

    def action_view_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_crm_leads.crm_lead_action_grade_pipeline"
        )
        action["domain"] = [("campaign_id", "=", self.utm_campaign_id.id)]
        action["context"] = {"active_test": False}
        return action
