from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Satisfaction (CSAT 1-5) cut-offs of the store, DOMAIN.md §3.
    auto_csat_unhappy_max = fields.Integer(
        string="CSAT Unhappy up to",
        default=2,
        help="An answer up to this score is unhappy: it opens an individual "
        "callback ticket and shows under Unhappy Customers.",
    )
    auto_csat_satisfied_min = fields.Integer(
        string="CSAT Satisfied from",
        default=4,
        help="Answers from this score on count as satisfied in the satisfaction KPIs.",
    )

    @api.constrains("auto_csat_unhappy_max", "auto_csat_satisfied_min")
    def _check_auto_csat_cut_offs(self):
        for company in self:
            if not (
                1
                <= company.auto_csat_unhappy_max
                < company.auto_csat_satisfied_min
                <= 5
            ):
                raise ValidationError(
                    self.env._(
                        "CSAT scores go from 1 to 5: the unhappy scores end "
                        "below the satisfied ones."
                    )
                )

    def _auto_csat_unhappy_scores(self):
        """The CSAT selection values this store counts as unhappy."""
        self.ensure_one()
        return [str(score) for score in range(1, self.auto_csat_unhappy_max + 1)]
