from odoo import models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    def _retrieve_dashboard(self):
        """The dashboard's figures are named in helpdesk_mgmt's code, which
        only helpdesk_mgmt's own files translate (it ships no Chinese): name
        them here, in the suite's terms."""
        names = {
            "helpdesk_mgmt.helpdesk_ticket_action_unassigned": self.env._(
                "Open Tickets without team"
            ),
            "helpdesk_mgmt.helpdesk_ticket_action_opened": self.env._("Open Tickets"),
        }
        sections = super()._retrieve_dashboard()
        for section in sections:
            section["name"] = names.get(section.get("action"), section["name"])
        return sections
