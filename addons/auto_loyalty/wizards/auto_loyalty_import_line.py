from odoo import fields, models


class AutoLoyaltyImportLine(models.TransientModel):
    _name = "auto.loyalty.import.line"
    _description = "Points Import Row"
    _order = "row"

    wizard_id = fields.Many2one(
        "auto.loyalty.import.wizard", required=True, ondelete="cascade"
    )
    row = fields.Integer(string="Line")
    customer = fields.Char(string="Card or Phone")
    partner_id = fields.Many2one("res.partner", string="Member")
    points = fields.Integer()
    expiry_date = fields.Date(string="Expires On")
    reference = fields.Char()
    error = fields.Char()
