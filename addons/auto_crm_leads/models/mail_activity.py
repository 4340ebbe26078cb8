import logging
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL
from odoo.tools.sql import create_index

_logger = logging.getLogger(__name__)

# The columns of mail_activity that the schedulers' planner writes
# (_auto_insert_activities), besides the ones every row gets. mail's other
# columns are left to their SQL default: test_activity_planner fails when
# mail's table changes shape or when a planned row differs from what
# mail.activity's create makes.
PLANNED_COLUMNS = (
    "res_id",
    "res_name",
    "activity_type_id",
    "user_id",
    "summary",
    "date_deadline",
    "auto_deadline",
    "auto_is_escalation",
)
# The advisory lock space of the leads an escalation run is working on.
ESCALATION_LOCK = 41807


class MailActivity(models.Model):
    _name = "mail.activity"
    _inherit = ["mail.activity", "auto.system.fields.mixin", "auto.contact.mask.mixin"]

    auto_cadence_id = fields.Many2one(
        "auto.lead.cadence",
        string="Cadence",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The follow-up cadence that planned this activity.",
    )
    auto_deadline = fields.Datetime(
        string="Deadline Time",
        readonly=True,
        help="Exact deadline of a planned follow-up (e.g. call within 1 hour). "
        "The consultant moves it with the lead's next agreed contact.",
    )
    # Read on the server: the web client compares a deadline in UTC with its
    # own local clock (`< now`), which in Beijing reddens the next 8 hours.
    auto_is_late = fields.Boolean(string="Late", compute="_compute_auto_is_late")
    auto_escalated = fields.Boolean(string="Escalated", readonly=True, copy=False)
    auto_is_escalation = fields.Boolean(
        string="Escalation",
        readonly=True,
        copy=False,
        help="Raised by a scheduler to a manager for a missed deadline.",
    )
    auto_on_time = fields.Integer(
        string="On Time (%)",
        aggregator="avg",
        readonly=True,
        copy=False,
        help="100 when the follow-up was done before its deadline, else 0.",
    )

    # The customer to call, on the consultant's list of follow-ups.
    auto_partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_auto_partner",
        help="The customer of the lead this follow-up is about.",
    )
    auto_partner_phone = fields.Char(
        string="Customer Phone",
        compute="_compute_auto_partner",
        help="The customer's mobile, else their phone.",
    )

    def init(self):
        # Only the follow-ups still to escalate, in deadline order: each batch
        # of the scheduler reads its rows straight from this index. The
        # predicate is repeated word for word in _auto_escalate_batch.
        create_index(
            self.env.cr,
            "mail_activity_auto_to_escalate_index",
            self._table,
            ["auto_deadline", "id"],
            where="auto_cadence_id IS NOT NULL AND active "
            "AND auto_escalated IS NOT TRUE",
        )
        # The open follow-ups of given leads: moved on reassignment, replaced
        # on regrading, looked for when one is done.
        create_index(
            self.env.cr,
            "mail_activity_auto_open_follow_up_index",
            self._table,
            ["res_id"],
            where="res_model = 'crm.lead' AND auto_cadence_id IS NOT NULL AND active",
        )

    def _auto_contact_fields(self):
        return {**super()._auto_contact_fields(), "auto_partner_phone": "phone"}

    @api.depends("auto_deadline", "active")
    def _compute_auto_is_late(self):
        now = fields.Datetime.now()
        for activity in self:
            activity.auto_is_late = bool(
                activity.active
                and activity.auto_deadline
                and activity.auto_deadline < now
            )

    @api.depends("res_model", "res_id")
    def _compute_auto_partner(self):
        """The lead's customer, as far as the reader may see the lead."""
        lead_ids = {
            activity.res_id for activity in self if activity.res_model == "crm.lead"
        }
        leads = self.env["crm.lead"].browse(lead_ids).exists()._filtered_access("read")
        leads = {lead.id: lead for lead in leads}
        for activity in self:
            lead = activity.res_model == "crm.lead" and leads.get(activity.res_id)
            partner = lead.partner_id if lead else self.env["res.partner"]
            activity.auto_partner_id = partner
            activity.auto_partner_phone = (
                (lead.mobile or lead.phone or partner.mobile or partner.phone)
                if lead
                else False
            )

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {
            "auto_cadence_id",
            "auto_deadline",
            "auto_escalated",
            "auto_is_escalation",
            "auto_on_time",
            "date_done",
        }

    # Escalations (升级) are evidence against whoever missed the deadline:
    # only the manager they were raised to, or a manager of their kind,
    # closes, changes or deletes them.
    @api.model
    def _auto_escalation_managers(self):
        """Model -> the group whose members handle any escalation of its
        records; modules add theirs."""
        return {"crm.lead": "auto_crm_leads.group_auto_sales_manager"}

    def _auto_check_escalation_access(self):
        if self.env.su:
            return
        managers = self._auto_escalation_managers()
        for activity in self.sudo().filtered("auto_is_escalation"):
            group = managers.get(activity.res_model)
            if activity.user_id != self.env.user and not (
                group and self.env.user.has_group(group)
            ):
                raise AccessError(
                    self.env._(
                        "%(activity)s was raised to %(manager)s: only they or a "
                        "manager may close or change it.",
                        activity=activity.summary or activity.activity_type_id.name,
                        manager=activity.user_id.name,
                    )
                )

    def write(self, vals):
        self._auto_check_escalation_access()
        if vals.get("active") and not self.env.su:
            done = self.with_context(active_test=False).filtered(
                lambda activity: activity.auto_cadence_id and not activity.active
            )
            if done:
                raise AccessError(
                    self.env._("A follow-up that was done stays done: plan a new one.")
                )
        return super().write(vals)

    def unlink(self):
        self._auto_check_escalation_access()
        return super().unlink()

    def _action_done(self, feedback=False, attachment_ids=None):
        self._auto_check_escalation_access()
        follow_ups = self.filtered(
            lambda act: act.auto_cadence_id and act.res_model == "crm.lead"
        )
        now = fields.Datetime.now()
        on_time = follow_ups.filtered(
            lambda act: not act.auto_deadline or act.auto_deadline >= now
        )
        # Observed here, on the consultant's behalf: the rest of the method
        # checks that they may mark these activities done.
        on_time.sudo().auto_on_time = 100
        (follow_ups - on_time).sudo().auto_on_time = 0
        leads = self.env["crm.lead"].browse(follow_ups.mapped("res_id"))
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        leads._auto_plan_next_follow_up()
        return result

    @api.model
    def _auto_overdue_domain(self):
        return [
            ("res_model", "=", "crm.lead"),
            ("auto_cadence_id", "!=", False),
            ("auto_escalated", "=", False),
            ("auto_deadline", "<", fields.Datetime.now()),
        ]

    @api.model
    def _cron_auto_escalate_overdue(self, batch_size=2000):
        """Escalate overdue follow-ups to the sales manager, once each.

        One batch of up to ``batch_size`` leads a run: Odoo's cron runner runs
        the next one while overdue follow-ups remain, so a long backlog never
        holds one transaction."""
        escalated = self._auto_escalate_batch(batch_size)
        remaining = escalated and self.search_count(self._auto_overdue_domain())
        self.env["ir.cron"]._auto_notify_batch(escalated, remaining=remaining)
        _logger.info("Escalated %s overdue follow-ups, %s remain", escalated, remaining)

    @api.model
    def _auto_escalate_batch(self, lead_limit):
        """Escalate every overdue follow-up of the ``lead_limit`` leads that are
        late the longest: mark them escalated and give each lead one escalation
        activity for its manager. Set-based SQL: the ORM would create and notify
        activity by activity. Returns how many follow-ups were escalated.

        Runs may overlap (a manual run, several workers): each takes its leads
        under a transaction-level advisory lock and skips those another run
        holds, then waits for, rather than skips, a follow-up being edited, so
        that a lead's overdue follow-ups are escalated together, once. A run
        that started before another committed fails to serialise and leaves
        the lead to the next run.

        The activity itself is the manager's notification (activity menu)."""
        self.env.flush_all()
        now = fields.Datetime.now()
        cr = self.env.cr
        # The WHERE clauses repeat the predicate of the index made in init().
        cr.execute(
            SQL(
                """
                WITH late_first AS (
                    SELECT DISTINCT res_id FROM (
                        SELECT res_id FROM mail_activity
                         WHERE auto_cadence_id IS NOT NULL AND active
                           AND auto_escalated IS NOT TRUE
                           AND auto_deadline < %(now)s AND res_model = 'crm.lead'
                         ORDER BY auto_deadline, id
                         LIMIT %(limit)s
                    ) late
                ), batch_leads AS MATERIALIZED (
                    SELECT res_id FROM late_first
                     WHERE pg_try_advisory_xact_lock(%(lock)s, res_id)
                ), overdue AS (
                    SELECT activity.id FROM mail_activity activity
                      JOIN batch_leads ON batch_leads.res_id = activity.res_id
                     WHERE activity.res_model = 'crm.lead'
                       AND activity.auto_cadence_id IS NOT NULL AND activity.active
                       AND activity.auto_escalated IS NOT TRUE
                       AND activity.auto_deadline < %(now)s
                       FOR UPDATE OF activity
                )
                UPDATE mail_activity activity
                   SET auto_escalated = TRUE, write_date = %(now)s, write_uid = %(uid)s
                  FROM overdue
                 WHERE activity.id = overdue.id
             RETURNING activity.res_id, activity.summary, activity.user_id
                """,
                now=now,
                limit=lead_limit,
                lock=ESCALATION_LOCK,
                uid=self.env.uid,
            )
        )
        rows = cr.fetchall()
        self.invalidate_model(["auto_escalated", "write_date", "write_uid"])
        if not rows:
            return 0
        overdue_by_lead = defaultdict(list)
        for lead_id, summary, user_id in rows:
            overdue_by_lead[lead_id].append((summary, user_id))
        leads = self.env["crm.lead"].browse(overdue_by_lead)
        leads.fetch(["name", "team_id", "company_id"])
        managers = leads._auto_managers()
        consultants = self.env["res.users"].browse({row[2] for row in rows})
        consultants.fetch(["name"])
        escalations = [
            (
                lead,
                managers[lead.id],
                self._auto_escalation_summary(overdue_by_lead[lead.id], consultants),
            )
            for lead in leads
            if managers[lead.id]
        ]
        if escalations:
            self._auto_insert_escalations(escalations, now)
        return len(rows)

    def _auto_escalation_summary(self, overdue, consultants):
        return self.env._(
            "Overdue follow-up: %(summary)s (%(consultant)s)",
            summary=", ".join(summary or "" for summary, _user in overdue),
            consultant=", ".join(
                sorted(
                    {consultants.browse(user_id).name for _summary, user_id in overdue}
                )
            ),
        )

    @api.model
    def _auto_insert_escalations(self, escalations, now):
        deadline = now + timedelta(days=1)
        self._auto_insert_activities(
            "crm.lead",
            self.env.ref("auto_crm_leads.mail_activity_type_escalation"),
            [
                (lead.id, lead.display_name, manager.id, summary, deadline)
                for lead, manager, summary in escalations
            ],
            now,
            escalation=True,
        )

    @api.model
    def _auto_insert_activities(
        self, res_model, activity_type, rows, now, escalation=False
    ):
        """The schedulers' planner: many activities of one type in one INSERT,
        for a scheduler over many records (escalations, service reminders,
        win-back). ``rows`` are (res_id, res_name, user_id, summary, deadline)
        tuples, the deadline a UTC datetime also kept in auto_deadline;
        ``escalation``: they are escalations (see _auto_check_escalation_access).

        What mail.activity's create would add per activity is left out on
        purpose: no e-mail and no subscription of the assignee to thousands of
        records; the activity menu is the assignee's notice. Where users act,
        activities are planned through the ORM (crm.lead's follow-ups)."""
        if not rows:
            return
        tz_by_user = {
            user.id: user.tz or None
            for user in self.env["res.users"].sudo().browse({row[2] for row in rows})
        }
        model_id = self.env["ir.model"]._get_id(res_model)
        uid = self.env.uid
        values = [
            (
                res_id,
                res_name,
                activity_type.id,
                user_id,
                summary or None,
                pytz.utc.localize(deadline)
                .astimezone(pytz.timezone(tz_by_user[user_id] or "UTC"))
                .date(),
                deadline,
                escalation,
                tz_by_user[user_id],
                model_id,
                res_model,
                uid,
                now,
                uid,
                now,
                True,
                True,
            )
            for res_id, res_name, user_id, summary, deadline in rows
        ]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_activity (
                    %s, user_tz, res_model_id, res_model, create_uid, create_date,
                    write_uid, write_date, active, automated)
                VALUES %s
                """,
                SQL(", ").join(map(SQL.identifier, PLANNED_COLUMNS)),
                SQL(", ".join(["%s"] * len(values)), *values),
            )
        )
        self.env[res_model].invalidate_model(["activity_ids"])
