from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PrivacyActivity(models.Model):
    """The register of processing purposes (个人信息处理目的): OCA's data
    processing activity, with what PIPL asks the dealer to say per purpose."""

    _inherit = "privacy.activity"

    auto_legal_basis = fields.Selection(
        [
            ("consent", "Consent (PIPL art. 13(1))"),
            ("contract", "Necessary for a contract (art. 13(2))"),
            ("legal_obligation", "Legal duty or obligation (art. 13(3))"),
            ("vital_interest", "Protect life, health or property (art. 13(4))"),
            ("public", "Information already made public (art. 13(6))"),
        ],
        string="Legal Basis",
        default="consent",
        required=True,
        tracking=True,
    )
    auto_data_categories = fields.Text(
        string="Personal Data Processed",
        translate=True,
        help="What personal data the purpose uses: name, mobile, vehicle, "
        "identity number...",
    )
    auto_retention_months = fields.Integer(
        string="Retention (months)",
        default=36,
        tracking=True,
        help="How long the data of this purpose is kept after the last "
        "contact; 0 keeps it as long as the law requires for the contract.",
    )
    auto_retention_lost_leads = fields.Boolean(
        string="Retention Applies to Lost Leads",
        help="Lost leads past the retention period whose customer did not "
        "consent to this purpose are anonymised every night, and prospects "
        "with nothing else at the dealership are erased.",
    )
    auto_third_parties = fields.Text(
        string="Third Parties",
        translate=True,
        help="Who receives the data besides the dealership (the manufacturer, "
        "a finance or insurance partner), each needing a separate consent.",
    )
    auto_is_marketing = fields.Boolean(
        string="Marketing",
        tracking=True,
        help="Marketing purposes reach only customers who consented, on that "
        "channel. Recall notices and messages a contract needs are not "
        "marketing: they go out unless the customer objected.",
    )
    auto_sensitive = fields.Boolean(
        string="Sensitive Data",
        help="Sensitive personal data (identity numbers) or sharing with third "
        "parties: asked for separately, never bundled with other purposes.",
    )
    auto_channel_ids = fields.Many2many(
        "auto.contact.channel",
        string="Channels",
        help="The channels this purpose reaches the customer on; consent is "
        "recorded per channel.",
    )
    auto_text_ids = fields.One2many(
        "auto.consent.text", "activity_id", string="Consent Texts"
    )
    auto_text_id = fields.Many2one(
        "auto.consent.text",
        string="Current Text",
        compute="_compute_auto_text_id",
        help="The latest version of the text customers are shown.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        help="Leave empty for a purpose every store of the group shares.",
    )

    @api.depends("auto_text_ids.version", "auto_text_ids.active")
    def _compute_auto_text_id(self):
        for activity in self:
            texts = activity.auto_text_ids.sorted("version", reverse=True)
            activity.auto_text_id = texts[:1]

    @api.constrains("auto_is_marketing", "auto_legal_basis", "default_consent")
    def _check_auto_marketing_consent(self):
        for activity in self.filtered("auto_is_marketing"):
            if activity.auto_legal_basis != "consent" or activity.default_consent:
                raise ValidationError(
                    self.env._(
                        "%(purpose)s is marketing: its legal basis is the "
                        "customer's consent, never assumed by default.",
                        purpose=activity.display_name,
                    )
                )

    @api.model
    def _auto_get(self, purpose):
        """A purpose from its record or its XML id."""
        if isinstance(purpose, str):
            return self.env.ref(purpose)
        purpose.ensure_one()
        return purpose
