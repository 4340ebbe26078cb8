from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    auto_channel_id = fields.Many2one(
        "auto.contact.channel",
        string="Contact Channel",
        ondelete="restrict",
        help="How an activity of this type reaches the customer (the advisor "
        "calls, sends an SMS...): the schedulers plan it only for customers "
        "whose consent covers this channel. Empty: a phone call.",
    )

    def _auto_contact_channel(self):
        """The channel an activity of this type contacts the customer on."""
        self.ensure_one()
        return self.auto_channel_id or self.env.ref(
            "auto_crm_leads.auto_contact_channel_phone"
        )
