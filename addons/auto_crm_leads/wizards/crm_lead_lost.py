from odoo import fields, models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    auto_competitor_model_id = fields.Many2one(
        "fleet.vehicle.model",
        string="Competitor Model Bought",
        help="What the customer bought instead.",
    )

    def action_lost_reason_apply(self):
        self.ensure_one()
        if self.auto_competitor_model_id:
            self.lead_ids.auto_competitor_model_id = self.auto_competitor_model_id
        return super().action_lost_reason_apply()
