from odoo import api, fields, models
from odoo.exceptions import UserError


class AutoConsentText(models.Model):
    """The text of a purpose's consent, versioned: each consent records the
    version the customer saw, so a version once used is never changed."""

    _name = "auto.consent.text"
    _description = "Consent Text Version"
    _order = "activity_id, version desc"

    activity_id = fields.Many2one(
        "privacy.activity",
        string="Purpose",
        required=True,
        ondelete="cascade",
        index=True,
    )
    version = fields.Integer(readonly=True, copy=False)
    body = fields.Text(string="Text", required=True)
    date_from = fields.Date(string="Valid From", default=fields.Date.context_today)
    active = fields.Boolean(default=True)
    used = fields.Boolean(
        compute="_compute_used", help="A consent was recorded with this version."
    )

    _sql_constraints = [
        (
            "version_unique",
            "UNIQUE(activity_id, version)",
            "Each version of a purpose's text has its own number.",
        ),
    ]

    @api.depends("activity_id.name", "version")
    def _compute_display_name(self):
        for text in self:
            text.display_name = self.env._(
                "%(purpose)s, version %(version)s",
                purpose=text.activity_id.name,
                version=text.version,
            )

    def _compute_used(self):
        used = {
            text.id
            for [text] in self.env["auto.consent.event"]
            .sudo()
            ._read_group([("text_id", "in", self.ids)], ["text_id"])
        }
        for text in self:
            text.used = text.id in used

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("version", None)
        texts = super().create(vals_list)
        for text in texts:
            siblings = (
                self.sudo()
                .with_context(active_test=False)
                .search(
                    [("activity_id", "=", text.activity_id.id), ("id", "!=", text.id)],
                    order="version desc",
                    limit=1,
                )
            )
            text.sudo().version = siblings.version + 1
        return texts

    def write(self, vals):
        if {"body", "activity_id", "version"} & set(vals) and not self.env.su:
            if "version" in vals or self.filtered("used"):
                raise UserError(
                    self.env._(
                        "Customers consented to this text: write a new version "
                        "instead of changing it."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.filtered("used"):
            raise UserError(
                self.env._(
                    "Customers consented to this text: archive it instead of "
                    "deleting it."
                )
            )
