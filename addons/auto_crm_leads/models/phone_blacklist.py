from odoo import models


class PhoneBlacklist(models.Model):
    """A number put on the phone opt-out list withdraws its customers' SMS and
    phone-call marketing consents."""

    _name = "phone.blacklist"
    _inherit = ["auto.blacklist.consent.mixin", "phone.blacklist"]

    _auto_consent_blacklist = "phone"

    def _auto_consent_partner_domain(self):
        numbers = self.mapped("number")
        return [
            "|",
            ("auto_mobile_key", "in", numbers),
            ("auto_phone_key", "in", numbers),
        ]
