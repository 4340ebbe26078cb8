from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    auto_club_member_ids = fields.One2many(
        "auto.club.member", "partner_id", string="Club Memberships"
    )
