from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import api
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import datetime, safe_eval

COMMON = {"mail.menu_root_discuss", "calendar.mail_menu_calendar"}
CRM = "auto_crm_leads.menu_auto_crm_root"
AFTERSALES = "auto_aftersales.menu_auto_aftersales_root"
LOYALTY = "auto_loyalty.menu_auto_loyalty_root"
CLUB = "auto_club.menu_auto_club_root"

# Demo user -> the app they land in (the first of their menu), the apps they see.
ROLES = {
    "auto_crm_leads.user_consultant1_demo": (CRM, {CRM, LOYALTY}),
    "auto_crm_leads.user_sales_manager_demo": (CRM, {CRM, LOYALTY}),
    "auto_aftersales.user_service_advisor_demo": (AFTERSALES, {AFTERSALES, LOYALTY}),
    "auto_aftersales.user_parts_clerk_demo": (AFTERSALES, {AFTERSALES}),
    "auto_crm_leads.user_call_agent_demo": (CRM, {CRM, AFTERSALES, LOYALTY}),
    "auto_club.user_club_manager_demo": (CLUB, {CLUB, "event.event_main_menu"}),
    "auto_crm_leads.user_data_officer_demo": (CRM, {CRM}),
}


@tagged("post_install", "-at_install")
class TestStaffApps(TransactionCase):
    """Each demo role lands in its own app and sees only the apps it works
    in, as the web client loads them (ir.ui.menu.load_menus)."""

    def _apps(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return [menus[menu_id]["xmlid"] for menu_id in menus["root"]["children"]]

    def _menu_actions(self, user):
        """(action, its model as the user with the action's context, its
        domain) of each window action of the user's menus, evaluated as the
        web client does."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        actions = self.env["ir.actions.act_window"].browse(
            {
                int(menu["action"].split(",")[1])
                for menu in menus.values()
                if (menu.get("action") or "").startswith("ir.actions.act_window,")
            }
        )
        values = {
            "uid": user.id,
            "allowed_company_ids": user.company_ids.ids,
            "context_today": date.today,
            "relativedelta": relativedelta,
            "datetime": datetime,
        }
        for action in actions:
            context = safe_eval(action.context or "{}", values)
            yield (
                action,
                self.env(user=user, context=context)[action.res_model],
                safe_eval(action.domain or "[]", values),
            )

    def test_each_demo_role_sees_its_apps(self):
        for xmlid, (landing, apps) in ROLES.items():
            user = self.env.ref(xmlid)
            with self.subTest(user=user.login):
                seen = self._apps(user)
                self.assertEqual(set(seen), apps | COMMON)
                self.assertEqual(seen[0], landing, "the web client opens the first")
                self.assertFalse(user.action_id, "no home action overrides it")

    def test_every_report_opens_for_the_roles_that_see_it(self):
        """Each pivot and graph a role reaches from its menus loads, through
        the RPC layer as the web client calls it (read_group, a model method)."""
        opened = 0
        for xmlid in ROLES:
            user = self.env.ref(xmlid)
            for action, Model, domain in self._menu_actions(user):
                if not {"pivot", "graph"} & set(action.view_mode.split(",")):
                    continue
                with self.subTest(user=user.login, action=action.name):
                    api.call_kw(
                        Model,
                        "read_group",
                        [],
                        {"domain": domain, "fields": ["__count"], "groupby": []},
                    )
                    opened += 1
        self.assertGreater(opened, 10, "the roles' reports were all opened")

    def test_every_screen_opens_for_the_roles_that_see_it(self):
        """Each list, kanban and calendar a role reaches from its menus loads
        its first page as the web client asks for it (the view, then
        web_search_read of the view's fields, as that user)."""
        opened = 0
        for xmlid in ROLES:
            user = self.env.ref(xmlid)
            for action, Model, domain in self._menu_actions(user):
                views = {
                    mode: view_id
                    for view_id, mode in action.views
                    if mode in ("list", "kanban", "calendar")
                }
                for mode, view_id in views.items():
                    with self.subTest(user=user.login, action=action.name, view=mode):
                        result = Model.get_views([(view_id, mode)])
                        names = result["models"][action.res_model]["fields"]
                        arch = etree.fromstring(result["views"][mode]["arch"])
                        shown = {
                            node.get("name")
                            for node in arch.iter("field")
                            if node.get("name") in names
                        }
                        Model.web_search_read(
                            domain, {name: {} for name in shown}, limit=80
                        )
                        opened += 1
        self.assertGreater(opened, 50, "the roles' screens were all opened")

    def test_the_data_officer_lands_on_the_customers(self):
        """Not on a sales pipeline they may not read (Odoo's sample leads)."""
        officer = self.env.ref("auto_crm_leads.user_data_officer_demo")
        menus = self.env["ir.ui.menu"].with_user(officer).load_menus(debug=False)
        menu = menus[menus["root"]["children"][0]]
        while not menu["action"]:  # the web client opens the first leaf
            menu = menus[menu["children"][0]]
        customers = self.env.ref("auto_crm_leads.res_partner_action_customer")
        self.assertEqual(menu["action"], f"ir.actions.act_window,{customers.id}")

    def test_the_manager_opens_the_stores_pipeline(self):
        """The showroom manager's team pipeline shows the store's open leads
        of every consultant, not the manager's own (none: sample data)."""
        manager = self.env.ref("auto_crm_leads.user_sales_manager_demo")
        action = self.env.ref("auto_crm_leads.crm_lead_action_team_pipeline")
        menus = self.env["ir.ui.menu"].with_user(manager).load_menus(debug=False)
        self.assertIn(
            f"ir.actions.act_window,{action.id}",
            {menu.get("action") for menu in menus.values()},
        )
        context = safe_eval(action.context)
        self.assertNotIn("search_default_assigned_to_me", context)
        leads = (
            self.env["crm.lead"]
            .with_user(manager)
            .search([*safe_eval(action.domain), ("stage_id.is_won", "=", False)])
        )
        self.assertGreater(len(leads.user_id - manager), 1, "the consultants' leads")
        # Empty, a pipeline shows no made-up leads (Odoo's sample data).
        for pipeline in (
            action,
            self.env.ref("auto_crm_leads.crm_lead_action_grade_pipeline"),
        ):
            for view_id, mode in pipeline.views:
                if mode in ("kanban", "list"):
                    arch = self.env["crm.lead"].get_views([(view_id, mode)])["views"]
                    root = etree.fromstring(arch[mode]["arch"])
                    self.assertNotEqual(root.get("sample"), "1", (pipeline.name, mode))

    def test_odoo_users_keep_odoo_apps(self):
        """Hiding Odoo's apps is for the dealer roles: a salesman of crm who
        has no dealer role still has crm's CRM."""
        salesman = new_test_user(
            self.env, login="plain_salesman", groups="sales_team.group_sale_salesman"
        )
        self.assertIn("crm.crm_menu_root", self._apps(salesman))
        consultant = new_test_user(
            self.env,
            login="new_consultant",
            groups="auto_crm_leads.group_auto_sales_consultant",
        )
        self.assertNotIn("crm.crm_menu_root", self._apps(consultant))
        self.assertEqual(self._apps(consultant)[0], CRM)
