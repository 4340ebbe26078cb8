from odoo import models


class MailBlacklist(models.Model):
    """An address put on the e-mail opt-out list withdraws its customers'
    e-mail marketing consents."""

    _name = "mail.blacklist"
    _inherit = ["auto.blacklist.consent.mixin", "mail.blacklist"]

    _auto_consent_blacklist = "mail"

    def _auto_consent_partner_domain(self):
        return [("email_normalized", "in", self.mapped("email"))]
