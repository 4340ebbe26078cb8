import json
from ast import literal_eval
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import AutoTourCase


@tagged("post_install", "-at_install")
class TestCrmTours(AutoTourCase):
    def test_consultant_grades_a_walk_in_and_makes_the_first_call(self):
        consultant = new_test_user(
            self.env,
            login="tour_consultant",
            password="tour_consultant",
            groups="auto_crm_leads.group_auto_sales_consultant",
            tz="Asia/Shanghai",
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Walk-in", "user_id": consultant.id}
        )
        self.start_tour(
            "/odoo/action-auto_crm_leads.crm_lead_action_grade_pipeline?view_type=list",
            "auto_crm_walk_in_tour",
            login=consultant.login,
        )
        lead = self.env["crm.lead"].search([("partner_id", "=", customer.id)])
        self.assertEqual(lead.name, "Walk-in: Tayron")
        self.assertEqual(lead.user_id, consultant)
        self.assertEqual(lead.auto_grade, "A")
        done = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])
            .filtered(lambda activity: not activity.active)
        )
        self.assertEqual(len(done), 1, "the first call is done and kept")
        self.assertTrue(lead._auto_cadence_activities(), "the next call is planned")

    def test_consultant_works_the_days_follow_ups(self):
        """The demo consultant opens My Follow-ups, calls the first customer
        from the lead and records the call done."""
        consultant = self.env.ref("auto_crm_leads.user_consultant1_demo")
        Activity = self.env["mail.activity"].with_user(consultant)
        action = self.env.ref("auto_crm_leads.mail_activity_action_follow_up")
        today = fields.Date.context_today(consultant)
        due = Activity.search(
            [
                *literal_eval(action.domain),
                ("user_id", "=", consultant.id),
                ("date_deadline", "<=", today),
            ],
            order="auto_deadline, id",
        )
        self.assertTrue(due, "the demo has follow-ups due for the consultant")
        lead = self.env["crm.lead"].browse(due[0].res_id)
        # Later in the chatter, a meeting in 6 days: "6天后到期", in one piece.
        lead.activity_schedule(
            "mail.mail_activity_data_meeting",
            date_deadline=today + timedelta(days=6),
            user_id=consultant.id,
        )
        self.start_tour(
            "/odoo/action-auto_crm_leads.mail_activity_action_follow_up",
            "auto_crm_follow_up_tour",
            login=consultant.login,
        )
        logged = lead.message_ids.filtered(lambda m: "周六到店试驾" in (m.body or ""))
        self.assertEqual(logged.author_id, consultant.partner_id)
        self.assertTrue(
            Activity.with_context(active_test=False)
            .search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])
            .filtered(lambda activity: not activity.active and activity.date_done),
            "the follow-up is done and kept",
        )

    def test_manager_reads_the_kpi_trends(self):
        manager = self.env.ref("auto_crm_leads.user_sales_manager_demo")
        self.start_tour(
            "/odoo/action-auto_crm_leads.auto_kpi_result_action",
            "auto_crm_kpi_board_tour",
            login=manager.login,
        )

    def test_data_officer_hands_over_a_copy_of_the_data(self):
        """The demo data officer records a walk-in's request for a copy of her
        data, ticks the identity check and produces the copy."""
        officer = self.env.ref("auto_crm_leads.user_data_officer_demo")
        customer = self.env.ref("auto_crm_leads.partner_customer_03_demo")
        self.start_tour(
            "/odoo/action-auto_crm_leads.auto_privacy_request_action",
            "auto_crm_data_officer_tour",
            login=officer.login,
        )
        request = self.env["auto.privacy.request"].search(
            [("partner_id", "=", customer.id), ("request_type", "=", "export")]
        )
        self.assertEqual(request.state, "done")
        self.assertEqual(request.user_id, officer, "the officer's request")
        copy = json.loads(request.export_json_id.raw)
        self.assertIn(customer.mobile, json.dumps(copy, ensure_ascii=False))
        # Its PDF is rendered by wkhtmltopdf outside tests (test_privacy_rights).
        self.assertTrue(request.export_pdf_id)
