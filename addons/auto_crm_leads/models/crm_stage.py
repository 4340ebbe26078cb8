from odoo import api, models, tools


class CrmStage(models.Model):
    _inherit = "crm.stage"

    @api.model
    @tools.ormcache()
    def _auto_won_stage_ids(self):
        """The won stages. Read on every lead created, to leave won leads out
        of the cadence: cached until a stage is added, removed or changes
        whether it is won."""
        return frozenset(self.sudo().search([("is_won", "=", True)]).ids)

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if "is_won" in vals:
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
