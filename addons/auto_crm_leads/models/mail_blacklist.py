from odoo import api, models


class MailBlacklist(models.Model):
    """An address put on the e-mail opt-out list (an unsubscribe link, by
    hand) withdraws its customers' e-mail marketing consents."""

    _inherit = "mail.blacklist"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered("active")._auto_withdraw_consents()
        return records

    def write(self, vals):
        result = super().write(vals)
        if vals.get("active"):
            self._auto_withdraw_consents()
        return result

    def _auto_withdraw_consents(self):
        if self and not self.env.context.get("auto_consent_from_blacklist"):
            partners = (
                self.env["res.partner"]
                .sudo()
                .search([("email_normalized", "in", self.mapped("email"))])
            )
            partners._auto_withdraw_marketing("mail")
