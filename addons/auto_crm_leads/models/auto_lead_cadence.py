from datetime import timedelta

from odoo import api, fields, models, tools

from .crm_lead import GRADES


class AutoLeadCadence(models.Model):
    """Follow-up cadence (跟进频率) of an intent grade, or of a new lead.

    The steps are planned when the cadence starts (lead created, grade changed);
    once they are done, a follow-up is planned every ``interval_days``.
    """

    _name = "auto.lead.cadence"
    _description = "Lead Follow-up Cadence"
    _check_company_auto = True
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    trigger = fields.Selection(
        [("new", "New lead"), *GRADES],
        required=True,
        help="A new lead, or the intent grade the cadence applies to.",
    )
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to use the cadence in every company without its own.",
    )
    expected_close = fields.Char(
        translate=True, help="When customers of this grade usually buy."
    )
    step_ids = fields.One2many("auto.lead.cadence.step", "cadence_id", string="Steps")
    interval_days = fields.Integer(
        string="Then Every (days)",
        help="After the steps, a follow-up at least every N days; 0 plans none.",
    )
    interval_activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Recurring Activity",
        domain="['|', ('res_model', '=', False), ('res_model', '=', 'crm.lead')]",
    )
    interval_summary = fields.Char(string="Recurring Summary", translate=True)

    _sql_constraints = [
        (
            "interval_positive",
            "CHECK(interval_days >= 0)",
            "The follow-up interval cannot be negative.",
        ),
    ]

    @api.model
    def _for_trigger(self, trigger, company):
        """The company's own cadence for the trigger, else the shared one."""
        return self.browse(self._cadence_id_for_trigger(trigger, company.id))

    @tools.ormcache("trigger", "company_id")
    def _cadence_id_for_trigger(self, trigger, company_id):
        # Looked up on every lead created or regraded: cached until a cadence
        # changes (see create/write/unlink).
        cadences = self.sudo().search(
            [("trigger", "=", trigger), ("company_id", "in", [company_id, False])]
        )
        return cadences.sorted(lambda c: (not c.company_id, c.sequence))[:1].id

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if {"trigger", "company_id", "sequence", "active"} & set(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def _prepare_step_activities(self, lead, start):
        self.ensure_one()
        steps = self._step_plan(self.env.lang)
        return [
            {**vals, "auto_cadence_id": self.id, "summary": summary, "note": note}
            for vals, (_type_id, _delay, summary, note) in zip(
                lead._prepare_cadence_activity_vals(
                    [(type_id, start + delay) for type_id, delay, _s, _n in steps]
                ),
                steps,
                strict=True,
            )
        ]

    @tools.ormcache("self.id", "lang")
    def _step_plan(self, lang):
        """(activity type id, delay, summary, note) of each step. Read on
        every lead created or regraded, in a request of its own: cached until
        a step changes (see auto.lead.cadence.step)."""
        return tuple(
            (step.activity_type_id.id, step._delay(), step.summary, step.note)
            for step in self.sudo().with_context(lang=lang).step_ids
        )

    def _prepare_interval_activity(self, lead, start, deadline=None):
        self.ensure_one()
        if not self.interval_days and not deadline:
            return None
        return {
            **lead._prepare_cadence_activity_vals(
                [
                    (
                        self.interval_activity_type_id.id,
                        deadline or start + timedelta(days=self.interval_days),
                    )
                ]
            )[0],
            "auto_cadence_id": self.id,
            "summary": self.interval_summary or self.name,
        }
