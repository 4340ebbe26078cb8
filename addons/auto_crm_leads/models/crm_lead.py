from collections import defaultdict
from datetime import timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import privacy
from ..tools.privacy import PersonalData

GRADES = [
    ("O", "O - Ordered"),
    ("H", "H - Within 7 days"),
    ("A", "A - 7 to 15 days"),
    ("B", "B - 15 days to 1 month"),
    ("C", "C - 1 to 3 months"),
    ("N", "N - Undetermined"),
    ("F", "F - Lost"),
]
OUTCOMES = [("open", "Open"), ("won", "Won"), ("lost", "Lost")]
# What the suggested grade is judged on, in the order _auto_suggest_grade
# reads them.
GRADE_CRITERIA = (
    "auto_deposit_received",
    "auto_configuration_chosen",
    "auto_payment_method",
    "auto_delivery_date",
    "auto_loan_in_progress",
    "auto_trade_in",
    "auto_purchase_timeframe",
    "auto_quote_given",
    "auto_test_drive_done",
    "auto_next_contact",
)
# A just-typed "now" reaches the server a little late: accept it as not past.
PAST_TOLERANCE = timedelta(minutes=5)


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "auto.system.fields.mixin", "auto.contact.mask.mixin"]

    # Intent grade (意向级别)
    auto_grade = fields.Selection(
        GRADES,
        string="Intent Grade",
        compute="_compute_auto_grade",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        precompute=True,
        group_expand="_read_group_auto_grade",
        help="Set by the consultant; the suggested grade follows the criteria below. "
        "Changing it re-plans the follow-ups.",
    )
    auto_anonymised_date = fields.Datetime(
        string="Anonymised On",
        readonly=True,
        copy=False,
        help="When the lead's personal data was emptied: past the retention of "
        "its purpose, or on the customer's request.",
    )
    auto_grade_suggested = fields.Selection(
        GRADES,
        string="Suggested Grade",
        compute="_compute_auto_grade_suggested",
        store=True,
        precompute=True,
    )
    # Not stored: a stored flag would cost every lead's creation one more
    # computation; its filter compares the two stored grades in SQL.
    auto_grade_to_review = fields.Boolean(
        string="Grade to Review",
        compute="_compute_auto_grade_to_review",
        search="_search_auto_grade_to_review",
        help="The criteria suggest another grade than the consultant's.",
    )

    # Intent criteria (意向判定)
    auto_desired_model_id = fields.Many2one(
        "fleet.vehicle.model", string="Desired Model", tracking=True
    )
    auto_desired_color = fields.Char(string="Desired Colour")
    auto_desired_trim = fields.Char(string="Desired Trim")
    auto_configuration_chosen = fields.Boolean(
        string="Model, Colour and Trim Chosen", tracking=True
    )
    auto_budget = fields.Monetary(string="Budget", currency_field="company_currency")
    auto_payment_method = fields.Selection(
        [("cash", "Full payment"), ("instalment", "Instalment / loan")],
        string="Payment Method",
        tracking=True,
    )
    auto_loan_in_progress = fields.Boolean(string="Loan Paperwork in Progress")
    auto_trade_in = fields.Boolean(
        string="Trade-in", help="The customer trades in a used car."
    )
    auto_test_drive_done = fields.Boolean(string="Test Drive Done", tracking=True)
    auto_quote_given = fields.Boolean(string="Quote Given", tracking=True)
    auto_purchase_timeframe = fields.Selection(
        [
            ("7_days", "Within 7 days"),
            ("15_days", "7 to 15 days"),
            ("1_month", "15 days to 1 month"),
            ("3_months", "1 to 3 months"),
            ("unknown", "Undetermined"),
        ],
        string="Purchase Time",
    )
    auto_delivery_date = fields.Date(string="Desired Delivery Date")
    auto_deposit_received = fields.Boolean(string="Deposit Received", tracking=True)
    auto_deposit_amount = fields.Monetary(
        string="Deposit", currency_field="company_currency"
    )
    auto_next_contact = fields.Datetime(
        string="Next Agreed Contact",
        tracking=True,
        help="The time agreed with the customer comes before the grade's cadence.",
    )
    auto_competitor_model_ids = fields.Many2many(
        "fleet.vehicle.model", string="Competitor Models Considered"
    )
    auto_competitor_model_id = fields.Many2one(
        "fleet.vehicle.model",
        string="Competitor Model Bought",
        tracking=True,
        help="When the lead is lost (F): the model the customer bought instead.",
    )

    # Outcome (潜客转化率): not stored, which would cost every lead's creation
    # and stage change a computation; read from the conversion analysis.
    auto_outcome = fields.Selection(
        OUTCOMES, string="Outcome", compute="_compute_auto_outcome"
    )

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {
            "auto_grade_suggested",
            "auto_anonymised_date",
        }

    # Retention (保存期限) and erasure ----------------------------------------

    def _auto_personal_data_section(self):
        """These leads as the person's data: erasure and retention empty the
        contact, the figures (stage, revenue, source, model) stay."""
        return PersonalData(
            "leads",
            self.env._("Leads and opportunities"),
            self.sudo(),
            wipe=dict.fromkeys(
                [
                    "contact_name",
                    "partner_name",
                    "email_from",
                    "email_cc",
                    "phone",
                    "mobile",
                    "street",
                    "street2",
                    "zip",
                    "city",
                    "website",
                    "function",
                    "description",
                    "referred",
                ],
                False,
            ),
            identifying=("contact_name", "email_from", "phone", "mobile", "street"),
            prospect=True,
        )

    @api.model
    def _cron_auto_retention(self, batch_size=200):
        """Anonymise the lost leads past the retention of the purposes that
        govern them, unless their customer consented to that purpose, then
        erase the prospects left with nothing else. A batch per run, each
        lead once: the job can run again at any time."""
        now = fields.Datetime.now()
        purposes = (
            self.env["privacy.activity"]
            .sudo()
            .search(
                [
                    ("auto_retention_lost_leads", "=", True),
                    ("auto_retention_months", ">", 0),
                ]
            )
        )
        leads = self.sudo().with_context(active_test=False)
        for purpose in purposes:
            cutoff = now - relativedelta(months=purpose.auto_retention_months)
            leads |= leads.search(
                [
                    ("active", "=", False),
                    ("probability", "=", 0),
                    ("auto_anonymised_date", "=", False),
                    ("date_closed", "<", cutoff),
                    *(
                        [("company_id", "=", purpose.company_id.id)]
                        if purpose.company_id
                        else []
                    ),
                    "!",
                    (
                        "partner_id.privacy_consent_ids",
                        "any",
                        [
                            ("activity_id", "=", purpose.id),
                            ("auto_status", "=", "given"),
                        ],
                    ),
                ],
                limit=batch_size - len(leads),
                order="date_closed, id",
            )
            if len(leads) >= batch_size:
                break
        leads._auto_anonymise()
        return self.env["ir.cron"]._auto_notify_batch(len(leads), batch_size)

    def _auto_anonymise(self):
        """Empty the personal data of these leads, in their texts and chatter
        too, then erase their customers who were only prospects."""
        if not self:
            return
        leads = self.sudo()
        privacy.erase(self.env, [leads._auto_personal_data_section()])
        leads.write({"auto_anonymised_date": fields.Datetime.now()})
        leads.partner_id._auto_erase_prospects()

    def _auto_contact_fields(self):
        return {
            **super()._auto_contact_fields(),
            "email_from": "email",
            "email_normalized": "email",
            "email_cc": "email",
            "phone": "phone",
            "mobile": "phone",
            "phone_sanitized": "phone",
        }

    @api.model
    def _read_group_auto_grade(self, values, domain):
        return [grade for grade, _label in GRADES]

    @api.depends(*GRADE_CRITERIA)
    def _compute_auto_grade_suggested(self):
        for lead in self:
            lead.auto_grade_suggested = self._auto_suggest_grade(
                {name: lead[name] for name in GRADE_CRITERIA}
            )

    @api.depends("auto_grade", "auto_grade_suggested")
    def _compute_auto_grade_to_review(self):
        for lead in self:
            lead.auto_grade_to_review = lead.auto_grade not in (False, "F") and (
                lead.auto_grade != lead.auto_grade_suggested
            )

    def _search_auto_grade_to_review(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Grade to Review can only be searched as set or not set.")
            )
        self.flush_model(["auto_grade", "auto_grade_suggested"])
        to_review = SQL(
            "(SELECT id FROM crm_lead WHERE auto_grade != 'F' "
            "AND auto_grade IS DISTINCT FROM auto_grade_suggested)"
        )
        return [("id", "in" if (operator == "=") == value else "not in", to_review)]

    @api.depends("auto_grade_suggested")
    def _compute_auto_grade(self):
        # Until a lead is saved its grade follows the criteria; then the
        # consultant decides, with the suggestion shown beside the grade.
        for lead in self:
            if not lead._origin or not lead.auto_grade:
                lead.auto_grade = lead.auto_grade_suggested

    @api.depends("active", "stage_id.is_won", "probability")
    def _compute_auto_outcome(self):
        # As saved, defined once: by auto.lead.conversion.report's SQL.
        report = self.env["auto.lead.conversion.report"].sudo()
        saved = report.browse(self._origin.ids)
        saved.invalidate_recordset(["outcome"])  # the view's rows follow the leads
        outcomes = dict(zip(saved.ids, saved.mapped("outcome"), strict=True))
        for lead in self:
            lead.auto_outcome = outcomes.get(lead._origin.id, "open")

    @api.model
    def _auto_suggest_grade(self, criteria):
        """The grade DOMAIN.md's criteria give, from the firmest to the
        vaguest. ``criteria``: the GRADE_CRITERIA values (missing: not set)."""
        deposit, configured, payment, delivery, loan, trade_in, timeframe = map(
            criteria.get, GRADE_CRITERIA[:7]
        )
        if deposit:
            return "O"
        if (
            configured
            and payment
            and delivery
            and (loan or trade_in or timeframe == "7_days")
        ):
            return "H"
        if configured and (payment or loan or trade_in or timeframe == "15_days"):
            return "A"
        if timeframe == "1_month" or all(map(criteria.get, GRADE_CRITERIA[7:])):
            return "B"
        if timeframe == "3_months":
            return "C"
        return "N"

    @api.onchange("auto_grade")
    def _onchange_auto_grade(self):
        # In the form the consultant is told at once, not when saving.
        if self.auto_grade == "F" and self.active and not self.lost_reason_id:
            self.auto_grade = self._origin.auto_grade or self.auto_grade_suggested
            return {
                "warning": {
                    "title": self.env._("Lost Reason Needed"),
                    "message": self.env._(
                        "A lead is graded F (lost) with the reason the customer "
                        "gave: use Mark as Lost."
                    ),
                }
            }

    @api.constrains("auto_grade", "auto_deposit_received", "lost_reason_id", "active")
    def _check_auto_grade(self):
        # F is the grade of a lost lead. A consultant who picks it on an open
        # lead gives the reason through Mark as Lost; crm's own API
        # (action_set_lost, used by crm and other modules without a reason)
        # archives the lead first, so a lost lead may lack one.
        for lead in self:
            if lead.auto_grade == "O" and not lead.auto_deposit_received:
                raise ValidationError(
                    self.env._(
                        "%(lead)s cannot be graded O (ordered) before the deposit is "
                        "received.",
                        lead=lead.display_name,
                    )
                )
            if lead.auto_grade == "F" and lead.active and not lead.lost_reason_id:
                raise ValidationError(
                    self.env._(
                        "%(lead)s cannot be graded F (lost) without a lost reason: "
                        "use Mark as Lost.",
                        lead=lead.display_name,
                    )
                )

    @api.constrains("auto_budget", "auto_deposit_amount", "expected_revenue")
    def _check_auto_amounts(self):
        for lead in self:
            for name in ("auto_budget", "auto_deposit_amount", "expected_revenue"):
                if lead[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(amount)s of %(lead)s cannot be negative.",
                            amount=lead._fields[name]._description_string(self.env),
                            lead=lead.display_name,
                        )
                    )

    @api.constrains("auto_next_contact")
    def _check_auto_next_contact(self):
        limit = fields.Datetime.now() - PAST_TOLERANCE
        for lead in self:
            if lead.auto_next_contact and lead.auto_next_contact < limit:
                raise ValidationError(
                    self.env._(
                        "The next agreed contact of %(lead)s is in the past: a "
                        "follow-up can only be planned ahead.",
                        lead=lead.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._auto_start_cadence(new=True, created=True)
        return leads

    def write(self, vals):
        regraded = self.env["crm.lead"]
        if "auto_grade" in vals:
            regraded = self.filtered(lambda lead: lead.auto_grade != vals["auto_grade"])
        res = super().write(vals)
        won = self.filtered("stage_id.is_won") if "stage_id" in vals else None
        if won:  # the sale is closed, so is the cadence
            won._auto_cadence_activities().unlink()
        if "user_id" in vals:
            self._auto_move_follow_ups()
        if regraded:
            regraded._auto_start_cadence()
        elif vals.get("auto_next_contact"):
            self._auto_reschedule_to_agreed_time()
        return res

    def action_set_lost(self, **additional_values):
        self._auto_cadence_activities().unlink()
        return super().action_set_lost(auto_grade="F", **additional_values)

    def toggle_active(self):
        # A restored lost lead leaves F before crm clears its lost reason.
        restored = self.filtered(
            lambda lead: not lead.active and lead.auto_grade == "F"
        )
        for lead in restored:
            lead.auto_grade = lead.auto_grade_suggested
        res = super().toggle_active()
        restored._auto_start_cadence()
        return res

    def action_apply_suggested_grade(self):
        self.ensure_one()
        self.auto_grade = self.auto_grade_suggested

    def action_auto_record_consent(self):
        """First contact: record the customer's consents from the lead."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                self.env._("Set the lead's customer before recording consents.")
            )
        action = self.partner_id.action_auto_record_consent()
        action["context"] = {**action["context"], "default_lead_id": self.id}
        return action

    # Cadence engine (跟进计划)
    def _auto_cadence_activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.lead"),
                ("res_id", "in", self.ids),
                ("auto_cadence_id", "!=", False),
            ]
        )

    def _auto_to_follow(self):
        """Leads still to follow up: open, neither lost nor won."""
        won_stage_ids = self.env["crm.stage"]._auto_won_stage_ids()
        return self.filtered(
            lambda lead: (
                lead.active
                and lead.auto_grade != "F"
                and lead.stage_id.id not in won_stage_ids
            )
        )

    def _auto_follow_up_user(self):
        """The consultant; for a lead in the pool, the manager who assigns it."""
        self.ensure_one()
        return self.user_id or self._auto_managers()[self.id] or self.env.user

    def _auto_deadline_date(self, deadline, tz=None):
        """The calendar day of a UTC deadline in ``tz`` (pytz), by default the
        consultant's time zone."""
        tz = tz or pytz.timezone(self._auto_follow_up_user().tz or "UTC")
        return pytz.utc.localize(deadline).astimezone(tz).date()

    def _prepare_cadence_activity_vals(self, plan):
        """The lead's follow-ups of ``plan``, (activity type id, UTC deadline)
        pairs, for its follow-up user; without a type, a call."""
        self.ensure_one()
        user = self._auto_follow_up_user()
        tz = pytz.timezone(user.tz or "UTC")
        common = {"res_id": self.id, "user_id": user.id}
        return [
            {
                **common,
                "activity_type_id": activity_type_id
                or self.env.ref("mail.mail_activity_data_call").id,
                "date_deadline": self._auto_deadline_date(deadline, tz),
                "auto_deadline": deadline,
            }
            for activity_type_id, deadline in plan
        ]

    def _auto_agreed_time(self, now):
        self.ensure_one()
        if self.auto_next_contact and self.auto_next_contact >= now - PAST_TOLERANCE:
            return self.auto_next_contact
        return None

    def _auto_opening_times(self, now):
        """company -> when the follow-ups planned ``now`` start counting:
        now, or the showroom's next opening time (once per company)."""
        times = {}

        def opening(company):
            if company not in times:
                # Only read: the store's opening hours, which whoever plans
                # its follow-ups (an OEM dispatcher of another company too)
                # may not otherwise read.
                times[company] = company.sudo()._auto_opening_time(now)
            return times[company]

        return opening

    def _auto_start_cadence(self, new=False, created=False):
        """Replace the open follow-ups of the leads by their cadence's plan
        (``created``: the leads were just created, there are none to replace)."""
        if not created:
            self._auto_cadence_activities().unlink()
        now = fields.Datetime.now()
        opening = self._auto_opening_times(now)
        Cadence = self.env["auto.lead.cadence"]
        vals_list = []
        for lead in self._auto_to_follow():
            company = lead.company_id or self.env.company
            cadence = Cadence._for_trigger("new" if new else lead.auto_grade, company)
            if not cadence:
                continue
            start = opening(company)
            plan = cadence._prepare_step_activities(lead, start)
            agreed = lead._auto_agreed_time(now)
            if not plan:
                interval = cadence._prepare_interval_activity(lead, start, agreed)
                plan = [interval] if interval else []
            elif agreed:
                plan[0].update(
                    lead._prepare_cadence_activity_vals(
                        [(plan[0]["activity_type_id"], agreed)]
                    )[0]
                )
            vals_list += plan
        self._auto_create_follow_ups(vals_list)

    def _auto_plan_next_follow_up(self):
        """After a follow-up is done: plan the next one unless one is still open."""
        busy = set(self._auto_cadence_activities().mapped("res_id"))
        now = fields.Datetime.now()
        opening = self._auto_opening_times(now)
        Cadence = self.env["auto.lead.cadence"]
        vals_list = []
        for lead in self._auto_to_follow().filtered(lambda lead: lead.id not in busy):
            company = lead.company_id or self.env.company
            cadence = Cadence._for_trigger(lead.auto_grade, company)
            interval = cadence and cadence._prepare_interval_activity(
                lead, opening(company), lead._auto_agreed_time(now)
            )
            if interval:
                vals_list.append(interval)
        self._auto_create_follow_ups(vals_list)

    def _auto_create_follow_ups(self, vals_list):
        """Plan the follow-ups of ``vals_list`` through mail.activity, in one
        batch: each assignee follows the lead and sees them in the activity
        menu. Not one e-mail each: the consultant is told of the lead itself
        (crm's assignment notice), as in _auto_move_follow_ups."""
        if not vals_list:
            return
        # mail.activity's create subscribes the assignee once per activity,
        # which fails on a lead's second one for a new follower (a duplicate
        # follower row): subscribe each assignee first, once per lead.
        lead_ids_by_user = defaultdict(set)
        for vals in vals_list:
            lead_ids_by_user[vals["user_id"]].add(vals["res_id"])
        for user_id, lead_ids in lead_ids_by_user.items():
            self.browse(lead_ids).message_subscribe(
                partner_ids=self.env["res.users"].browse(user_id).partner_id.ids
            )
        model_id = self.env["ir.model"]._get_id("crm.lead")
        # The cadence's fields are the system's, set here for whoever's
        # creation, edit or done follow-up of these leads was just allowed.
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            [
                {**vals, "res_model_id": model_id, "automated": True}
                for vals in vals_list
            ]
        )

    def _auto_move_follow_ups(self):
        """Give the open follow-ups to each lead's follow-up user, one write a
        user. The writer's right to the leads is checked by mail.activity."""
        user_by_lead = {lead.id: lead._auto_follow_up_user() for lead in self}
        moves = defaultdict(lambda: self.env["mail.activity"])
        for activity in self._auto_cadence_activities():
            user = user_by_lead[activity.res_id]
            if activity.user_id != user:
                moves[user] |= activity
        for user, activities in moves.items():
            activities.with_context(mail_activity_quick_update=True).write(
                {"user_id": user.id}
            )

    def _auto_reschedule_to_agreed_time(self):
        """Move each lead's next follow-up to the time agreed with the
        customer. One already missed stays as it is, late: the agreed time
        then plans the follow-up after it."""
        first_by_lead = {}
        for activity in self._auto_cadence_activities().sorted("auto_deadline"):
            first_by_lead.setdefault(activity.res_id, activity)
        now = fields.Datetime.now()
        for lead in self:
            first = first_by_lead.get(lead.id)
            if not first:
                lead._auto_plan_next_follow_up()
            elif not first.auto_deadline or first.auto_deadline >= now:
                # The cadence's own field, moved for the consultant whose
                # write of the lead was just allowed.
                first.sudo().write(
                    {
                        "auto_deadline": lead.auto_next_contact,
                        "date_deadline": lead._auto_deadline_date(
                            lead.auto_next_contact
                        ),
                    }
                )

    def _auto_managers(self):
        """Lead id -> its sales manager: the team leader, else a sales manager of
        the lead's company. Overdue follow-ups are escalated to them."""
        group = self.env.ref("auto_crm_leads.group_auto_sales_manager")
        by_company = {}
        managers = {}
        for lead in self:
            manager = lead.team_id.user_id
            if not manager:
                company = lead.company_id or self.env.company
                if company not in by_company:
                    by_company[company] = group.users.filtered(
                        lambda user, company=company: (
                            company in user.company_ids and not user._is_superuser()
                        )
                    )[:1]
                manager = by_company[company]
            managers[lead.id] = manager
        return managers
