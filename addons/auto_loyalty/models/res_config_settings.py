from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Defaults of the loyalty settings (DOMAIN.md §4); a manager changes them in
# Settings > Loyalty, stored as ir.config_parameter "auto_loyalty.<key>".
DEFAULTS = {
    "tier_window_months": 12,
    "expiry_months": 24,
    "expiry_warning_days": 30,
    "point_value": 0.1,
    "transfer_max_points": 5000,
    "transfer_max_year": 20000,
    "rfm_method": "threshold",
    "rfm_window_months": 12,
    "rfm_r_near_days": 90,
    "rfm_r_far_days": 180,
    "rfm_f_high": 3,
    "rfm_f_low": 1,
    "rfm_m_high": 10000.0,
    "rfm_m_mid": 3000.0,
}


def loyalty_param(env, key):
    """A loyalty setting, typed like its default."""
    default = DEFAULTS[key]
    value = env["ir.config_parameter"].sudo().get_param(f"auto_loyalty.{key}")
    return type(default)(value) if value not in (None, False, "") else default


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    auto_loyalty_tier_window_months = fields.Integer(
        string="Tier Spend Window (months)",
        config_parameter="auto_loyalty.tier_window_months",
        default=DEFAULTS["tier_window_months"],
        help="Tiers follow the member's spend over this many past months.",
    )
    auto_loyalty_expiry_months = fields.Integer(
        string="Points Expire After (months)",
        config_parameter="auto_loyalty.expiry_months",
        default=DEFAULTS["expiry_months"],
    )
    auto_loyalty_expiry_warning_days = fields.Integer(
        string="Warn of Expiring Points (days)",
        config_parameter="auto_loyalty.expiry_warning_days",
        default=DEFAULTS["expiry_warning_days"],
        help="The membership card warns of the points that expire within this "
        "many days.",
    )
    auto_loyalty_point_value = fields.Float(
        string="Value of a Point",
        digits=(16, 4),
        config_parameter="auto_loyalty.point_value",
        default=DEFAULTS["point_value"],
        help="Discount in the company currency one point buys on a work order.",
    )
    auto_loyalty_transfer_max_points = fields.Integer(
        string="Points per Transfer (max)",
        config_parameter="auto_loyalty.transfer_max_points",
        default=DEFAULTS["transfer_max_points"],
    )
    auto_loyalty_transfer_max_year = fields.Integer(
        string="Points Transferred per Member per Year (max)",
        config_parameter="auto_loyalty.transfer_max_year",
        default=DEFAULTS["transfer_max_year"],
    )
    auto_loyalty_rfm_method = fields.Selection(
        [("threshold", "Thresholds"), ("quintile", "Quintiles")],
        string="RFM Scoring",
        config_parameter="auto_loyalty.rfm_method",
        default=DEFAULTS["rfm_method"],
        help="Thresholds: the limits below. Quintiles: each customer is scored 1 "
        "to 5 against all customers.",
    )
    auto_loyalty_rfm_window_months = fields.Integer(
        string="RFM Window (months)",
        config_parameter="auto_loyalty.rfm_window_months",
        default=DEFAULTS["rfm_window_months"],
        help="Frequency and monetary value count the visits of this many past "
        "months; a customer without any is lost.",
    )
    auto_loyalty_rfm_r_near_days = fields.Integer(
        string="Recent Visit (days)",
        config_parameter="auto_loyalty.rfm_r_near_days",
        default=DEFAULTS["rfm_r_near_days"],
    )
    auto_loyalty_rfm_r_far_days = fields.Integer(
        string="Distant Visit (days)",
        config_parameter="auto_loyalty.rfm_r_far_days",
        default=DEFAULTS["rfm_r_far_days"],
    )
    auto_loyalty_rfm_f_high = fields.Integer(
        string="Frequent (visits)",
        config_parameter="auto_loyalty.rfm_f_high",
        default=DEFAULTS["rfm_f_high"],
    )
    auto_loyalty_rfm_f_low = fields.Integer(
        string="Infrequent (visits)",
        config_parameter="auto_loyalty.rfm_f_low",
        default=DEFAULTS["rfm_f_low"],
    )
    auto_loyalty_rfm_m_high = fields.Float(
        string="High Spend",
        config_parameter="auto_loyalty.rfm_m_high",
        default=DEFAULTS["rfm_m_high"],
    )
    auto_loyalty_rfm_m_mid = fields.Float(
        string="Medium Spend",
        config_parameter="auto_loyalty.rfm_m_mid",
        default=DEFAULTS["rfm_m_mid"],
    )

    auto_winback_purpose_id = fields.Many2one(
        related="company_id.auto_winback_purpose_id",
        readonly=False,
        domain="[('company_id', 'in', [company_id, False])]",
    )

    @api.constrains(
        "auto_loyalty_rfm_r_near_days",
        "auto_loyalty_rfm_r_far_days",
        "auto_loyalty_rfm_f_high",
        "auto_loyalty_rfm_f_low",
        "auto_loyalty_rfm_m_high",
        "auto_loyalty_rfm_m_mid",
    )
    def _check_auto_loyalty_rfm_thresholds(self):
        for settings in self:
            if (
                settings.auto_loyalty_rfm_r_near_days
                >= settings.auto_loyalty_rfm_r_far_days
                or settings.auto_loyalty_rfm_f_low >= settings.auto_loyalty_rfm_f_high
                or settings.auto_loyalty_rfm_m_mid >= settings.auto_loyalty_rfm_m_high
            ):
                raise ValidationError(
                    self.env._(
                        "RFM thresholds must rise: recent before distant, "
                        "infrequent below frequent, medium spend below high spend."
                    )
                )
