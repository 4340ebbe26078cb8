from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_winback_purpose_id = fields.Many2one(
        "privacy.activity",
        string="Win-back Purpose",
        required=True,
        ondelete="restrict",
        domain="[('company_id', 'in', [id, False])]",
        # Given too to the companies there when the module is installed: the
        # ORM fills the new required column with the default.
        default=lambda self: self.env.ref(
            "auto_crm_leads.privacy_activity_telemarketing", raise_if_not_found=False
        ),
        help="What a win-back call to a customer who went quiet is for, in the "
        "register of purposes: it is planned only for customers whose consent "
        "covers it on the win-back activity's channel.",
    )
