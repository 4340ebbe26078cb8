import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class MailActivity(models.Model):
    _inherit = "mail.activity"

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
        help="Exact deadline of a planned follow-up (e.g. call within 1 hour).",
    )
    auto_escalated = fields.Boolean(string="Escalated", readonly=True, copy=False)
    auto_on_time = fields.Integer(
        string="On Time (%)",
        aggregator="avg",
        readonly=True,
        copy=False,
        help="100 when the follow-up was done before its deadline, else 0.",
    )

    def _action_done(self, feedback=False, attachment_ids=None):
        follow_ups = self.filtered(
            lambda act: act.auto_cadence_id and act.res_model == "crm.lead"
        )
        now = fields.Datetime.now()
        on_time = follow_ups.filtered(
            lambda act: not act.auto_deadline or act.auto_deadline >= now
        )
        on_time.auto_on_time = 100
        (follow_ups - on_time).auto_on_time = 0
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
    def _cron_auto_escalate_overdue(self, batch_size=500):
        """Escalate overdue follow-ups to the sales manager, once each.

        One batch a run: the cron is re-triggered while overdue follow-ups
        remain, so a long backlog never holds one transaction."""
        domain = self._auto_overdue_domain()
        overdue = self.search(domain, limit=batch_size, order="auto_deadline, id")
        overdue._auto_escalate()
        remaining = self.search_count(domain) if len(overdue) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(overdue), remaining=remaining)
        if remaining:
            self.env.ref("auto_crm_leads.ir_cron_auto_escalate_overdue")._trigger()
        _logger.info("Escalated %s overdue follow-ups, %s remain", len(overdue), remaining)

    def _auto_escalate(self):
        """One escalation activity per lead for its manager, however many of its
        follow-ups are overdue."""
        leads = self.env["crm.lead"].browse(set(self.mapped("res_id")))
        leads.fetch(["name", "team_id", "company_id"])
        managers = leads._auto_escalation_managers()
        activity_type = self.env.ref("auto_crm_leads.mail_activity_type_escalation")
        deadline = fields.Datetime.now() + timedelta(days=1)
        vals_list = []
        for lead in leads.filtered(lambda lead: managers[lead.id]):
            overdue = self.filtered(lambda act, lead=lead: act.res_id == lead.id)
            vals_list.append({
                "res_model_id": overdue[0].res_model_id.id,
                "res_id": lead.id,
                "activity_type_id": activity_type.id,
                "user_id": managers[lead.id].id,
                "summary": self.env._(
                    "Overdue follow-up: %(summary)s (%(consultant)s)",
                    summary=", ".join(
                        act.summary or act.activity_type_id.name for act in overdue
                    ),
                    consultant=", ".join(overdue.user_id.mapped("name")),
                ),
                "date_deadline": deadline.date(),
                "auto_deadline": deadline,
            })
        self.write({"auto_escalated": True})
        # The activity itself is the manager's notification (activity menu); no
        # e-mail per record, so a batch costs the same queries whatever its size.
        self.with_context(mail_activity_quick_update=True).create(vals_list)
