import re

from odoo import api, fields, models
from odoo.tools import SQL

# Chinese mobile numbers have 11 digits; comparing the last 11 digits ignores
# the +86 / 0086 prefixes and any spaces or dashes.
PHONE_KEY_DIGITS = 11


class ResPartner(models.Model):
    _inherit = "res.partner"

    auto_repair_ids = fields.One2many(
        "repair.order", "partner_id", string="Service History"
    )

    @api.model
    def _auto_find_by_phone(self, phone):
        """Customers whose phone or mobile is the caller's number."""
        digits = re.sub(r"\D", "", phone or "")
        if len(digits) < 7:
            return self.browse()
        key = digits[-PHONE_KEY_DIGITS:]
        self.env["res.partner"].flush_model(["phone", "mobile"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM res_partner
                 WHERE active
                   AND (right(regexp_replace(phone, '\\D', '', 'g'), %(n)s) = %(key)s
                     OR right(regexp_replace(mobile, '\\D', '', 'g'), %(n)s) = %(key)s)
                """,
                n=len(key),
                key=key,
            )
        )
        return self.search([("id", "in", [row[0] for row in self.env.cr.fetchall()])])
