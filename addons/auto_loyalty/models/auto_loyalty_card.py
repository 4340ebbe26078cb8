from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .auto_loyalty_earn_rule import scope_matches
from .res_config_settings import loyalty_param


class AutoLoyaltyCard(models.Model):
    _name = "auto.loyalty.card"
    _description = "Membership Card"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "auto.system.fields.mixin"]
    _order = "join_date desc, id desc"
    _rec_names_search = ["name", "partner_id"]

    name = fields.Char(
        string="Card Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        related="partner_id.user_id", string="Salesperson", store=True, index=True
    )
    company_id = fields.Many2one(
        "res.company",
        string="Issued By",
        required=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("active", "Active"), ("suspended", "Suspended"), ("closed", "Closed")],
        default="active",
        required=True,
        tracking=True,
    )
    join_date = fields.Date(
        string="Joined On", required=True, default=fields.Date.context_today
    )
    tier_id = fields.Many2one(
        "auto.loyalty.tier",
        string="Tier",
        readonly=True,
        tracking=True,
        index=True,
        group_expand="_read_group_tier_id",
    )
    tier_date = fields.Date(string="Tier Since", readonly=True)
    tier_check_date = fields.Date(
        readonly=True, copy=False, help="When the tier scheduler last looked."
    )
    spend_amount = fields.Monetary(
        string="Spend in Tier Window",
        readonly=True,
        help="Spend over the tier window at the last tier review.",
    )
    # Maintained by the ledger in the same statement as each move, under the
    # CHECK below: two concurrent redemptions cannot both spend the last points.
    points_balance = fields.Integer(
        string="Points", required=True, default=0, readonly=True, copy=False
    )
    move_ids = fields.One2many("auto.loyalty.move", "card_id", string="Points Ledger")
    tier_history_ids = fields.One2many(
        "auto.loyalty.tier.history", "card_id", string="Tier History"
    )
    color = fields.Integer(related="tier_id.color")

    _sql_constraints = [
        ("partner_uniq", "unique(partner_id)", "A customer has one membership card."),
        ("name_uniq", "unique(name)", "Card numbers are unique."),
        (
            "points_balance_not_negative",
            "CHECK(points_balance >= 0)",
            "A points balance cannot go negative.",
        ),
    ]

    def _auto_system_fields(self):
        # Balances follow the ledger and tiers the spend, nothing else.
        return super()._auto_system_fields() | {
            "user_id",
            "points_balance",
            "tier_id",
            "spend_amount",
            "tier_date",
            "tier_check_date",
        }

    @api.model
    def _read_group_tier_id(self, tiers, domain):
        return tiers.search([])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("auto.loyalty.card")
        cards = super().create(vals_list)
        cards._auto_recompute_tiers()
        return cards

    def write(self, vals):
        if "partner_id" in vals and not self.env.su:
            raise UserError(
                self.env._(
                    "A membership card stays its member's: transfer the points "
                    "to the other member's card instead."
                )
            )
        return super().write(vals)

    def action_suspend(self):
        self.write({"state": "suspended"})

    def action_close(self):
        self.write({"state": "closed"})

    def action_activate(self):
        self.write({"state": "active"})

    def _auto_wizard_action(self, xml_id):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["context"] = {"default_card_id": self.id}
        return action

    def action_redeem(self):
        return self._auto_wizard_action(
            "auto_loyalty.auto_loyalty_redeem_wizard_action"
        )

    def action_transfer(self):
        return self._auto_wizard_action(
            "auto_loyalty.auto_loyalty_transfer_wizard_action"
        )

    # Tiers (会员等级) -----------------------------------------------------

    @api.model
    def _cron_auto_recompute_tiers(self, batch_size=10000):
        """Review the tier of every active card once a day, a batch at a
        time; the cron runner runs the next batch while cards are left."""
        today = fields.Date.context_today(self)
        cards = self.search(
            [
                ("state", "=", "active"),
                "|",
                ("tier_check_date", "=", False),
                ("tier_check_date", "<", today),
            ],
            limit=batch_size,
            order="id",
        )
        cards._auto_recompute_tiers()
        self.env["ir.cron"]._auto_notify_batch(len(cards), batch_size)
        return len(cards)

    def _auto_recompute_tiers(self):
        """Move these cards to the highest tier their spend over the window
        reaches, up or down, and log every change: one statement."""
        if not self:
            return
        today = fields.Date.context_today(self)
        since = today - relativedelta(
            months=loyalty_param(self.env, "tier_window_months")
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH member AS (
                    SELECT id, partner_id, tier_id FROM auto_loyalty_card
                     WHERE id = ANY(%(ids)s) AND state = 'active'
                ), spend AS (
                    SELECT visit.partner_id, sum(visit.amount) AS amount
                      FROM (%(visits)s) visit
                     WHERE visit.day >= %(since)s
                     GROUP BY visit.partner_id
                ), target AS (
                    SELECT member.id, member.tier_id AS old_tier_id,
                           COALESCE(spend.amount, 0) AS amount,
                           (SELECT tier.id FROM auto_loyalty_tier tier
                             WHERE tier.active
                               AND tier.min_spend <= COALESCE(spend.amount, 0)
                             ORDER BY tier.min_spend DESC LIMIT 1) AS new_tier_id
                      FROM member
                      LEFT JOIN spend ON spend.partner_id = member.partner_id
                ), changed AS (
                    UPDATE auto_loyalty_card card
                       SET tier_id = target.new_tier_id,
                           spend_amount = target.amount,
                           tier_check_date = %(today)s,
                           tier_date = CASE
                               WHEN card.tier_id IS DISTINCT FROM target.new_tier_id
                               THEN %(today)s ELSE card.tier_date END
                      FROM target
                     WHERE card.id = target.id
                 RETURNING card.id, target.old_tier_id, target.new_tier_id,
                           target.amount
                )
                INSERT INTO auto_loyalty_tier_history (
                    card_id, old_tier_id, new_tier_id, date, spend_amount, reason,
                    create_uid, create_date, write_uid, write_date)
                SELECT changed.id, changed.old_tier_id, changed.new_tier_id,
                       %(today)s, changed.amount,
                       CASE WHEN changed.old_tier_id IS NULL THEN 'join'
                            WHEN COALESCE(new_tier.min_spend, -1)
                                 > old_tier.min_spend THEN 'upgrade'
                            ELSE 'downgrade' END,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM changed
                  LEFT JOIN auto_loyalty_tier old_tier
                         ON old_tier.id = changed.old_tier_id
                  LEFT JOIN auto_loyalty_tier new_tier
                         ON new_tier.id = changed.new_tier_id
                 WHERE changed.old_tier_id IS DISTINCT FROM changed.new_tier_id
                """,
                ids=self.ids,
                visits=self.env["res.partner"]._auto_visits_query(
                    SQL("SELECT partner_id FROM member")
                ),
                since=since,
                today=today,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
        self.invalidate_recordset(
            [
                "tier_id",
                "spend_amount",
                "tier_check_date",
                "tier_date",
                "tier_history_ids",
            ]
        )

    # Earning (积分累计) ----------------------------------------------------

    def _auto_earn(self, source, lines, service_type=False, day=None):
        """Credit the points ``lines`` [(product, amount before tax)] of the
        ``source`` document earn, by the first matching rule and every running
        campaign; once per document (the ledger refuses a second earn)."""
        self.ensure_one()
        if self.state != "active":
            return self.env["auto.loyalty.move"]
        Move = self.env["auto.loyalty.move"].sudo()
        reference = f"{source._name},{source.id}"
        if Move.search_count(
            [
                ("card_id", "=", self.id),
                ("move_type", "=", "earn"),
                ("source_ref", "=", reference),
            ],
            limit=1,
        ):
            return Move
        day = day or fields.Date.context_today(self)
        company = source.company_id or self.env.company
        of_company = [("company_id", "in", [company.id, False])]
        rules = self.env["auto.loyalty.earn.rule"].sudo().search(of_company)
        campaigns = (
            self.env["auto.loyalty.campaign"]
            .sudo()
            .search([*of_company, ("date_from", "<=", day), ("date_to", ">=", day)])
        )
        points = 0.0
        applied = self.env["auto.loyalty.campaign"]
        for product, amount in lines:
            rule = next(
                (r for r in rules if scope_matches(r, product, service_type)), None
            )
            if not rule or amount <= 0:
                continue
            line_points = amount * rule.points_per_unit
            for campaign in campaigns:
                if campaign._auto_matches(product, service_type, self.tier_id, day):
                    line_points *= campaign.multiplier
                    applied |= campaign
            points += line_points
        if int(points) <= 0:
            return Move
        description = self.env._("Earned on %(document)s", document=source.display_name)
        if applied:
            description += f" ({', '.join(applied.mapped('name'))})"
        return Move.create(
            {
                "card_id": self.id,
                "move_type": "earn",
                "points": int(points),
                "source_ref": reference,
                "description": description,
                "company_id": company.id,
            }
        )
