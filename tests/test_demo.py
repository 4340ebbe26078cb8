"""The demo dealership, as bin/test installs it (bin/lib.sh,
install_demo_database): the dealer group and nothing else, working in Chinese
and in yuan."""

import csv
import re
from pathlib import Path

from lxml import etree

from odoo import fields
from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import TransactionCase, tagged

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def record_xmlids(module, key):
    """The XML ids a module's ``key`` files (data or demo) define."""
    root = Path(get_module_path(module))
    xmlids = set()
    for name in get_manifest(module).get(key, []):
        path = root / name
        if path.suffix == ".xml":
            tree = etree.parse(str(path))
            for node in tree.xpath("//record|//template|//menuitem"):
                if node.get("id"):
                    xmlids.add(node.get("id"))
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8") as file:
                xmlids.update(
                    row["id"] for row in csv.DictReader(file) if row.get("id")
                )
    return {xmlid if "." in xmlid else f"{module}.{xmlid}" for xmlid in xmlids}


def demo_xmlids(module):
    """The XML ids a module's demo files create (records, templates, menus):
    not those of records they only change, which its data files or other
    modules create (base.main_company, base.user_admin)."""
    return {
        xmlid
        for xmlid in record_xmlids(module, "demo") - record_xmlids(module, "data")
        if xmlid.startswith(f"{module}.")
    }


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    def _skip_without_demo(self):
        if not self.env.ref(
            "auto_crm_leads.crm_lead_01_demo", raise_if_not_found=False
        ):
            self.skipTest("installed without demo data")

    def test_no_generic_demo_record(self):
        """Not one record of the demo files of Odoo or OCA modules (Azure
        Interior, Marc Demo, fleet's Nissan Micra, OCA's demo tickets) is in
        the database: staff meet only the dealer group."""
        self._skip_without_demo()
        modules = self.env["ir.module.module"].search(
            [("state", "=", "installed"), ("name", "not like", "auto_%")]
        )
        generic = set()
        for module in modules.mapped("name"):
            generic |= demo_xmlids(module)
        self.assertGreater(len(generic), 500, "the demo files were read")
        data = self.env["ir.model.data"]
        found = data.search_fetch(
            [
                ("module", "in", modules.mapped("name")),
                ("name", "in", [xmlid.split(".", 1)[1] for xmlid in generic]),
            ],
            ["module", "name"],
        )
        loaded = {f"{row.module}.{row.name}" for row in found} & generic
        self.assertFalse(sorted(loaded)[:20], "generic demo records in the database")

    def test_the_dealer_group_in_china(self):
        """Both stores in yuan with Chinese addresses, staff and administrator
        in Beijing time, customers in Chinese, brands spelled as brands."""
        self._skip_without_demo()
        companies = self.env["res.company"].search([])
        self.assertEqual(set(companies.mapped("currency_id.name")), {"CNY"})
        for model in ("product.pricelist", "sale.order", "auto.loyalty.tier"):
            records = self.env[model].with_context(active_test=False).search([])
            self.assertEqual(set(records.mapped("currency_id.name")), {"CNY"}, model)
        self.assertTrue(all(CHINESE.search(c.city or "") for c in companies))
        self.assertTrue(all(companies.mapped("logo")))
        staff = self.env["res.users"].search([("share", "=", False)])
        self.assertEqual(
            set(staff.filtered(lambda user: user.id != 1 and user.active).mapped("tz")),
            {"Asia/Shanghai"},
        )
        customers = self.env["res.partner"].search(
            [("partner_share", "=", True), ("is_company", "=", False)]
        )
        self.assertEqual(set(customers.mapped("lang")), {"zh_CN"})
        brands = self.env["fleet.vehicle.model.brand"].search([]).mapped("name")
        self.assertIn("BMW", brands)
        self.assertIn("BYD", brands)
        self.assertNotIn("Bmw", brands)

    def test_the_history_feeds_every_report(self):
        """Done follow-ups on time and late (the on-time rate), overdue ones
        escalated, and a figure for each KPI this month, on its first day
        too."""
        self._skip_without_demo()
        Activity = self.env["mail.activity"].with_context(active_test=False)
        done = Activity.search([("res_model", "=", "crm.lead"), ("active", "=", False)])
        self.assertEqual(set(done.mapped("auto_on_time")), {0, 100})
        self.assertTrue(Activity.search_count([("auto_is_escalation", "=", True)]))
        today = fields.Date.context_today(self.env.user)
        results = self.env["auto.kpi.result"].search(
            [
                ("period_type", "=", "month"),
                ("period_name", "=", today.strftime("%Y-%m")),
                ("denominator", ">", 0),
            ]
        )
        kpis = self.env["auto.kpi"].search([])
        self.assertEqual(results.kpi_id, kpis, "a figure for every KPI")

    def test_planned_activities_are_written_in_chinese(self):
        """Every activity our addons planned while the demo was built (lead
        follow-ups, reminders, callbacks, dispatches) is titled as the staff
        would read it, not with the English source terms."""
        self._skip_without_demo()
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
