from odoo import api, models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def _auto_dealer_role_groups(self):
        return [
            *super()._auto_dealer_role_groups(),
            "auto_aftersales.group_auto_parts_clerk",
            "auto_aftersales.group_auto_service_advisor",
        ]

    @api.model
    def _auto_staff_hidden_apps(self):
        # Advisors, parts clerks and the call centre work in After-sales: its
        # work orders, service requests and parts screens.
        return {
            **super()._auto_staff_hidden_apps(),
            "stock.menu_stock_root": ["stock.group_stock_manager"],
            "repair.menu_repair_order": ["stock.group_stock_manager"],
            "purchase.menu_purchase_root": ["purchase.group_purchase_manager"],
            "helpdesk_mgmt.helpdesk_ticket_main_menu": [
                "helpdesk_mgmt.group_helpdesk_manager"
            ],
        }
