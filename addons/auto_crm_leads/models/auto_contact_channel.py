from odoo import fields, models

# The partner fields that hold a customer's address on each channel; a
# channel without one here (WeChat: the official account knows the follower)
# is not checked for an address.
CHANNEL_ADDRESS_FIELDS = {
    "email": ("email_normalized",),
    "sms": ("auto_mobile_key", "auto_phone_key"),
    "phone": ("auto_mobile_key", "auto_phone_key"),
}


class AutoContactChannel(models.Model):
    """A way of reaching the customer (客户触达渠道): consent is given or
    withdrawn per purpose and per channel."""

    _name = "auto.contact.channel"
    _description = "Contact Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical key the contact paths ask for: phone, sms, wechat, email.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    blacklist = fields.Selection(
        [("mail", "E-mail opt-out list"), ("phone", "Phone opt-out list")],
        string="Opt-out List",
        help="Odoo's opt-out list kept in step with the marketing consents on "
        "this channel.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Each channel has its own code."),
    ]

    def _auto_address_fields(self):
        self.ensure_one()
        return CHANNEL_ADDRESS_FIELDS.get(self.code, ())
