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
