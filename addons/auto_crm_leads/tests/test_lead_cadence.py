from datetime import datetime, timedelta

from freezegun import freeze_time
from markupsafe import Markup

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AutoCrmCommon

NOW = datetime(2026, 3, 2, 8, 0, 0)


@tagged("post_install", "-at_install")
class TestLeadCadence(AutoCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {"name": "Showroom", "user_id": cls.sales_manager.id}
        )
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "Price"})
        cls.call_type = cls.env.ref("auto_crm_leads.mail_activity_type_follow_up_call")
        cls.sms_type = cls.env.ref("auto_crm_leads.mail_activity_type_follow_up_sms")
        cls.cron = cls.env.ref("auto_crm_leads.ir_cron_auto_escalate_overdue")

    def _create_lead(self, context=None, **vals):
        return (
            self.env["crm.lead"]
            .with_context(**(context or {}))
            .create(
                {
                    "name": "Walk-in: Magotan",
                    "type": "opportunity",
                    "partner_id": self.customer_a.id,
                    "user_id": self.consultant_a.id,
                    "team_id": self.team.id,
                    **vals,
                }
            )
        )

    def _follow_ups(self, lead):
        return lead._auto_cadence_activities().sorted("auto_deadline")

    def _systray(self, user):
        """The crm.lead entry of ``user``'s activity menu."""
        groups = self.env["res.users"].with_user(user)._get_activity_groups()
        return next(group for group in groups if group["model"] == "crm.lead")

    def _queries(self, function):
        self.env.flush_all()
        before = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _escalations(self, lead):
        escalation = self.env.ref("auto_crm_leads.mail_activity_type_escalation")
        return lead.activity_ids.filtered(
            lambda act: act.activity_type_id == escalation
        )

    @freeze_time(NOW)
    def test_new_lead_plans_the_first_touch(self):
        lead = self._create_lead()
        follow_ups = self._follow_ups(lead)
        self.assertEqual(
            follow_ups.mapped("auto_deadline"),
            [
                NOW + timedelta(hours=1),
                NOW + timedelta(hours=24),
                NOW + timedelta(days=3),
            ],
        )
        self.assertEqual(follow_ups.activity_type_id, self.call_type | self.sms_type)
        self.assertEqual(follow_ups.user_id, self.consultant_a)
        self.assertEqual(follow_ups[0].date_deadline, NOW.date())

    @freeze_time(NOW)
    def test_follow_ups_are_the_consultants_activities(self):
        """Follow-ups are what mail.activity makes:
        on a lead the consultant follows, in their activity menu, automated."""
        script = self.env.ref("auto_crm_leads.auto_lead_cadence_new_step_1")
        script.note = Markup("<p>Ask which colour they saw.</p>")
        self.consultant_a.tz = "Asia/Shanghai"
        self.consultant_b.tz = "Asia/Urumqi"
        for tracking_disable in (True, False):  # tests, or a user's click
            with self.subTest(tracking_disable=tracking_disable):
                lead = self._create_lead({"tracking_disable": tracking_disable})
                follow_ups = self._follow_ups(lead)
                self.assertIn(self.consultant_a.partner_id, lead.message_partner_ids)
                self.assertTrue(all(follow_ups.mapped("automated")))
                self.assertEqual(set(follow_ups.mapped("user_tz")), {"Asia/Shanghai"})
                self.assertEqual(set(follow_ups.mapped("res_model")), {"crm.lead"})
                self.assertEqual(
                    follow_ups.res_model_id, self.env["ir.model"]._get("crm.lead")
                )
                self.assertEqual(set(follow_ups.mapped("res_name")), {lead.name})
                self.assertEqual(follow_ups[0].note, script.note)
                self.assertFalse(follow_ups[1].note)
                lead.user_id = self.consultant_b
                self.assertIn(self.consultant_b.partner_id, lead.message_partner_ids)
                self.assertEqual(set(follow_ups.mapped("user_tz")), {"Asia/Urumqi"})
        menu = self._systray(self.consultant_b)
        self.assertEqual((menu["today_count"], menu["planned_count"]), (2, 4))

    @freeze_time(NOW)
    def test_follow_ups_are_planned_in_batches(self):
        """As a user's click (tracking on, in a request of its own): planning
        the follow-ups of leads created together, and moving them to the next
        consultant, costs the same queries for one lead as for four."""
        # The assignment e-mail is queued, as a request sends it after its
        # commit: Odoo's test runner (odoo.modules.module.current_test) would
        # send it within the transaction, pytest-odoo would fail to connect
        # to an SMTP server, each at a cost of its own in this count.
        Lead = self.env["crm.lead"].with_context(
            tracking_disable=False, mail_notify_force_send=False
        )

        def create_and_reassign(count):
            leads = Lead.browse()

            def create():
                nonlocal leads
                self.env.invalidate_all()  # a new request reads the records anew
                leads = Lead.create(
                    [
                        {
                            "name": f"Walk-in {index}",
                            "type": "opportunity",
                            "partner_id": self.customer_a.id,
                            "user_id": self.consultant_a.id,
                            "team_id": self.team.id,
                        }
                        for index in range(count)
                    ]
                )

            created = self._queries(create)
            moved = self._queries(
                lambda: leads.write({"user_id": self.consultant_b.id})
            )
            return created, moved, len(leads._auto_cadence_activities())

        cadence = self.env.ref("auto_crm_leads.auto_lead_cadence_new")
        costs = {}
        for active in (True, False):
            cadence.active = active
            for count in (1, 4):
                create_and_reassign(count)  # warm the caches
                costs[active, count] = create_and_reassign(count)
        self.assertEqual(costs[True, 4][2], 12)
        self.assertEqual(costs[False, 4][2], 0)
        creating, moving = (
            [costs[True, count][index] - costs[False, count][index] for count in (1, 4)]
            for index in (0, 1)
        )
        self.assertEqual(creating[0], creating[1], "one create for all the leads")

        def core_move(count):
            """mail.activity's own write moving 3 activities a lead, which
            subscribes the new assignee activity by activity."""
            leads = Lead.create(
                [{"name": "Plain lead", "user_id": self.consultant_a.id}] * count
            )
            activities = self.env["mail.activity"].create(
                [
                    {
                        "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                        "res_id": lead.id,
                        "activity_type_id": self.call_type.id,
                        "user_id": self.consultant_a.id,
                    }
                    for lead in leads
                    for _step in range(3)
                ]
            )
            leads.message_subscribe(self.consultant_b.partner_id.ids)
            return self._queries(
                lambda: activities.write({"user_id": self.consultant_b.id})
            )

        core_move(1)  # warm the caches
        core = [core_move(count) for count in (1, 4)]
        self.assertLessEqual(
            moving[1] - moving[0],
            core[1] - core[0],
            "one write a consultant: no more per lead than mail.activity's own",
        )

    @freeze_time(NOW)
    def test_edited_steps_plan_the_next_leads(self):
        """A manager's change to a step, or to its Chinese wording, applies to
        the next lead, however often the cadence was used before (each call
        below plans from a cache the previous one filled)."""
        self.env["res.lang"]._activate_lang("zh_CN")

        def follow_ups(lang="en_US"):
            return self._follow_ups(self._create_lead({"lang": lang}))

        step = self.env.ref("auto_crm_leads.auto_lead_cadence_new_step_1")
        follow_ups()
        step.write({"summary": "Call within two hours", "delay": 2})
        first = follow_ups()[0]
        self.assertEqual(first.summary, "Call within two hours")
        self.assertEqual(first.auto_deadline, NOW + timedelta(hours=2))
        follow_ups("zh_CN")
        step.update_field_translations("summary", {"zh_CN": "两小时内致电"})
        self.assertEqual(follow_ups("zh_CN")[0].summary, "两小时内致电")
        follow_ups()
        last_call = self.env["auto.lead.cadence.step"].create(
            {
                "cadence_id": step.cadence_id.id,
                "sequence": 99,
                "delay": 5,
                "activity_type_id": self.call_type.id,
                "summary": "Last call before the weekend",
            }
        )
        self.assertEqual(len(follow_ups()), 4)
        last_call.unlink()
        self.assertEqual(len(follow_ups()), 3)

    @freeze_time(NOW)
    def test_each_grade_plans_its_second_contact(self):
        expected = {"H": 1, "A": 3, "B": 7, "C": 7, "N": 30}
        for grade, days in expected.items():
            with self.subTest(grade=grade):
                lead = self._create_lead()
                if grade == "N":  # new leads start as N: regrade from another
                    lead.auto_grade = "C"
                lead.auto_grade = grade
                follow_ups = self._follow_ups(lead)
                self.assertEqual(len(follow_ups), 1, "the new-lead plan is replaced")
                self.assertEqual(follow_ups.auto_deadline, NOW + timedelta(days=days))
                self.assertEqual(
                    follow_ups.auto_cadence_id,
                    self.env.ref(f"auto_crm_leads.auto_lead_cadence_{grade.lower()}"),
                )

    @freeze_time(NOW)
    def test_ordered_lead_is_followed_weekly(self):
        lead = self._create_lead(auto_deposit_received=True, auto_deposit_amount=5000)
        self.assertEqual(lead.auto_grade, "O", "the suggestion grades a new lead")
        lead.auto_grade = "H"
        lead.auto_grade = "O"
        self.assertEqual(self._follow_ups(lead).auto_deadline, NOW + timedelta(days=7))

    @freeze_time(NOW)
    def test_regrading_never_duplicates_follow_ups(self):
        lead = self._create_lead()
        lead.auto_grade = "H"
        lead.auto_grade = "A"
        lead.write({"auto_grade": "A"})
        follow_ups = self._follow_ups(lead)
        self.assertEqual(len(follow_ups), 1)
        self.assertEqual(follow_ups.auto_deadline, NOW + timedelta(days=3))

    def test_done_follow_up_plans_the_next_one(self):
        with freeze_time(NOW):
            lead = self._create_lead()
            lead.auto_grade = "H"
        with freeze_time(NOW + timedelta(hours=20)):
            follow_up = self._follow_ups(lead)
            follow_up.action_feedback("Customer asked for the white one")
            self.assertEqual(follow_up.auto_on_time, 100)
            self.assertFalse(follow_up.active, "done follow-ups are kept for reporting")
            following = self._follow_ups(lead)
            self.assertEqual(len(following), 1)
            self.assertEqual(
                following.auto_deadline, NOW + timedelta(hours=20) + timedelta(days=2)
            )
        with freeze_time(NOW + timedelta(days=5)):
            following.action_feedback()
            self.assertEqual(following.auto_on_time, 0, "done after its deadline")

    def test_follow_up_done_while_others_are_open_plans_nothing(self):
        with freeze_time(NOW):
            lead = self._create_lead()
            self._follow_ups(lead)[0].action_feedback()
            self.assertEqual(len(self._follow_ups(lead)), 2)

    @freeze_time(NOW)
    def test_agreed_time_overrides_the_cadence(self):
        lead = self._create_lead()
        lead.auto_grade = "C"
        agreed = NOW + timedelta(days=2, hours=3)
        lead.auto_next_contact = agreed
        self.assertEqual(self._follow_ups(lead).auto_deadline, agreed)
        lead.auto_grade = "N"
        self.assertEqual(
            self._follow_ups(lead).auto_deadline,
            agreed,
            "a re-plan keeps the agreement",
        )

    @freeze_time(NOW)
    def test_agreed_time_in_the_past_is_refused(self):
        lead = self._create_lead()
        with (
            self.assertRaisesRegex(ValidationError, "in the past"),
            self.cr.savepoint(),
        ):
            lead.write(
                {"auto_next_contact": NOW - timedelta(days=1), "auto_grade": "A"}
            )
        self.assertEqual(lead.auto_grade, "N")
        self.assertFalse(lead.auto_next_contact)

    @freeze_time(NOW)
    def test_negative_amounts_are_refused(self):
        lead = self._create_lead()
        for name in ("auto_budget", "auto_deposit_amount", "expected_revenue"):
            with (
                self.subTest(field=name),
                self.assertRaisesRegex(ValidationError, "cannot be negative"),
                self.cr.savepoint(),
            ):
                lead.write({name: -1000})
        self.assertEqual(lead.auto_budget, 0)

    def test_grade_o_requires_a_deposit(self):
        lead = self._create_lead()
        with self.assertRaisesRegex(ValidationError, "deposit"), self.cr.savepoint():
            lead.auto_grade = "O"
        self.assertEqual(lead.auto_grade, "N")
        self.assertEqual(len(self._follow_ups(lead)), 3, "the plan is untouched")

    @freeze_time(NOW)
    def test_grade_f_by_hand_only_with_a_lost_reason(self):
        """A consultant who marks a lead lost, in its form or through the
        wizard, gives the reason; crm's action_set_lost() called by code, as
        crm and other modules do, needs none."""
        lead = self._create_lead()
        form = Form(lead.with_user(self.consultant_a))
        with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
            form.auto_grade = "F"
        self.assertIn("use Mark as Lost", logs.output[0])
        self.assertEqual(form.auto_grade, "N", "the form keeps the grade")
        form.save()
        # Any other client: the server refuses it.
        with (
            self.assertRaisesRegex(ValidationError, "lost reason"),
            self.cr.savepoint(),
        ):
            lead.with_user(self.consultant_a).auto_grade = "F"
        lead.invalidate_recordset()
        self.assertEqual(lead.auto_grade, "N")
        # The wizard's view requires the reason; the server does too.
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(self.consultant_a)
            .create({"lead_ids": lead.ids})
        )
        with self.assertRaisesRegex(UserError, "lost reason"), self.cr.savepoint():
            wizard.action_lost_reason_apply()
        lead.invalidate_recordset()
        self.assertTrue(lead.active, "not lost without a reason")
        self.assertEqual(len(self._follow_ups(lead)), 3)

        lead.with_user(self.consultant_a).action_set_lost()
        self.assertFalse(lead.active)
        self.assertEqual(lead.auto_grade, "F")
        self.assertFalse(lead.lost_reason_id)
        self.assertFalse(self._follow_ups(lead), "a lost lead is not followed up")
        lead.with_user(self.consultant_a).toggle_active()
        self.assertTrue(lead.active)
        self.assertEqual(lead.auto_grade, "N", "restored: back to its suggestion")
        self.assertEqual(len(self._follow_ups(lead)), 1)

    @freeze_time(NOW)
    def test_lost_lead_records_reason_and_competitor(self):
        lead = self._create_lead()
        wizard = Form(
            self.env["crm.lead.lost"].with_context(
                active_ids=lead.ids, default_lead_ids=lead.ids
            )
        )
        wizard.lost_reason_id = self.lost_reason
        wizard.auto_competitor_model_id = self.other_model
        wizard.save().action_lost_reason_apply()
        self.assertFalse(lead.active)
        self.assertEqual(lead.auto_grade, "F")
        self.assertEqual(lead.auto_competitor_model_id, self.other_model)
        self.assertEqual(lead.auto_outcome, "lost")
        self.assertFalse(self._follow_ups(lead), "a lost lead is not followed up")
        lead.toggle_active()
        self.assertEqual(lead.auto_grade, "N")
        self.assertEqual(
            len(self._follow_ups(lead)), 1, "restored: back on its cadence"
        )

    def test_created_leads_start_at_their_suggestion(self):
        """However they are created: defaults, several at once, or graded."""
        Lead = self.env["crm.lead"].with_context(
            default_type="opportunity", default_auto_purchase_timeframe="3_months"
        )
        leads = Lead.create(
            [
                {"name": "Imported"},
                {"name": "Configured", "auto_configuration_chosen": True},
                {
                    "name": "Trading in",
                    "auto_configuration_chosen": True,
                    "auto_trade_in": True,
                },
                {
                    "name": "Graded",
                    "auto_trade_in": True,
                    "auto_grade": "B",
                    "auto_grade_suggested": "O",  # computed, never given
                },
            ]
        )
        self.assertEqual(leads.mapped("auto_grade"), ["C", "C", "A", "B"])
        self.assertEqual(leads.mapped("auto_grade_suggested"), ["C", "C", "A", "C"])
        self.assertEqual(leads.mapped("auto_grade_to_review"), [False] * 3 + [True])

    def test_suggested_grade_follows_the_criteria(self):
        lead = self._create_lead()
        self.assertEqual(lead.auto_grade_suggested, "N")
        lead.auto_purchase_timeframe = "3_months"
        self.assertEqual(lead.auto_grade_suggested, "C")
        lead.auto_purchase_timeframe = "1_month"
        self.assertEqual(lead.auto_grade_suggested, "B")
        lead.write({"auto_configuration_chosen": True, "auto_trade_in": True})
        self.assertEqual(lead.auto_grade_suggested, "A")
        lead.write(
            {"auto_payment_method": "instalment", "auto_delivery_date": "2026-12-01"}
        )
        self.assertEqual(lead.auto_grade_suggested, "H")
        self.assertEqual(lead.auto_grade, "N", "the consultant decides")
        Lead = self.env["crm.lead"].with_context(active_test=False)
        to_review = [("auto_grade_to_review", "=", True), ("id", "=", lead.id)]
        reviewed = [("auto_grade_to_review", "!=", True), ("id", "=", lead.id)]
        self.assertTrue(lead.auto_grade_to_review)
        self.assertEqual(Lead.search(to_review), lead)
        self.assertFalse(Lead.search(reviewed))
        lead.action_apply_suggested_grade()
        self.assertEqual(lead.auto_grade, "H")
        self.assertFalse(lead.auto_grade_to_review)
        self.assertFalse(Lead.search(to_review))
        self.assertEqual(Lead.search(reviewed), lead)
        lead.auto_trade_in = False
        self.assertEqual(lead.auto_grade_suggested, "A")
        self.assertEqual(Lead.search(to_review), lead, "searched as just edited")
        lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertNotEqual(lead.auto_grade_suggested, "F")
        self.assertFalse(Lead.search(to_review), "a lost lead has nothing to review")
        with self.assertRaises(UserError):
            Lead.search([("auto_grade_to_review", "in", [True])])
        self.assertIn(
            "auto_grade", lead._track_get_fields(), "grade changes are tracked"
        )

    def test_overdue_follow_ups_escalate_once(self):
        with freeze_time(NOW):
            lead = self._create_lead()
        with freeze_time(NOW + timedelta(hours=2)):
            self.env["mail.activity"]._cron_auto_escalate_overdue()
            escalations = self._escalations(lead)
            self.assertEqual(len(escalations), 1, "only the 1-hour call is overdue")
            self.assertEqual(escalations.user_id, self.sales_manager)
            self.assertTrue(self._follow_ups(lead)[0].auto_escalated)
            self.env["mail.activity"]._cron_auto_escalate_overdue()
            self.assertEqual(len(self._escalations(lead)), 1, "escalated once")
        with freeze_time(NOW + timedelta(days=4)):
            self.env["mail.activity"]._cron_auto_escalate_overdue()
            # The SMS and the 3-day call are overdue now: one more escalation.
            self.assertEqual(len(self._escalations(lead)), 2)
            self.assertTrue(all(self._follow_ups(lead).mapped("auto_escalated")))

    def test_escalation_works_in_batches_the_cron_runner_repeats(self):
        with freeze_time(NOW):
            leads = self.env["crm.lead"]
            for index in range(3):
                leads |= self._create_lead(name=f"Lead {index}")
        with freeze_time(NOW + timedelta(days=4)):
            triggers = self.env["ir.cron.trigger"].search_count(
                [("cron_id", "=", self.cron.id)]
            )
            # As Odoo's cron runner calls the job: with a progress record,
            # which tells the runner to call it again while some remain.
            cron, progress = self.cron._add_progress()
            cron.env["mail.activity"]._cron_auto_escalate_overdue(batch_size=2)
            escalated = leads._auto_cadence_activities().filtered("auto_escalated")
            self.assertEqual(len(escalated), 6, "all follow-ups of two leads")
            self.assertEqual(len(set(escalated.mapped("res_id"))), 2)
            self.assertEqual(progress.done, 6)
            self.assertEqual(progress.remaining, 3, "the third lead's follow-ups")
            self.assertEqual(
                self.env["ir.cron.trigger"].search_count(
                    [("cron_id", "=", self.cron.id)]
                ),
                triggers,
                "the runner repeats the job by itself: no trigger",
            )
            cron, progress = self.cron._add_progress()
            cron.env["mail.activity"]._cron_auto_escalate_overdue(batch_size=2)
            self.assertEqual((progress.done, progress.remaining), (3, 0))
            self.assertTrue(
                all(leads._auto_cadence_activities().mapped("auto_escalated"))
            )
            self.assertEqual(len(leads.activity_ids) - 9, 3, "one escalation per lead")

    def test_escalation_queries_do_not_grow_with_the_batch(self):
        with freeze_time(NOW):
            self.env["crm.lead"].create(
                [
                    {
                        "name": f"Lead {index}",
                        "type": "opportunity",
                        "user_id": self.consultant_a.id,
                        "team_id": self.team.id,
                    }
                    for index in range(40)
                ]
            )
        with freeze_time(NOW + timedelta(days=4)):
            Activity = self.env["mail.activity"]
            Activity._cron_auto_escalate_overdue(batch_size=3)  # warm the caches
            counts = []
            for batch_size in (6, 12):  # leads; each batch leaves some for later
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                Activity._cron_auto_escalate_overdue(batch_size=batch_size)
                self.env.flush_all()
                counts.append(self.cr.sql_log_count - before)
            self.assertTrue(counts[0])
            self.assertEqual(counts[0], counts[1], "queries per batch are constant")
            with self.assertQueryCount(__system__=counts[0]):
                self.env.invalidate_all()
                Activity._cron_auto_escalate_overdue(batch_size=9)
                self.env.flush_all()

    @freeze_time(NOW)
    def test_consultants_see_only_their_follow_ups(self):
        lead = self._create_lead()
        activities = self.env["mail.activity"].with_user(self.consultant_b)
        with self.assertRaises(AccessError):
            activities.browse(self._follow_ups(lead).ids).read(["summary"])
        own = self.env["mail.activity"].with_user(self.consultant_a)
        self.assertEqual(len(own.search([("res_id", "=", lead.id)])), 3)

    @freeze_time(NOW)
    def test_reassigned_leads_move_their_follow_ups(self):
        leads = self._create_lead() | self._create_lead(name="Second walk-in")
        messages = self.env["mail.message"].search([])
        leads.user_id = self.consultant_b
        self.assertEqual(leads._auto_cadence_activities().user_id, self.consultant_b)
        # One notice per lead from crm, not one more per moved follow-up.
        notices = self.env["mail.message"].search(
            [
                ("id", "not in", messages.ids),
                ("partner_ids", "in", self.consultant_b.partner_id.ids),
            ]
        )
        self.assertLessEqual(len(notices), len(leads), notices.mapped("body"))
        leads.write({"user_id": False, "team_id": self.team.id})  # back to the pool
        self.assertEqual(
            leads._auto_cadence_activities().user_id,
            self.sales_manager,
            "unassigned leads are the team leader's to hand out",
        )

    @freeze_time(NOW)
    def test_consultant_grades_a_walk_in_in_the_form(self):
        form = Form(
            self.env["crm.lead"]
            .with_user(self.consultant_a)
            .with_context(default_type="opportunity")
        )
        form.name = "Walk-in: Tayron"
        form.partner_id = self.customer_a
        form.auto_configuration_chosen = True
        form.auto_trade_in = True
        self.assertEqual(form.auto_grade_suggested, "A")
        self.assertEqual(form.auto_grade, "A", "a new lead starts at the suggestion")
        form.auto_grade = "B"
        lead = form.save()
        self.assertEqual(lead.auto_grade, "B", "the consultant's choice wins")
        self.assertEqual(lead.user_id, self.consultant_a)
        self.assertEqual(len(self._follow_ups(lead)), 3, "the new-lead rule is planned")

    @freeze_time(NOW)
    def test_lead_created_won_is_not_followed_up(self):
        """Recorded straight in a won stage (a sale closed on the spot), even
        a stage made or unmade won after the won stages were cached."""
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        self.assertFalse(self._follow_ups(self._create_lead(stage_id=won.id)))
        delivered = self.env["crm.stage"].create({"name": "Delivered", "is_won": True})
        self.assertFalse(self._follow_ups(self._create_lead(stage_id=delivered.id)))
        delivered.is_won = False
        lead = self._create_lead(stage_id=delivered.id)
        self.assertEqual(len(self._follow_ups(lead)), 3)

    @freeze_time(NOW)
    def test_won_lead_is_no_longer_followed_up(self):
        lead = self._create_lead()
        lead.action_set_won()
        self.assertEqual(lead.auto_outcome, "won")
        self.assertFalse(self._follow_ups(lead))
        lead.auto_grade = "A"
        self.assertFalse(self._follow_ups(lead), "a won lead is not re-planned")

    # With the store's showroom hours set, follow-up deadlines count from the
    # next opening time: a lead received at night is due after opening.
    def _set_showroom_hours(self):
        self.env.company.auto_showroom_calendar_id = self.env.ref(
            "auto_crm_leads.resource_calendar_showroom"
        )

    def test_a_night_lead_is_due_after_opening(self):
        self._set_showroom_hours()
        # 02:12 in Beijing (18:12 UTC the day before): the showroom opens at
        # 08:30 (00:30 UTC), so the first call is due at 09:30.
        with freeze_time("2026-03-01 18:12:00"):
            lead = self._create_lead()
        opening = datetime(2026, 3, 2, 0, 30)
        self.assertEqual(
            self._follow_ups(lead).mapped("auto_deadline"),
            [
                opening + timedelta(hours=1),
                opening + timedelta(hours=24),
                opening + timedelta(days=3),
            ],
        )

    def test_a_lead_in_opening_hours_counts_from_now(self):
        self._set_showroom_hours()
        # 10:00 in Beijing.
        with freeze_time("2026-03-02 02:00:00"):
            lead = self._create_lead()
        self.assertEqual(
            self._follow_ups(lead)[0].auto_deadline, datetime(2026, 3, 2, 3, 0)
        )
        # Without showroom hours: around the clock, as before.
        self.env.company.auto_showroom_calendar_id = False
        with freeze_time("2026-03-01 18:12:00"):
            lead = self._create_lead(name="Web enquiry")
        self.assertEqual(
            self._follow_ups(lead)[0].auto_deadline, datetime(2026, 3, 1, 19, 12)
        )
