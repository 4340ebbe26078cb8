from odoo import api, fields, models


class AutoLeadDispatch(models.Model):
    """An OEM lead handed to a dealer (线索分派), as the OEM monitors it (跟进监控).

    The dispatcher reads the follow-up status here, computed with superuser
    rights from the dealer's lead, and never the dealer's customer data."""

    _name = "auto.lead.dispatch"
    _description = "Dispatched OEM Lead"
    _check_company_auto = True
    _order = "dispatch_date desc, id desc"

    name = fields.Char(string="Reference", required=True, readonly=True, default="/")
    company_id = fields.Many2one(
        "res.company",
        string="Dispatching Company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        help="The manufacturer or group office that dispatched the lead.",
    )
    lead_id = fields.Many2one(
        "crm.lead", required=True, readonly=True, ondelete="cascade", index=True
    )
    dealer_company_id = fields.Many2one(
        "res.company", string="Dealer", required=True, readonly=True
    )
    dispatched_by_id = fields.Many2one(
        "res.users",
        string="Dispatched By",
        readonly=True,
        default=lambda s: s.env.user,
        check_company=True,
    )
    dispatch_date = fields.Datetime(readonly=True, default=fields.Datetime.now)

    # Follow-up status, without customer data
    grade = fields.Selection(related="lead_id.auto_grade", related_sudo=True)
    outcome = fields.Selection(related="lead_id.auto_outcome", related_sudo=True)
    consultant_id = fields.Many2one(
        related="lead_id.user_id", string="Consultant", related_sudo=True
    )
    follow_up_done_count = fields.Integer(
        string="Follow-ups Done", compute="_compute_follow_up_status", compute_sudo=True
    )
    first_contact_date = fields.Datetime(
        compute="_compute_follow_up_status", compute_sudo=True
    )
    next_follow_up_deadline = fields.Datetime(
        string="Next Follow-up", compute="_compute_follow_up_status", compute_sudo=True
    )
    overdue_count = fields.Integer(
        string="Overdue Follow-ups",
        compute="_compute_follow_up_status",
        compute_sudo=True,
    )

    @api.depends("lead_id")
    def _compute_follow_up_status(self):
        activities = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", self.lead_id.ids),
                    ("auto_cadence_id", "!=", False),
                ]
            )
        )
        now = fields.Datetime.now()
        for dispatch in self:
            own = activities.filtered(
                lambda act, dispatch=dispatch: (
                    act.res_id == dispatch.lead_id.id
                    and act.create_date >= dispatch.dispatch_date
                )
            )
            done = own.filtered(lambda act: not act.active)
            open_ = own - done
            dispatch.follow_up_done_count = len(done)
            dispatch.first_contact_date = min(done.mapped("write_date"), default=False)
            dispatch.next_follow_up_deadline = min(
                open_.mapped("auto_deadline"), default=False
            )
            dispatch.overdue_count = len(
                open_.filtered(
                    lambda act: act.auto_deadline and act.auto_deadline < now
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "auto.lead.dispatch"
                )
        return super().create(vals_list)
