from odoo import api, models


class IrUiMenu(models.Model):
    """The dealership's staff see the apps they work in. Their roles imply
    Odoo's groups for the access rights they need (a sales consultant is a
    salesman of crm, hence a registration desk of event_sale), and those
    groups open Odoo's own apps too: a second CRM, Sales, Events... For the
    users of a dealer role, such an app is left out of the app menu unless
    they also hold the group that runs it. Users without a dealer role see
    Odoo's menus as Odoo made them."""

    _inherit = "ir.ui.menu"

    @api.model
    def _auto_dealer_role_groups(self):
        """The groups of the suite's roles (xmlids); each addon adds its own."""
        return [
            "auto_crm_leads.group_auto_sales_consultant",
            "auto_crm_leads.group_auto_data_officer",
            "auto_crm_leads.group_auto_call_agent",
            "auto_crm_leads.group_auto_oem_dispatcher",
        ]

    @api.model
    def _auto_staff_hidden_apps(self):
        """Odoo's apps a dealer role does not work in: root menu xmlid -> the
        groups that keep it in their app menu. Each addon adds the apps its
        roles' implied groups open."""
        return {
            "crm.crm_menu_root": ["sales_team.group_sale_manager"],
            "sale.sale_menu_root": ["sales_team.group_sale_manager"],
            "event.event_main_menu": ["event.group_event_user"],
            "contacts.menu_contacts": ["base.group_partner_manager"],
            # base_install_request opens Apps to every user, to request modules.
            "base.menu_management": ["base.group_system"],
            "spreadsheet_dashboard.spreadsheet_dashboard_menu_root": [
                "base.group_system"
            ],
        }

    @api.model
    def _auto_hidden_app_ids(self):
        user = self.env.user
        if not any(
            user.has_group(group)
            for group in self._auto_dealer_role_groups()
            if self.env.ref(group, raise_if_not_found=False)
        ):
            return set()
        hidden = set()
        for xmlid, keepers in self._auto_staff_hidden_apps().items():
            menu = self.env.ref(xmlid, raise_if_not_found=False)
            if menu and not any(
                user.has_group(group)
                for group in keepers
                if self.env.ref(group, raise_if_not_found=False)
            ):
                hidden.add(menu.id)
        return hidden

    @api.model
    @api.returns("self")
    def get_user_roots(self):
        roots = super().get_user_roots()
        hidden = self._auto_hidden_app_ids()
        return roots.filtered(lambda menu: menu.id not in hidden) if hidden else roots
