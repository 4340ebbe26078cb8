from odoo import api, models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def _auto_dealer_role_groups(self):
        return [
            *super()._auto_dealer_role_groups(),
            "auto_loyalty.group_auto_loyalty_manager",
        ]
