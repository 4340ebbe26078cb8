from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    auto_repair_ids = fields.One2many(
        "repair.order", "partner_id", string="Service History"
    )

    def _auto_contact_masked_records(self):
        # A parts supplier's numbers are the parts clerk's to call.
        return (
            super()
            ._auto_contact_masked_records()
            .filtered(lambda partner: not partner.supplier_rank)
        )
