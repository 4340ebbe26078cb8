from odoo import fields, models


class AutoLoyaltyMove(models.Model):
    _inherit = "auto.loyalty.move"

    # Seats paid in points and attendance points point at the registration.
    source_ref = fields.Reference(
        selection_add=[("event.registration", "Event Registration")]
    )
