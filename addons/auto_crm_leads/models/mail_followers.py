from odoo import models


class MailFollowers(models.Model):
    """A record's followers list shows their e-mails: a customer's is masked
    like on the customer."""

    _name = "mail.followers"
    _inherit = ["mail.followers", "auto.contact.mask.mixin"]

    def _auto_contact_fields(self):
        return {**super()._auto_contact_fields(), "email": "email"}

    def _auto_contact_masked_records(self):
        customers = self.partner_id._auto_contact_masked_records()
        return self.filtered(lambda follower: follower.partner_id in customers)
