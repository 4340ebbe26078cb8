from odoo import api, models


class PhoneBlacklist(models.Model):
    """A number put on the phone opt-out list withdraws its customers' SMS and
    phone-call marketing consents."""

    _inherit = "phone.blacklist"

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
            numbers = self.mapped("number")
            partners = (
                self.env["res.partner"]
                .sudo()
                .search(
                    [
                        "|",
                        ("auto_mobile_key", "in", numbers),
                        ("auto_phone_key", "in", numbers),
                    ]
                )
            )
            partners._auto_withdraw_marketing("phone")
