from odoo import api, fields, models
from odoo.exceptions import UserError

from .auto_telemarketing_campaign import CHANNELS


class AutoTelemarketingCall(models.Model):
    """A customer on a campaign's call list and what the call gave."""

    _name = "auto.telemarketing.call"
    _inherit = ["auto.system.fields.mixin", "auto.contact.mask.mixin"]
    _description = "Telemarketing Call"
    _check_company_auto = True
    _order = "state desc, call_date desc, id"
    _rec_name = "partner_id"

    campaign_id = fields.Many2one(
        "auto.telemarketing.campaign",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    campaign_state = fields.Selection(
        related="campaign_id.state", string="Campaign Status"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, check_company=True
    )
    phone = fields.Char(compute="_compute_phone")
    preferred_channel = fields.Selection(
        CHANNELS,
        compute="_compute_preferred_channel",
        store=True,
        readonly=False,
    )
    agent_id = fields.Many2one(
        "res.users",
        string="Agent",
        compute="_compute_agent_id",
        store=True,
        readonly=False,
        index=True,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    state = fields.Selection(
        [("to_call", "To Call"), ("done", "Done")],
        default="to_call",
        required=True,
    )
    outcome = fields.Selection(
        [
            ("no_answer", "No answer"),
            ("not_interested", "Not interested"),
            ("call_back", "Call back later"),
            ("interested", "Interested"),
        ],
    )
    call_date = fields.Datetime(readonly=True)
    note = fields.Text()
    lead_id = fields.Many2one(
        "crm.lead", string="Lead", readonly=True, copy=False, check_company=True
    )

    _sql_constraints = [
        (
            "campaign_partner_uniq",
            "unique(campaign_id, partner_id)",
            "This customer is already on the campaign's call list.",
        ),
    ]

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {"call_date", "lead_id"}

    def _auto_contact_fields(self):
        return {**super()._auto_contact_fields(), "phone": "phone"}

    @api.depends("partner_id.mobile", "partner_id.phone")
    def _compute_phone(self):
        for call in self:
            call.phone = call.partner_id.mobile or call.partner_id.phone

    @api.depends("campaign_id.channel")
    def _compute_preferred_channel(self):
        for call in self:
            call.preferred_channel = call.preferred_channel or call.campaign_id.channel

    @api.depends("campaign_id.user_id")
    def _compute_agent_id(self):
        for call in self:
            call.agent_id = call.agent_id or call.campaign_id.user_id

    def write(self, vals):
        if "outcome" in vals:
            not_running = self.filtered(lambda call: call.campaign_state != "running")
            if not_running:
                raise UserError(
                    self.env._(
                        "The campaign %(campaign)s is not running: its calls cannot "
                        "be recorded yet.",
                        campaign=not_running[0].campaign_id.name,
                    )
                )
            if vals["outcome"]:
                vals = {**vals, "state": "done"}
        res = super().write(vals)
        if vals.get("outcome"):
            self.sudo().call_date = fields.Datetime.now()
        if vals.get("outcome") == "interested":
            self.filtered(lambda call: not call.lead_id).action_create_lead()
        return res

    def action_create_lead(self):
        """Create the lead of each interested customer, once per call. It goes to
        the customer's consultant, else to the campaign team's pool. The
        agent may record these calls: the system creates and links the leads."""
        self.check_access("write")
        calls = self.filtered(lambda call: not call.lead_id)
        source = self.env.ref("auto_crm_leads.utm_source_telemarketing")
        medium = self.env.ref("utm.utm_medium_phone")
        leads = (
            self.env["crm.lead"]
            .sudo()
            .create(
                [
                    {
                        "name": self.env._(
                            "%(campaign)s: %(customer)s",
                            campaign=call.campaign_id.name,
                            customer=call.partner_id.name,
                        ),
                        "type": "opportunity",
                        "partner_id": call.partner_id.id,
                        "user_id": call.partner_id.user_id.id,
                        "team_id": call.campaign_id.team_id.id,
                        "company_id": call.campaign_id.company_id.id,
                        "campaign_id": call.campaign_id.utm_campaign_id.id,
                        "source_id": source.id,
                        "medium_id": medium.id,
                        "description": call.note,
                    }
                    for call in calls
                ]
            )
        )
        for call, lead in zip(calls, leads, strict=True):
            call.sudo().lead_id = lead
        return leads
