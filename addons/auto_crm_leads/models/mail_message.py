from odoo import models


class MailMessage(models.Model):
    """A message a customer e-mailed in shows their address: masked like on
    the customer."""

    _name = "mail.message"
    _inherit = ["mail.message", "auto.contact.mask.mixin"]

    def _auto_contact_fields(self):
        return {**super()._auto_contact_fields(), "email_from": "email"}

    def _auto_contact_masked_records(self):
        customers = self.author_id._auto_contact_masked_records()
        return self.filtered(
            lambda message: not message.author_id or message.author_id in customers
        )
