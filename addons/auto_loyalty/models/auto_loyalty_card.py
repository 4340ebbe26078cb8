from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount, format_date

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
    tier_reason = fields.Char(
        string="Why No Tier",
        compute="_compute_tier_reason",
        help="Why an active card has no tier.",
    )
    points_expiring = fields.Integer(
        string="Points Expiring Soon",
        compute="_compute_points_expiring",
        help="Points that expire within the warning period of the loyalty "
        "settings (30 days by default), oldest first.",
    )
    points_expiring_date = fields.Date(
        string="First Expiry", compute="_compute_points_expiring"
    )
    points_expiring_warning = fields.Char(compute="_compute_points_expiring")
    color = fields.Integer(related="tier_id.color")
    # Benefits (会员权益) that act on the member's card.
    advisor_id = fields.Many2one(
        "res.users",
        string="Dedicated Advisor",
        tracking=True,
        domain="[('share', '=', False)]",
        help="The member's own service advisor (专属服务顾问) while their tier "
        "includes one: assigned when they reach such a tier, proposed as the "
        "advisor of their work orders.",
    )
    has_dedicated_advisor = fields.Boolean(
        related="tier_id.dedicated_advisor", string="Tier with Dedicated Advisor"
    )
    wash_ids = fields.One2many("auto.loyalty.wash", "card_id", string="Car Washes")
    wash_allowance = fields.Integer(
        related="tier_id.free_washes", string="Free Car Washes per Year"
    )
    wash_used_count = fields.Integer(
        string="Washes Used This Year", compute="_compute_wash_counts"
    )
    wash_remaining = fields.Integer(
        string="Free Washes Left", compute="_compute_wash_counts"
    )

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

    @api.depends("state", "tier_id", "tier_check_date", "spend_amount", "company_id")
    def _compute_tier_reason(self):
        tiers = self.env["auto.loyalty.tier"].search([])
        months = loyalty_param(self.env, "tier_window_months")
        for card in self:
            card.tier_reason = (
                card._auto_tier_reason(tiers, months)
                if card.state == "active" and not card.tier_id
                else False
            )

    def _auto_tier_reason(self, tiers, months):
        self.ensure_one()
        company = self.company_id
        if not tiers:
            return self.env._(
                "No membership tier is configured: set the tiers up in the "
                "loyalty configuration."
            )
        of_company = tiers.filtered(lambda t: t.currency_id == company.currency_id)
        if not of_company:
            return self.env._(
                "No membership tier is configured for %(company)s: its tiers "
                "must have thresholds in %(currency)s.",
                company=company.name,
                currency=company.currency_id.name,
            )
        if not self.tier_check_date:
            return self.env._(
                "The spend has not been reviewed yet: the tier review runs every day."
            )
        lowest = of_company[:1]
        return self.env._(
            "A spend of %(spend)s over the last %(months)s months is below the "
            "lowest tier, %(tier)s (%(threshold)s).",
            spend=format_amount(self.env, self.spend_amount, company.currency_id),
            months=months,
            tier=lowest.name,
            threshold=format_amount(self.env, lowest.min_spend, lowest.currency_id),
        )

    @api.depends("move_ids.points", "move_ids.expiry_date", "points_balance")
    def _compute_points_expiring(self):
        """What the expiry would take from each card by the end of the warning
        period: its credits due by then less all its debits (debits spend the
        oldest credits first), as the expiry scheduler counts."""
        days = loyalty_param(self.env, "expiry_warning_days")
        today = fields.Date.context_today(self)
        until = today + relativedelta(days=days)
        # Whoever reads the cards (a club manager too) sees the sum their
        # ledgers expire, not the moves themselves.
        self.check_access("read")
        by_date = {}
        for card, day, points in (
            self.env["auto.loyalty.move"]
            .sudo()
            ._read_group(
                [
                    ("card_id", "in", self.ids),
                    "|",
                    ("expiry_date", "<=", until),
                    ("expiry_date", "=", False),
                ],
                ["card_id", "expiry_date:day"],
                ["points:sum"],
            )
        ):
            by_date.setdefault(card, []).append((day, points))
        due = {}
        for card, rows in by_date.items():
            # Undated moves are the debits; the first expiry is the first
            # date by which the credits due exceed them.
            running = sum(points for day, points in rows if not day)
            first = False
            for day, points in sorted(row for row in rows if row[0]):
                running += points
                if running > 0 and not first:
                    first = day
            due[card] = (running, first)
        for card in self:
            points, first = due.get(card, (0, False))
            expiring = max(0, min(points, card.points_balance))
            card.points_expiring = expiring
            card.points_expiring_date = first if expiring else False
            card.points_expiring_warning = bool(expiring) and self.env._(
                "%(points)s points expire within %(days)s days, the first on "
                "%(date)s: remind the member to use them.",
                points=expiring,
                days=days,
                date=format_date(self.env, first),
            )

    @api.depends("wash_ids.date", "tier_id.free_washes")
    def _compute_wash_counts(self):
        year = fields.Date.context_today(self).year
        used = dict(
            self.env["auto.loyalty.wash"]._read_group(
                [
                    ("card_id", "in", self.ids),
                    *self._auto_wash_year(year),
                ],
                ["card_id"],
                ["__count"],
            )
        )
        for card in self:
            card.wash_used_count = used.get(card, 0)
            card.wash_remaining = max(card.wash_allowance - card.wash_used_count, 0)

    @api.model
    def _auto_wash_year(self, year):
        """The washes of a calendar year: the allowance's period."""
        return [("date", ">=", f"{year}-01-01"), ("date", "<=", f"{year}-12-31")]

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

    def action_use_wash(self):
        """Record a free car wash the member uses now, out of their tier's
        allowance."""
        self.ensure_one()
        self.env["auto.loyalty.wash"].create({"card_id": self.id})
        return True

    def _auto_dedicated_advisor(self):
        """The dedicated advisor of these active cards' members, while their
        tier includes one."""
        return self.filtered(
            lambda card: card.state == "active" and card.has_dedicated_advisor
        ).advisor_id

    def _auto_lock(self):
        """Lock these cards' rows until the end of the transaction: what is
        counted against a card (its washes, its birthday benefit) is counted
        once, whoever records at the same time."""
        if self:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM auto_loyalty_card WHERE id = ANY(%s) FOR UPDATE",
                    self.ids,
                )
            )

    def _auto_check_wash_allowance(self, years):
        """Refuse new washes of this card, one per item of ``years`` (the
        year of each), past the yearly allowance of the card's tier."""
        self.ensure_one()
        if self.state != "active":
            raise UserError(
                self.env._(
                    "The membership card %(card)s is not active: no free car wash.",
                    card=self.name,
                )
            )
        if not self.wash_allowance:
            raise UserError(
                self.env._(
                    "The tier of %(member)s includes no free car wash.",
                    member=self.partner_id.display_name,
                )
            )
        for year in set(years):
            used = (
                self.env["auto.loyalty.wash"]
                .sudo()
                .search_count(
                    [
                        ("card_id", "=", self.id),
                        *self._auto_wash_year(year),
                    ]
                )
            )
            if used + years.count(year) > self.wash_allowance:
                raise UserError(
                    self.env._(
                        "%(member)s has used all %(allowance)s free car washes "
                        "of %(year)s that the %(tier)s tier includes.",
                        member=self.partner_id.display_name,
                        allowance=self.wash_allowance,
                        year=year,
                        tier=self.tier_id.name,
                    )
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
        # The chatter shows each tier change, as the ORM's tracking does (and
        # when it does): the tiers before, kept now, are compared at commit.
        context = self.env.context
        if not context.get("tracking_disable") and not context.get("mail_notrack"):
            self._track_prepare(["tier_id"])
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
        self._auto_assign_dedicated_advisors()

    def _auto_assign_dedicated_advisors(self):
        """Give the members of these cards who reached a tier with a dedicated
        advisor and have none the advisor who knows them: their vehicle's
        service advisor, else the advisor of their latest work order. One
        query when there is nobody to assign."""
        self.flush_model(["advisor_id", "state", "tier_id"])
        self.env["auto.loyalty.tier"].flush_model(["dedicated_advisor"])
        self.env.cr.execute(
            SQL(
                """
                SELECT card.id FROM auto_loyalty_card card
                  JOIN auto_loyalty_tier tier ON tier.id = card.tier_id
                 WHERE card.id = ANY(%s) AND card.state = 'active'
                   AND tier.dedicated_advisor AND card.advisor_id IS NULL
                """,
                self.ids,
            )
        )
        cards = self.browse(row[0] for row in self.env.cr.fetchall())
        if not cards:
            return
        # Who served the member, whoever reviews the tiers.
        partners = cards.partner_id.ids
        known = [
            *self.env["fleet.vehicle"]
            .sudo()
            .search(
                [
                    ("owner_id", "in", partners),
                    ("auto_service_advisor_id", "!=", False),
                ],
                order="id desc",
            )
            .mapped(
                lambda vehicle: (vehicle.owner_id, vehicle.auto_service_advisor_id)
            ),
            *self.env["repair.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners),
                    ("state", "!=", "cancel"),
                    ("user_id", "!=", False),
                ],
                order="schedule_date desc, id desc",
            )
            .mapped(lambda repair: (repair.partner_id, repair.user_id)),
        ]
        for card in cards.sudo():
            advisor = next(
                (
                    user
                    for partner, user in known
                    if partner == card.partner_id
                    and card.company_id in user.company_ids
                    and user.has_group("auto_aftersales.group_auto_service_advisor")
                ),
                None,
            )
            if advisor:
                card.advisor_id = advisor

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
        member_env = self.partner_id._auto_lang_env()
        description = member_env._(
            "Earned on %(document)s",
            document=source.with_context(lang=member_env.lang).display_name,
        )
        if applied:
            names = applied.with_context(lang=member_env.lang).mapped("name")
            description += f" ({', '.join(names)})"
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
