from odoo import fields, models
from odoo.exceptions import AccessError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


class AutoPersonalDataAccess(models.Model):
    """Who saw a customer's identity number or phone in full, and when
    (个人信息访问记录). Written by the system only, never changed or deleted."""

    _name = "auto.personal.data.access"
    _description = "Personal Data Access Log"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="User", required=True, readonly=True, ondelete="restrict"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    revealed_fields = fields.Char(string="Data Revealed", readonly=True)
    method = fields.Selection(
        [("reveal", "Reveal button"), ("read", "Read"), ("export", "Export")],
        string="How",
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        readonly=True,
        index=True,
    )

    def write(self, vals):
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            raise AccessError(self._auto_log_error())
        return super().write(vals)

    def unlink(self):
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            raise AccessError(self._auto_log_error())
        return super().unlink()

    def _auto_log_error(self):
        return self.env._("The personal data access log cannot be changed.")
