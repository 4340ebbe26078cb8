from odoo import api, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _auto_escalation_managers(self):
        return {
            **super()._auto_escalation_managers(),
            "helpdesk.ticket": "helpdesk_mgmt.group_helpdesk_manager",
        }
