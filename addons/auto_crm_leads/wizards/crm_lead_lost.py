from odoo import fields, models
from odoo.exceptions import UserError


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    auto_competitor_model_id = fields.Many2one(
        "fleet.vehicle.model",
        string="Competitor Model Bought",
        help="What the customer bought instead.",
    )

    def action_lost_reason_apply(self):
        # A person marking leads lost says why (the conversion analysis reads
        # it); crm.lead.action_set_lost() itself, called by code, does not ask.
        self.ensure_one()
        if not self.lost_reason_id:
            raise UserError(
                self.env._("Choose the lost reason before marking the leads lost.")
            )
        if self.auto_competitor_model_id:
            self.lead_ids.auto_competitor_model_id = self.auto_competitor_model_id
        return super().action_lost_reason_apply()
