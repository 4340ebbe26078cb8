from odoo import api, fields, models

REQUEST_TYPES = [
    ("service", "Service Request"),
    ("complaint", "Complaint"),
    ("rescue", "Roadside Rescue"),
    ("callback", "Customer Callback"),
]


class AutoTicketSla(models.Model):
    """Service levels of a kind of ticket: first contact, resolution and the
    callback after resolution, with three escalation levels when missed
    (agent → supervisor → process owner)."""

    _name = "auto.ticket.sla"
    _description = "Service Request SLA"
    _check_company_auto = True
    _order = "request_type, company_id, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    request_type = fields.Selection(REQUEST_TYPES, required=True)
    company_id = fields.Many2one(
        "res.company", string="Company", help="Empty for every company."
    )
    first_contact_minutes = fields.Integer(
        string="First Contact (minutes)", required=True, default=10
    )
    resolution_hours = fields.Integer(
        string="Resolution (hours)", required=True, default=48
    )
    callback_hours = fields.Integer(
        string="Callback (hours)",
        required=True,
        default=24,
        help="Counted from the resolution reported by the station.",
    )
    escalation_step_hours = fields.Integer(
        string="Escalate Every (hours)",
        required=True,
        default=4,
        help="A missed deadline goes to the agent at once, to the supervisor "
        "after this many hours, to the process owner after twice as many.",
    )
    supervisor_id = fields.Many2one(
        "res.users",
        string="Supervisor",
        domain="[('share', '=', False)]",
        help="Second level; the ticket team's leader when empty.",
        check_company=True,
    )
    dispatch_stage_id = fields.Many2one(
        "helpdesk.ticket.stage",
        string="Stage on Dispatch",
        default=lambda self: self._default_dispatch_stage_id(),
        domain="[('closed', '=', False)]",
        help="Dispatching a ticket to a station moves it to this stage.",
    )
    process_owner_id = fields.Many2one(
        "res.users",
        string="Process Owner",
        domain="[('share', '=', False)]",
        help="Third level: fixes the process that let the ticket slip.",
        check_company=True,
    )

    @api.model
    def _default_dispatch_stage_id(self):
        return self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress", raise_if_not_found=False
        )

    _sql_constraints = [
        (
            "durations_positive",
            "CHECK(first_contact_minutes > 0 AND resolution_hours > 0 "
            "AND callback_hours > 0 AND escalation_step_hours > 0)",
            "Service level durations must be positive.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        slas = super().create(vals_list)
        # Open tickets of that kind (e.g. from before installation) get it.
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("auto_request_type", "in", slas.mapped("request_type")),
                    ("closed", "=", False),
                ]
            )
        )
        self.env.add_to_compute(tickets._fields["auto_sla_id"], tickets)
        return slas

    def _auto_for(self, request_type, company):
        """The SLA of a kind of ticket: the company's own, else the shared one."""
        return self.search(
            [
                ("request_type", "=", request_type),
                ("company_id", "in", [company.id, False]),
            ],
            order="company_id",
            limit=1,
        )
