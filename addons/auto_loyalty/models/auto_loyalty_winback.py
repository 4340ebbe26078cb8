from odoo import fields, models

from odoo.addons.auto_crm_leads.tools.consent import SKIP_REASONS


class AutoLoyaltyWinback(models.Model):
    """A churn episode (流失预警): opened when the RFM scheduler moves a
    customer into "sleeping" or "lost", recalled when they visit again. The
    recalled share of episodes is the lost-customer recall rate."""

    _name = "auto.loyalty.winback"
    _inherit = ["auto.system.fields.mixin"]
    _description = "Customer Win-back"
    _order = "date_start desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    segment = fields.Selection(
        [("sleeping", "Sleeping"), ("lost", "Lost")], required=True
    )
    user_id = fields.Many2one("res.users", string="Followed Up By", index=True)
    date_start = fields.Date(string="Flagged On", required=True)
    last_visit = fields.Date(string="Last Visit Before")
    date_recalled = fields.Date(string="Came Back On")
    state = fields.Selection(
        [("open", "Open"), ("recalled", "Recalled")],
        default="open",
        required=True,
        index=True,
    )
    recalled = fields.Integer(
        string="Recalled (%)",
        help="100 for a recalled customer, 0 otherwise: its average is the "
        "lost-customer recall rate.",
        aggregator="avg",
    )

    skip_reason = fields.Selection(
        SKIP_REASONS,
        string="Not Called Because",
        readonly=True,
        help="The win-back call was not planned: the customer's consent to "
        "telemarketing does not cover the call.",
    )
    skip_channel_id = fields.Many2one(
        "auto.contact.channel", string="Not Called On", readonly=True
    )

    def _auto_system_fields(self):
        # The scheduler opens and recalls episodes: the recall rate is a KPI.
        return super()._auto_system_fields() | {
            "partner_id",
            "segment",
            "date_start",
            "last_visit",
            "date_recalled",
            "state",
            "recalled",
            "skip_reason",
            "skip_channel_id",
        }

    def init(self):
        # One open episode per customer: re-running the scheduler plans nothing new.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS auto_loyalty_winback_open_uniq
                ON auto_loyalty_winback (partner_id) WHERE state = 'open'
            """
        )
