import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

TRIGGERS = [
    ("repair_done", "Work Order Done"),
    ("vehicle_delivered", "Vehicle Delivered"),
]


class AutoServiceFollowupRule(models.Model):
    """Post-service follow-up (售后回访): what to plan, for whom and how soon
    after a work order is done or a new vehicle is delivered."""

    _name = "auto.service.followup.rule"
    _description = "Post-service Follow-up Rule"
    _check_company_auto = True
    _order = "trigger, delay_hours, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Company", help="Empty for every company."
    )
    trigger = fields.Selection(TRIGGERS, required=True, default="repair_done")
    delay_hours = fields.Integer(
        string="Within (hours)",
        required=True,
        help="Deadline of the follow-up, counted from the trigger.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type", string="Activity", required=True, ondelete="restrict"
    )
    responsible = fields.Selection(
        [
            ("advisor", "Service Advisor"),
            ("consultant", "Sales Consultant"),
        ],
        required=True,
        default="advisor",
        help="The work order's advisor, else whoever follows the customer up "
        "(their vehicle's advisor, else their salesperson); the owner's "
        "consultant. Falls back on the default responsible.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Default Responsible",
        domain="[('share', '=', False)]",
        check_company=True,
    )
    note = fields.Html(string="Script", translate=True)
    purpose_id = fields.Many2one(
        "privacy.activity",
        string="Purpose",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "auto_crm_leads.privacy_activity_satisfaction_surveys",
            raise_if_not_found=False,
        ),
        help="What the follow-up is for, in the register of purposes: it is "
        "planned only for customers whose consent covers it on the "
        "activity's channel (satisfaction surveys, service reminders); a "
        "follow-up the contract needs takes Contract messages.",
    )

    _sql_constraints = [
        (
            "delay_hours_positive",
            "CHECK(delay_hours >= 0)",
            "A follow-up cannot be due before its trigger.",
        ),
    ]

    @api.model
    def _auto_plan(self, trigger, records):
        """Plan the trigger's follow-ups on ``records`` (work orders or
        vehicles), one activity per rule and record."""
        if not records:
            return
        model_id = self.env["ir.model"]._get_id(records._name)
        vehicles = (
            records if records._name == "fleet.vehicle" else records.auto_vehicle_id
        )
        customers = self.env["res.partner"].union(
            *(self._auto_customer(record) for record in records)
        )
        followers = customers._auto_follow_up_user(vehicles=vehicles)
        skipped = {}  # record -> the notes of the follow-ups not planned
        for rule in self.search([("trigger", "=", trigger)]):
            values = []
            check = customers._auto_consent_filter(
                rule.purpose_id, rule.activity_type_id._auto_contact_channel()
            )
            for record in records.filtered(
                lambda record, rule=rule: (
                    rule.company_id in (record.company_id, self.env["res.company"])
                )
            ):
                reason = check.reasons.get(self._auto_customer(record).id)
                if reason:
                    skipped.setdefault(record, []).append(
                        rule._auto_skip_note(check, reason)
                    )
                    continue
                user = (
                    rule._auto_responsible(record, followers)
                    or rule.user_id
                    or self.env.user
                )
                deadline = record._auto_followup_start() + timedelta(
                    hours=rule.delay_hours
                )
                values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": record.id,
                        "activity_type_id": rule.activity_type_id.id,
                        "summary": rule.name,
                        "note": rule.note,
                        "user_id": user.id,
                        "date_deadline": deadline.date(),
                        "auto_deadline": deadline,
                        "automated": True,
                    }
                )
            # One create per rule: mail subscribes each record's assignee once
            # per batch and fails on a record listed twice.
            self.env["mail.activity"].sudo().create(values)
        if skipped:
            # What was not planned is said on the work order or vehicle.
            records.browse([record.id for record in skipped]).sudo()._message_log_batch(
                bodies={
                    record.id: Markup("<br/>").join(notes)
                    for record, notes in skipped.items()
                }
            )
            _logger.info(
                "Post-service follow-ups: %s records with follow-ups not planned "
                "(consent)",
                len(skipped),
            )

    def _auto_skip_note(self, check, reason):
        """Why this rule's follow-up was not planned for a customer."""
        self.ensure_one()
        return self.env._(
            "%(followup)s not planned: %(reason)s",
            followup=self.name,
            reason=check._message(reason, 1),
        )

    def _auto_responsible(self, record, followers):
        """The rule's responsible for ``record``: the customer's salesperson,
        or the work order's advisor, else whoever follows the customer up
        (``followers``: res.partner._auto_follow_up_user)."""
        self.ensure_one()
        customer = self._auto_customer(record)
        if self.responsible == "consultant":
            return customer.user_id
        if record._name == "repair.order" and record.user_id:
            return record.user_id
        return followers.get(customer)

    @api.model
    def _auto_customer(self, record):
        """The customer a work order or a vehicle is followed up with: the
        vehicle's owner, else the work order's customer."""
        if record._name == "fleet.vehicle":
            return record.owner_id
        return record.auto_vehicle_id.owner_id or record.partner_id
