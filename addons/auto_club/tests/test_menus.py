from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import AutoClubCommon

APPS = (
    "auto_crm_leads.menu_auto_crm_root",
    "auto_aftersales.menu_auto_aftersales_root",
    "auto_loyalty.menu_auto_loyalty_root",
    "auto_club.menu_auto_club_root",
)


@tagged("post_install", "-at_install")
class TestMenus(AutoClubCommon):
    """Every screen of the suite a role reaches by its menus opens for it:
    the views load, and the first page of records reads without an access
    error in each of them, their forms included."""

    def _open_menu_actions(self, user):
        Menu = self.env["ir.ui.menu"]
        visible = Menu.with_user(user)._visible_menu_ids()
        roots = Menu.browse([self.env.ref(xmlid).id for xmlid in APPS])
        # A menu shows when it and every menu above it are visible.
        menus = Menu.search(
            [("id", "child_of", roots.ids), ("id", "in", list(visible))]
        ).filtered(lambda m: set(map(int, m.parent_path.split("/")[:-1])) <= visible)
        opened = 0
        for menu in menus.filtered(
            lambda m: m.action and m.action._name == "ir.actions.act_window"
        ):
            action = menu.action
            Model = self.env[action.res_model].with_user(user)
            # The list's records open in the form: read what it shows too.
            view_modes = [mode for _view, mode in action.views]
            form = [] if "form" in view_modes else [(False, "form")]
            views = Model.get_views(action.views + form)
            fields_info = views["models"][action.res_model]["fields"]
            with self.subTest(user=user.login, menu=menu.complete_name):
                # Nothing another role computed: each reads as in its request.
                self.env.invalidate_all()
                records = Model.search_fetch(
                    safe_eval(action.domain or "[]", {"uid": user.id}), [], limit=5
                )
                for mode in set(views["views"]) - {"search"}:
                    # What each view reads: its own fields (not those of the
                    # lists inside it), one level deep.
                    arch = etree.fromstring(views["views"][mode]["arch"])
                    spec = {
                        node.get("name"): {}
                        for node in arch.xpath("//field[not(ancestor::field)]")
                        if node.get("name") in fields_info
                    }
                    records.web_read(spec)
            opened += 1
        return opened

    def test_each_role_opens_its_screens(self):
        roles = (
            self.consultant_a,
            self.sales_manager,
            self.call_agent,
            self.data_officer,
            self.advisor,
            self.clerk,
            self.aftersales_manager,
            self.loyalty_admin,
            self.club_manager,
        )
        for user in roles:
            self.assertTrue(self._open_menu_actions(user), user.login)
