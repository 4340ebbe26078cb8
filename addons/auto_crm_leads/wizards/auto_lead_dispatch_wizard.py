from odoo import api, fields, models
from odoo.exceptions import UserError


class AutoLeadDispatchWizard(models.TransientModel):
    _name = "auto.lead.dispatch.wizard"
    _description = "Dispatch Leads to a Dealer"

    lead_ids = fields.Many2many("crm.lead", string="Leads", required=True)
    dealer_company_id = fields.Many2one("res.company", string="Dealer", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "lead_ids" in fields_list
            and self.env.context.get("active_model") == "crm.lead"
        ):
            values["lead_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))
            ]
        return values

    def action_dispatch(self):
        self.ensure_one()
        leads = self.lead_ids.filtered("active")
        if not leads:
            raise UserError(self.env._("Lost or archived leads cannot be dispatched."))
        # The dispatcher may move leads they can edit out of their own company.
        leads.check_access("write")
        # They land in the dealer's pool: its sales manager assigns a consultant.
        leads.sudo().write(
            {
                "company_id": self.dealer_company_id.id,
                "team_id": False,
                "user_id": False,
                "source_id": self.env.ref("auto_crm_leads.utm_source_oem").id,
            }
        )
        # The customer goes with the lead: the dealer's from now on.
        leads.partner_id.filtered(
            lambda partner: (
                not partner.company_id or partner.company_id == self.env.company
            )
        ).sudo().write({"company_id": self.dealer_company_id.id, "user_id": False})
        # The dispatch log is the system's record of what was handed over.
        dispatches = (
            self.env["auto.lead.dispatch"]
            .sudo()
            .create(
                [
                    {
                        "lead_id": lead.id,
                        "dealer_company_id": self.dealer_company_id.id,
                        "company_id": self.env.company.id,
                        "dispatched_by_id": self.env.user.id,
                    }
                    for lead in leads
                ]
            )
        )
        # For the dealer the lead is new: the first-touch clock starts now.
        leads.sudo()._auto_start_cadence(new=True)
        return {
            "type": "ir.actions.act_window",
            "res_model": "auto.lead.dispatch",
            "name": self.env._("Dispatched Leads"),
            "view_mode": "list,form",
            "domain": [("id", "in", dispatches.ids)],
        }
