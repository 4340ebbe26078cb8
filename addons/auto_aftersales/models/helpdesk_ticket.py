import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .auto_ticket_sla import REQUEST_TYPES

_logger = logging.getLogger(__name__)

ESCALATION_LEVELS = [
    ("0", "None"),
    ("1", "Agent"),
    ("2", "Supervisor"),
    ("3", "Process Owner"),
]


class HelpdeskTicket(models.Model):
    """Service requests, complaints and roadside rescue (服务请求 / 客户投诉 /
    道路救援) on the OCA helpdesk: the call centre identifies the caller and
    the vehicle, dispatches to a station, the station reports completion, the
    call centre calls back, all against the kind's service levels."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "auto.satisfaction.mixin", "auto.contact.mask.mixin"]
    # A ticket is dispatched to a station of its own store.
    _check_company_auto = True

    auto_request_type = fields.Selection(
        REQUEST_TYPES,
        string="Request Type",
        required=True,
        default="service",
        tracking=True,
    )
    auto_caller_phone = fields.Char(
        string="Caller Phone",
        help="Typing the number looks up the customer and their vehicle.",
    )
    auto_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle",
        index="btree_not_null",
        tracking=True,
        domain="[('owner_id', '=?', partner_id)]",
        check_company=True,
    )
    auto_service_history_ids = fields.One2many(
        related="auto_vehicle_id.auto_repair_ids", string="Service History"
    )
    auto_station_id = fields.Many2one(
        "stock.warehouse",
        string="Service Station",
        compute="_compute_auto_station_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
        domain="[('auto_is_service_station', '=', True)]",
        help="Proposed from the vehicle: the station of its last work order.",
    )
    auto_dispatch_date = fields.Datetime(string="Dispatched On", readonly=True)
    auto_repair_ids = fields.One2many(
        "repair.order", "auto_ticket_id", string="Work Orders"
    )
    auto_source_repair_id = fields.Many2one(
        "repair.order",
        string="About Work Order",
        index="btree_not_null",
        help="The job a callback or complaint is about.",
        check_company=True,
    )
    # Service levels
    auto_sla_id = fields.Many2one(
        "auto.ticket.sla",
        string="SLA",
        compute="_compute_auto_sla_id",
        store=True,
        check_company=True,
    )
    auto_first_contact_deadline = fields.Datetime(
        string="First Contact Due", compute="_compute_auto_deadlines", store=True
    )
    auto_first_contact_date = fields.Datetime(
        string="First Contact", readonly=True, copy=False
    )
    auto_resolution_deadline = fields.Datetime(
        string="Resolution Due", compute="_compute_auto_deadlines", store=True
    )
    auto_resolved_date = fields.Datetime(
        string="Resolved On",
        readonly=True,
        copy=False,
        help="When the station reported the job complete.",
    )
    auto_callback_deadline = fields.Datetime(
        string="Callback Due", compute="_compute_auto_deadlines", store=True
    )
    auto_callback_date = fields.Datetime(
        string="Called Back On", readonly=True, copy=False
    )
    auto_callback_note = fields.Text(string="Callback Notes", copy=False)
    auto_sla_breached = fields.Boolean(
        string="SLA Breached", readonly=True, copy=False, index=True
    )
    auto_sla_missed = fields.Boolean(
        string="SLA Missed",
        compute="_compute_auto_sla_missed",
        search="_search_auto_sla_missed",
        help="Breached, or a deadline still open has passed: shown at once, "
        "before the scheduler escalates it.",
    )
    auto_escalation_level = fields.Selection(
        ESCALATION_LEVELS,
        string="Escalation",
        default="0",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )

    def _auto_contact_fields(self):
        return {
            **super()._auto_contact_fields(),
            "partner_email": "email",
            "auto_caller_phone": "phone",
        }

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {
            "auto_sla_id",
            "auto_first_contact_deadline",
            "auto_first_contact_date",
            "auto_resolution_deadline",
            "auto_resolved_date",
            "auto_callback_deadline",
            "auto_callback_date",
            "auto_dispatch_date",
            "auto_sla_breached",
            "auto_escalation_level",
        }

    @api.depends("auto_vehicle_id")
    def _compute_auto_station_id(self):
        """The station that last worked on the vehicle, in the ticket's store;
        a station the agent chose stays when the vehicle has no history."""
        for ticket in self:
            station = ticket.auto_vehicle_id._auto_usual_station(
                ticket.company_id or self.env.company
            )
            if station:
                ticket.auto_station_id = station

    @api.depends("auto_request_type", "company_id")
    def _compute_auto_sla_id(self):
        Sla = self.env["auto.ticket.sla"]
        for ticket in self:
            ticket.auto_sla_id = Sla._auto_for(
                ticket.auto_request_type, ticket.company_id or self.env.company
            )

    @api.depends(
        "create_date",
        "auto_resolved_date",
        "auto_sla_id.first_contact_minutes",
        "auto_sla_id.resolution_hours",
        "auto_sla_id.callback_hours",
    )
    def _compute_auto_deadlines(self):
        for ticket in self:
            sla = ticket.auto_sla_id
            opened = ticket.create_date or fields.Datetime.now()
            resolved = ticket.auto_resolved_date
            ticket.auto_first_contact_deadline = sla and opened + timedelta(
                minutes=sla.first_contact_minutes
            )
            ticket.auto_resolution_deadline = sla and opened + timedelta(
                hours=sla.resolution_hours
            )
            ticket.auto_callback_deadline = (
                sla and resolved and resolved + timedelta(hours=sla.callback_hours)
            )

    @api.onchange("auto_caller_phone")
    def _onchange_auto_caller_phone(self):
        caller = self.env["res.partner"]._auto_find_by_phone(self.auto_caller_phone)
        if caller:
            self.partner_id = caller[0]

    @api.onchange("partner_id")
    def _onchange_auto_partner_vehicle(self):
        if self.auto_vehicle_id.owner_id != self.partner_id:
            self.auto_vehicle_id = self.partner_id.vehicle_ids[:1]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("auto_caller_phone") and not vals.get("partner_id"):
                caller = self.env["res.partner"]._auto_find_by_phone(
                    vals["auto_caller_phone"]
                )
                if caller:
                    vals["partner_id"] = caller[0].id
                    if not vals.get("auto_vehicle_id"):
                        vals["auto_vehicle_id"] = caller[0].vehicle_ids[:1].id
        return super().create(vals_list)

    # Call-centre and station steps ----------------------------------------

    # The steps' times are recorded by the system for whoever may work the
    # ticket: each action checks that right, then writes them as the system.

    def action_auto_first_contact(self):
        self.check_access("write")
        self.filtered(lambda ticket: not ticket.auto_first_contact_date).sudo().write(
            {"auto_first_contact_date": fields.Datetime.now()}
        )
        self._auto_flag_late()

    def action_auto_dispatch(self):
        self.check_access("write")
        for ticket in self:
            if not ticket.auto_station_id:
                raise UserError(
                    self.env._(
                        "Choose the service station to dispatch %(ticket)s to.",
                        ticket=ticket.display_name,
                    )
                )
            ticket.sudo().auto_dispatch_date = fields.Datetime.now()
            stage = ticket._auto_dispatch_stage()
            if stage:
                ticket.stage_id = stage
            manager = ticket.auto_station_id.auto_service_manager_id
            if manager:
                ticket.activity_schedule(
                    "auto_aftersales.mail_activity_type_station_dispatch",
                    date_deadline=ticket.auto_resolution_deadline
                    and ticket.auto_resolution_deadline.date(),
                    user_id=manager.id,
                    summary=self.env._("Service request dispatched to your station"),
                )
            ticket.message_post(
                body=self.env._(
                    "Dispatched to %(station)s.", station=ticket.auto_station_id.name
                )
            )

    def _auto_dispatch_stage(self):
        """The stage a dispatched ticket moves to (its service level's), when
        the ticket's team uses it and the ticket is not already further on."""
        self.ensure_one()
        stage = self.auto_sla_id.dispatch_stage_id
        if not stage or stage == self.stage_id or self.stage_id.closed:
            return stage.browse()
        if self.team_id:
            applicable = self.team_id._get_applicable_stages()
        else:
            applicable = stage.search([("team_ids", "=", False)])
        if stage not in applicable or (
            self.stage_id and self.stage_id.sequence > stage.sequence
        ):
            return stage.browse()
        return stage

    def action_auto_report_completion(self):
        """The station reports the job done: the callback clock starts."""
        self.check_access("write")
        for ticket in self.filtered(lambda ticket: not ticket.auto_resolved_date):
            now = fields.Datetime.now()
            ticket.sudo().write(
                {
                    "auto_resolved_date": now,
                    "auto_first_contact_date": ticket.auto_first_contact_date or now,
                }
            )
            agent = ticket.user_id or ticket.team_id.user_id
            if agent:
                callback = ticket.activity_schedule(
                    "auto_aftersales.mail_activity_type_service_callback",
                    date_deadline=ticket.auto_callback_deadline
                    and ticket.auto_callback_deadline.date(),
                    user_id=agent.id,
                    summary=self.env._("Call the customer back (回访)"),
                )
                callback.sudo().auto_deadline = ticket.auto_callback_deadline
        self._auto_flag_late()

    def action_auto_log_callback(self):
        self.check_access("write")
        for ticket in self:
            if not ticket.auto_resolved_date:
                raise UserError(
                    self.env._(
                        "%(ticket)s is not resolved yet: the callback follows the "
                        "station's completion report.",
                        ticket=ticket.display_name,
                    )
                )
            if not ticket.auto_callback_note:
                raise UserError(
                    self.env._("Write down what the customer said on the callback.")
                )
        now = fields.Datetime.now()
        self.filtered(lambda ticket: not ticket.auto_callback_date).sudo().write(
            {"auto_callback_date": now}
        )
        self.activity_feedback(
            ["auto_aftersales.mail_activity_type_service_callback"],
            feedback=self.env._("Called back."),
        )
        self._auto_flag_late()

    def action_auto_view_work_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_aftersales.repair_order_action_work_order"
        )
        action.update(
            domain=[("auto_ticket_id", "=", self.id)],
            context={"default_auto_ticket_id": self.id},
        )
        return action

    def action_auto_create_work_order(self):
        self.ensure_one()
        station = self.auto_station_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_aftersales.repair_order_action_work_order"
        )
        action.update(
            views=[(False, "form")],
            context={
                "default_auto_ticket_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_auto_vehicle_id": self.auto_vehicle_id.id,
                "default_auto_service_type": "accident"
                if self.auto_request_type == "rescue"
                else "repair",
                "default_picking_type_id": station.repair_type_id.id,
                "default_internal_notes": self.description,
            },
        )
        return action

    @api.depends(
        "auto_sla_breached",
        "auto_first_contact_date",
        "auto_first_contact_deadline",
        "auto_resolved_date",
        "auto_resolution_deadline",
        "auto_callback_date",
        "auto_callback_deadline",
        "stage_id.closed",
    )
    def _compute_auto_sla_missed(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.auto_sla_missed = ticket.auto_sla_breached or any(
                deadline and not done and deadline < now
                for done, deadline in ticket._auto_sla_steps()
            )

    def _auto_sla_steps(self):
        """(done, deadline) of each step the service level times; the
        resolution no longer runs once the ticket is in a closed stage."""
        self.ensure_one()
        return (
            (self.auto_first_contact_date, self.auto_first_contact_deadline),
            (
                self.auto_resolved_date or self.stage_id.closed,
                self.auto_resolution_deadline,
            ),
            (self.auto_callback_date, self.auto_callback_deadline),
        )

    def _search_auto_sla_missed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        now = fields.Datetime.now()
        domain = [
            "|",
            "|",
            "|",
            ("auto_sla_breached", "=", True),
            "&",
            ("auto_first_contact_date", "=", False),
            ("auto_first_contact_deadline", "<", now),
            "&",
            "&",
            ("auto_resolved_date", "=", False),
            ("stage_id.closed", "=", False),
            ("auto_resolution_deadline", "<", now),
            "&",
            ("auto_callback_date", "=", False),
            ("auto_callback_deadline", "<", now),
        ]
        if (operator == "=") != value:
            # Not "!": a NULL deadline would hide the ticket from both sides.
            return [("id", "not in", self._search(domain))]
        return domain

    def _auto_flag_late(self):
        """A step done after its deadline is a breach, kept for reporting."""
        late = self.filtered(
            lambda ticket: (
                not ticket.auto_sla_breached
                and any(
                    done and deadline and done > deadline
                    for done, deadline in (
                        (
                            ticket.auto_first_contact_date,
                            ticket.auto_first_contact_deadline,
                        ),
                        (ticket.auto_resolved_date, ticket.auto_resolution_deadline),
                        (ticket.auto_callback_date, ticket.auto_callback_deadline),
                    )
                )
            )
        )
        late.sudo().auto_sla_breached = True

    def _auto_callback_ticket_vals(self):
        vals = super()._auto_callback_ticket_vals()
        vals.update(
            partner_id=self.partner_id.id,
            auto_vehicle_id=self.auto_vehicle_id.id,
            auto_station_id=self.auto_station_id.id,
            auto_source_repair_id=self.auto_source_repair_id.id,
            team_id=self.team_id.id,
        )
        return vals

    # SLA scheduler ----------------------------------------------------------

    @api.model
    def _cron_auto_escalate_sla(self, batch_size=2000):
        """Escalate tickets whose open deadline passed: the agent at once, the
        supervisor after one escalation step, the process owner after two.
        One query finds the tickets due, one write a level raises them, one
        INSERT plans the escalation activities. The cron runner runs the next
        batch while more may be due."""
        escalated = self._auto_escalate_sla_batch(batch_size)
        self.env["ir.cron"]._auto_notify_batch(escalated, batch_size)
        _logger.info("Escalated %s tickets past their service level", escalated)
        return escalated

    @api.model
    def _auto_escalate_sla_batch(self, limit):
        self.env.flush_all()
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                WITH open_deadline AS (
                    SELECT ticket.id, sla.escalation_step_hours AS step,
                           LEAST(
                             CASE WHEN ticket.auto_first_contact_date IS NULL
                                  THEN ticket.auto_first_contact_deadline END,
                             CASE WHEN ticket.auto_resolved_date IS NULL
                                   AND NOT COALESCE(stage.closed, FALSE)
                                  THEN ticket.auto_resolution_deadline END,
                             CASE WHEN ticket.auto_callback_date IS NULL
                                  THEN ticket.auto_callback_deadline END
                           ) AS missed_at
                      FROM helpdesk_ticket ticket
                      JOIN auto_ticket_sla sla ON sla.id = ticket.auto_sla_id
                      LEFT JOIN helpdesk_ticket_stage stage
                             ON stage.id = ticket.stage_id
                     WHERE ticket.active AND ticket.auto_escalation_level < '3'
                       AND (NOT COALESCE(stage.closed, FALSE)
                            OR ticket.auto_resolved_date IS NOT NULL)
                ), due AS (
                    SELECT id, LEAST(3, 1 + floor(
                               extract(epoch FROM %(now)s - missed_at)
                               / (step * 3600)))::int::varchar AS level
                      FROM open_deadline
                     WHERE missed_at < %(now)s
                )
                SELECT ticket.id, due.level
                  FROM helpdesk_ticket ticket
                  JOIN due ON due.id = ticket.id
                 WHERE due.level > ticket.auto_escalation_level
                 ORDER BY ticket.id
                 LIMIT %(limit)s
                   FOR UPDATE OF ticket SKIP LOCKED
                """,
                now=now,
                limit=limit,
            )
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return 0
        # Raised through the ORM, one write a level: the chatter shows each
        # ticket's new level, as for a level set by hand.
        ids_by_level = defaultdict(list)
        for ticket_id, level in rows:
            ids_by_level[level].append(ticket_id)
        for level, ticket_ids in ids_by_level.items():
            self.browse(ticket_ids).sudo().write(
                {"auto_escalation_level": level, "auto_sla_breached": True}
            )
        tickets = self.browse(row[0] for row in rows)
        tickets.fetch(["name", "number", "user_id", "team_id", "auto_sla_id"])
        labels = dict(
            self._fields["auto_escalation_level"]._description_selection(self.env)
        )
        activities = []
        for ticket, (_ticket_id, level) in zip(tickets, rows, strict=True):
            user = ticket._auto_escalation_user(level)
            if user:
                activities.append(
                    (
                        ticket.id,
                        ticket.display_name,
                        user.id,
                        self.env._(
                            "Service level missed, escalated to %(level)s",
                            level=labels[level],
                        ),
                        now + timedelta(hours=ticket.auto_sla_id.escalation_step_hours),
                    )
                )
        self.env["mail.activity"]._auto_insert_activities(
            "helpdesk.ticket",
            self.env.ref("auto_aftersales.mail_activity_type_ticket_escalation"),
            activities,
            now,
            escalation=True,
        )
        return len(rows)

    def _auto_escalation_user(self, level):
        self.ensure_one()
        sla = self.auto_sla_id
        leader = self.team_id.user_id
        if level == "1":
            return self.user_id or leader or sla.supervisor_id
        if level == "2":
            return sla.supervisor_id or leader
        return sla.process_owner_id or sla.supervisor_id or leader
