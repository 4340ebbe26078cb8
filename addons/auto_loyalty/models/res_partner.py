import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, split_every

from odoo.addons.auto_crm_leads.tools.privacy import PersonalData

from .res_config_settings import loyalty_param

_logger = logging.getLogger(__name__)

RFM_SEGMENTS = [
    ("high_value", "High-value"),
    ("potential", "Potential"),
    ("regular", "Regular"),
    ("sleeping", "Sleeping"),
    ("lost", "Lost"),
]
# Kept by the RFM scheduler only.
RFM_FIELDS = [
    "auto_rfm_last_visit",
    "auto_rfm_frequency",
    "auto_rfm_monetary",
    "auto_rfm_r",
    "auto_rfm_f",
    "auto_rfm_m",
    "auto_rfm_segment",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    auto_loyalty_card_ids = fields.One2many(
        "auto.loyalty.card", "partner_id", string="Membership Cards"
    )
    auto_loyalty_card_id = fields.Many2one(
        "auto.loyalty.card",
        string="Membership Card",
        compute="_compute_auto_loyalty_card_id",
        search="_search_auto_loyalty_card_id",
    )
    auto_member_tier_id = fields.Many2one(
        related="auto_loyalty_card_id.tier_id", string="Member Tier"
    )
    auto_points_balance = fields.Integer(
        related="auto_loyalty_card_id.points_balance", string="Points"
    )
    # RFM (客户分层), kept by the RFM scheduler. Not copied: a user copied with
    # res.users.copy() copies its contact through _inherits, past the
    # system-fields mixin's copy_data.
    auto_rfm_last_visit = fields.Date(string="Last Visit", readonly=True, copy=False)
    auto_rfm_frequency = fields.Integer(
        string="Visits in RFM Window", readonly=True, copy=False
    )
    auto_rfm_monetary = fields.Float(
        string="Spend in RFM Window", readonly=True, copy=False
    )
    auto_rfm_r = fields.Integer(
        string="R Score", readonly=True, aggregator="avg", copy=False
    )
    auto_rfm_f = fields.Integer(
        string="F Score", readonly=True, aggregator="avg", copy=False
    )
    auto_rfm_m = fields.Integer(
        string="M Score", readonly=True, aggregator="avg", copy=False
    )
    auto_rfm_segment = fields.Selection(
        RFM_SEGMENTS, string="Customer Segment", readonly=True, index=True, copy=False
    )
    auto_winback_ids = fields.One2many(
        "auto.loyalty.winback", "partner_id", string="Win-back History"
    )

    def _auto_system_fields(self):
        return super()._auto_system_fields() | set(RFM_FIELDS)

    @api.depends("auto_loyalty_card_ids")
    @api.depends_context("uid")
    def _compute_auto_loyalty_card_id(self):
        # Every user who reads a contact computes it: accountants, stock users
        # and other apps' users too, who may not read cards. Read the cards as
        # the system, only these partners' ones, and keep those the user may
        # read (access rights and record rules), so nobody gets an error and
        # nobody sees a card they could not open.
        cards = self.sudo().auto_loyalty_card_ids.with_env(self.env)
        visible = set(cards._filtered_access("read")._ids)
        for partner in self:
            partner.auto_loyalty_card_id = next(
                (
                    card
                    for card in partner.sudo().auto_loyalty_card_ids._ids
                    if card in visible
                ),
                False,
            )

    def _search_auto_loyalty_card_id(self, operator, value):
        return [("auto_loyalty_card_ids", operator, value)]

    def _auto_lang_env(self):
        """The environment in the customer's language: what is written for the
        customer, such as their points ledger (积分流水), is in it."""
        self.ensure_one()
        return self.with_context(lang=self.lang or self.env.lang).env

    def action_auto_enrol(self):
        """Give these customers a membership card (入会)."""
        members = self.filtered("auto_loyalty_card_ids")
        self.env["auto.loyalty.card"].create(
            [{"partner_id": partner.id} for partner in self - members]
        )

    @api.model
    def _auto_visits_query(self, partners=None):
        """One row per paid visit (partner_id, day, amount): done work orders
        at their value, and confirmed sales orders that are not a work order's
        (vehicles, parts, accessories). ``partners`` (SQL) narrows it."""
        narrow = SQL("AND partner_id IN (%s)", partners) if partners else SQL()
        return SQL(
            """
            SELECT partner_id,
                   (auto_done_date AT TIME ZONE 'UTC')::date AS day,
                   COALESCE(auto_spend_amount, 0) AS amount
              FROM repair_order
             WHERE state = 'done' AND partner_id IS NOT NULL %(narrow)s
            UNION ALL
            SELECT partner_id, (date_order AT TIME ZONE 'UTC')::date,
                   amount_untaxed
              FROM sale_order
             WHERE state = 'sale' %(narrow)s
               AND NOT EXISTS (
                    SELECT 1 FROM repair_order
                     WHERE repair_order.sale_order_id = sale_order.id)
            """,
            narrow=narrow,
        )

    # RFM segmentation ----------------------------------------------------

    @api.model
    def _cron_auto_rfm(self):
        """Score every customer with history on recency, frequency and
        monetary value, store the segment, and open a win-back episode (with
        its activity) for each customer who just became sleeping or lost;
        close the episodes of those who came back. Set-based: a few statements
        whatever the number of customers."""
        today = fields.Date.context_today(self)
        param = lambda key: loyalty_param(self.env, key)  # noqa: E731
        window_start = today - relativedelta(months=param("rfm_window_months"))
        if param("rfm_method") == "quintile":
            # cume_dist puts ties in the same quintile; no visit scores 1.
            scores = SQL(
                """
                ceil(5 * cume_dist() OVER (ORDER BY last_visit))::int AS r,
                CASE WHEN frequency = 0 THEN 1 ELSE
                    ceil(5 * cume_dist() OVER (ORDER BY frequency))::int END AS f,
                CASE WHEN monetary <= 0 THEN 1 ELSE
                    ceil(5 * cume_dist() OVER (ORDER BY monetary))::int END AS m
                """
            )
        else:
            scores = SQL(
                """
                CASE WHEN %(today)s - last_visit <= %(near)s THEN 5
                     WHEN %(today)s - last_visit > %(far)s THEN 1 ELSE 3 END AS r,
                CASE WHEN frequency >= %(f_high)s THEN 5
                     WHEN frequency <= %(f_low)s THEN 1 ELSE 3 END AS f,
                CASE WHEN monetary >= %(m_high)s THEN 5
                     WHEN monetary >= %(m_mid)s THEN 3 ELSE 1 END AS m
                """,
                today=today,
                near=param("rfm_r_near_days"),
                far=param("rfm_r_far_days"),
                f_high=param("rfm_f_high"),
                f_low=param("rfm_f_low"),
                m_high=param("rfm_m_high"),
                m_mid=param("rfm_m_mid"),
            )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH stats AS (
                    SELECT partner_id, max(day) AS last_visit,
                           count(*) FILTER (WHERE day > %(start)s) AS frequency,
                           COALESCE(sum(amount) FILTER (
                                WHERE day > %(start)s), 0) AS monetary
                      FROM (%(visits)s) visit
                     GROUP BY partner_id
                ), scored AS (
                    SELECT stats.*, %(scores)s FROM stats
                ), segmented AS (
                    SELECT scored.*, CASE
                        WHEN frequency = 0 THEN 'lost'
                        WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'high_value'
                        WHEN r >= 4 AND m >= 3 THEN 'potential'
                        WHEN r <= 2 AND f <= 2 AND m <= 2 THEN 'sleeping'
                        ELSE 'regular' END AS segment
                      FROM scored
                )
                UPDATE res_partner partner
                   SET auto_rfm_last_visit = segmented.last_visit,
                       auto_rfm_frequency = segmented.frequency,
                       auto_rfm_monetary = segmented.monetary,
                       auto_rfm_r = segmented.r,
                       auto_rfm_f = segmented.f,
                       auto_rfm_m = segmented.m,
                       auto_rfm_segment = segmented.segment
                  FROM segmented
                 WHERE partner.id = segmented.partner_id
                   AND (partner.auto_rfm_segment IS DISTINCT FROM segmented.segment
                        OR partner.auto_rfm_last_visit
                           IS DISTINCT FROM segmented.last_visit
                        OR partner.auto_rfm_frequency
                           IS DISTINCT FROM segmented.frequency
                        OR partner.auto_rfm_monetary
                           IS DISTINCT FROM segmented.monetary::float
                        OR partner.auto_rfm_r IS DISTINCT FROM segmented.r
                        OR partner.auto_rfm_f IS DISTINCT FROM segmented.f
                        OR partner.auto_rfm_m IS DISTINCT FROM segmented.m)
                """,
                start=window_start,
                visits=self._auto_visits_query(),
                scores=scores,
            )
        )
        updated = self.env.cr.rowcount
        self.invalidate_model(RFM_FIELDS)
        self._auto_recall_winbacks(today)
        self._auto_open_winbacks(today)
        return updated

    @api.model
    def _auto_recall_winbacks(self, today):
        """A visit after the episode opened recalls the customer."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE auto_loyalty_winback winback
                   SET state = 'recalled', recalled = 100,
                       date_recalled = partner.auto_rfm_last_visit,
                       write_date = %(now)s, write_uid = %(uid)s
                  FROM res_partner partner
                 WHERE partner.id = winback.partner_id AND winback.state = 'open'
                   AND partner.auto_rfm_last_visit > winback.date_start
                """,
                now=fields.Datetime.now(),
                uid=self.env.uid,
            )
        )
        self.env["auto.loyalty.winback"].invalidate_model()

    @api.model
    def _auto_open_winbacks(self, today):
        """Open one episode per customer now sleeping or lost without an open
        one, and plan its win-back call for whoever follows the customer up
        (the advisor of their vehicle, else their salesperson)."""
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                WITH opened AS (
                INSERT INTO auto_loyalty_winback (
                    partner_id, segment, user_id, date_start, last_visit, state,
                    recalled, create_uid, create_date, write_uid, write_date)
                SELECT partner.id, partner.auto_rfm_segment,
                       %(follower)s,
                       %(today)s, partner.auto_rfm_last_visit, 'open', 0,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM res_partner partner
                 WHERE partner.auto_rfm_segment IN ('sleeping', 'lost')
                   AND partner.active
                   AND NOT EXISTS (
                        SELECT 1 FROM auto_loyalty_winback winback
                         WHERE winback.partner_id = partner.id
                           AND (winback.state = 'open'
                                OR winback.date_start >= partner.auto_rfm_last_visit))
                    ON CONFLICT DO NOTHING
             RETURNING partner_id, user_id, segment
                )
                SELECT opened.partner_id, partner.complete_name, opened.user_id,
                       opened.segment
                  FROM opened JOIN res_partner partner ON partner.id = opened.partner_id
                """,
                follower=self._auto_follow_up_user_sql(SQL("partner.id")),
                today=today,
                uid=self.env.uid,
                now=now,
            )
        )
        rows = self.env.cr.fetchall()
        activity_type = self.env.ref("auto_loyalty.mail_activity_type_winback")
        rows = self._auto_winback_consent(rows, activity_type, now)
        day = activity_type._get_date_deadline()
        users = self.env["res.users"].browse({row[2] for row in rows if row[2]})
        # The start of the assignee's day, where they work.
        deadlines = {user.id: user._auto_local_datetime(day) for user in users}
        # Names and summaries straight from SQL and per segment: no record is
        # loaded, however many customers just went quiet.
        summaries = {
            segment: self.env._("Win-back: customer is %(segment)s", segment=label)
            for segment, label in self._fields[
                "auto_rfm_segment"
            ]._description_selection(self.env)
        }
        self.env["mail.activity"]._auto_insert_activities(
            "res.partner",
            activity_type,
            [
                (partner_id, name, user_id, summaries[segment], deadlines[user_id])
                for partner_id, name, user_id, segment in rows
                if user_id
            ],
            now,
        )
        self.env["auto.loyalty.winback"].invalidate_model()
        return len(rows)

    @api.model
    def _auto_winback_consent(self, rows, activity_type, now):
        """The rows of the episodes just opened whose customer may get the
        win-back call (consent to the win-back purpose of the company of who
        makes the call, Settings > Loyalty, on the activity's channel),
        checked in batches; the others' episodes record why they are not
        called (the recall rate still counts them)."""
        channel = activity_type._auto_contact_channel()
        allowed, skipped, skipped_purposes = [], 0, set()
        for purpose, batch in self._auto_winback_batches(rows):
            check = self.browse([row[0] for row in batch])._auto_consent_filter(
                purpose, channel
            )
            allowed += [row for row in batch if row[0] not in check.reasons]
            for reason, partners in check.skipped.items():
                skipped += len(partners)
                skipped_purposes.add(purpose.name)
                self.env.cr.execute(
                    SQL(
                        """
                        UPDATE auto_loyalty_winback
                           SET skip_reason = %(reason)s,
                               skip_channel_id = %(channel)s,
                               write_date = %(now)s
                         WHERE state = 'open' AND partner_id IN %(partners)s
                        """,
                        reason=reason,
                        channel=channel.id,
                        now=now,
                        partners=tuple(partners.ids),
                    )
                )
        if skipped:
            _logger.info(
                "Win-back: %s of %s customers not called (no consent for %s by %s)",
                skipped,
                len(rows),
                ", ".join(sorted(skipped_purposes)),
                channel.name,
            )
        return allowed

    @api.model
    def _auto_winback_batches(self, rows):
        """The win-back ``rows`` (customer, name, caller, segment) in batches
        of one purpose: the win-back purpose of the caller's company (the
        scheduler's company for a customer nobody follows up)."""
        users = self.env["res.users"].sudo().browse({row[2] for row in rows if row[2]})
        purposes = {user.id: user.company_id.auto_winback_purpose_id for user in users}
        default = self.env.company.auto_winback_purpose_id
        by_purpose = {}
        for row in rows:
            purpose = purposes.get(row[2]) or default
            by_purpose.setdefault(purpose, []).append(row)
        for purpose, purpose_rows in by_purpose.items():
            for batch in split_every(1000, purpose_rows, list):
                yield purpose, batch

    def _auto_personal_data(self):
        sections = super()._auto_personal_data()
        ids = sections[0].records.ids
        env = sections[0].records.env
        cards = (
            env["auto.loyalty.card"]
            .with_context(active_test=False)
            .search([("partner_id", "in", ids)])
        )
        return [
            *sections,
            PersonalData("cards", env._("Membership cards"), cards, history=True),
            PersonalData(
                "points",
                env._("Points ledger"),
                env["auto.loyalty.move"].search([("partner_id", "in", ids)]),
                # Append-only: pseudonymised (the anonymised customer), never
                # deleted, so the balances still add up.
                history=True,
            ),
            PersonalData(
                "tiers",
                env._("Tier changes"),
                env["auto.loyalty.tier.history"].search([("card_id", "in", cards.ids)]),
            ),
            PersonalData(
                "washes",
                env._("Free washes"),
                env["auto.loyalty.wash"].search([("partner_id", "in", ids)]),
            ),
            PersonalData(
                "winback",
                env._("Win-back"),
                env["auto.loyalty.winback"].search([("partner_id", "in", ids)]),
            ),
            PersonalData(
                "loyalty_imports",
                env._("Imported points"),
                env["auto.loyalty.import.line"].search([("partner_id", "in", ids)]),
                wipe={"customer": False},
                identifying=("customer",),
            ),
        ]
