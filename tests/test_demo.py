"""The demo dealership, as bin/test installs it: its staff work in Chinese."""

import re

from odoo.tests import TransactionCase, tagged

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    def test_planned_activities_are_written_in_chinese(self):
        """Every activity our addons planned while the demo was built (lead
        follow-ups, reminders, callbacks, dispatches) is titled as the staff
        would read it, not with the English source terms. Odoo's own demo
        plans its activities by hand (not automated), in English."""
        if not self.env.ref(
            "auto_crm_leads.crm_lead_01_demo", raise_if_not_found=False
        ):
            self.skipTest("installed without demo data")
        planned = self.env["mail.activity"].search([("automated", "=", True)])
        self.assertLessEqual(  # the search does find what our addons plan
            {"crm.lead", "fleet.vehicle", "helpdesk.ticket", "repair.order"},
            set(planned.mapped("res_model")),
        )
        demo_leads = self.env["ir.model.data"].search(
            [("module", "=", "auto_crm_leads"), ("model", "=", "crm.lead")]
        )
        self.assertTrue(
            set(demo_leads.mapped("res_id")) & set(planned.mapped("res_id")),
            "the demo's own lead records have follow-ups",
        )
        english = planned.filtered(lambda act: not CHINESE.search(act.summary or ""))
        self.assertFalse(
            [(act.res_model, act.res_name, act.summary) for act in english],
            "activities titled in English",
        )
