from dateutil.relativedelta import relativedelta
from psycopg2.errors import CheckViolation

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .res_config_settings import loyalty_param


class AutoLoyaltyMove(models.Model):
    """The points ledger (积分流水): append-only. A balance is the sum of a
    card's moves, kept on the card under a CHECK; a mistake is corrected by a
    counter-move, never by editing or deleting one."""

    _name = "auto.loyalty.move"
    _inherit = ["auto.system.fields.mixin"]
    _description = "Points Ledger Move"
    _check_company_auto = True
    _order = "date desc, id desc"
    _rec_name = "description"

    card_id = fields.Many2one(
        "auto.loyalty.card",
        string="Card",
        required=True,
        index=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(
        related="card_id.partner_id", string="Member", store=True, index=True
    )
    user_id = fields.Many2one(related="card_id.user_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    move_type = fields.Selection(
        [
            ("earn", "Earned"),
            ("redeem", "Redeemed"),
            ("transfer_out", "Transferred Out"),
            ("transfer_in", "Transferred In"),
            ("expire", "Expired"),
            ("adjust", "Adjustment"),
            ("import", "Imported"),
        ],
        string="Type",
        required=True,
        index=True,
    )
    points = fields.Integer(required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    expiry_date = fields.Date(
        string="Expires On",
        index="btree_not_null",
        help="Credits expire on this date, oldest first (FIFO).",
    )
    description = fields.Char(required=True)
    source_ref = fields.Reference(
        [
            ("repair.order", "Work Order"),
            ("sale.order", "Sales Order"),
            ("product.product", "Product"),
            ("auto.loyalty.card", "Card"),
        ],
        string="Source Document",
        index="btree_not_null",
    )
    counterpart_card_id = fields.Many2one(
        "auto.loyalty.card", string="Transferred With", ondelete="restrict"
    )
    origin_move_id = fields.Many2one(
        "auto.loyalty.move",
        string="Corrects",
        ondelete="restrict",
        index="btree_not_null",
        help="The move this counter-move cancels.",
    )

    _sql_constraints = [
        ("points_not_zero", "CHECK(points <> 0)", "A ledger move moves points."),
        (
            "credit_positive",
            "CHECK(move_type NOT IN ('earn', 'transfer_in', 'import') OR points > 0)",
            "Earned, transferred-in and imported points are positive.",
        ),
        (
            "debit_negative",
            "CHECK(move_type NOT IN ('redeem', 'transfer_out', 'expire') "
            "OR points < 0)",
            "Redeemed, transferred-out and expired points are negative.",
        ),
        (
            "origin_uniq",
            "unique(origin_move_id)",
            "A move is corrected once; correct the correction if needed.",
        ),
    ]

    def _auto_system_fields(self):
        # A move is dated when posted; its member is its card's.
        return super()._auto_system_fields() | {"date", "partner_id", "user_id"}

    def init(self):
        # A document earns points once, whatever clicks or payments repeat.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS auto_loyalty_move_earn_once
                ON auto_loyalty_move (card_id, source_ref)
             WHERE move_type = 'earn'
            """
        )

    @api.model_create_multi
    def create(self, vals_list):
        expiry_months = loyalty_param(self.env, "expiry_months")
        for vals in vals_list:
            if vals.get("points", 0) > 0 and not vals.get("expiry_date"):
                origin = self.browse(vals.get("origin_move_id"))
                day = (
                    fields.Datetime.to_datetime(vals.get("date"))
                    or fields.Datetime.now()
                )
                vals["expiry_date"] = origin.expiry_date or (
                    day.date() + relativedelta(months=expiry_months)
                )
        moves = super().create(vals_list)
        moves._auto_check_card_state()
        moves._auto_update_balances()
        return moves

    def write(self, vals):
        raise UserError(
            self.env._(
                "The points ledger is append-only: post a correction instead of "
                "changing a move."
            )
        )

    def unlink(self):
        raise UserError(
            self.env._(
                "The points ledger is append-only: post a correction instead of "
                "deleting a move."
            )
        )

    def _auto_check_card_state(self):
        for move in self:
            if move.card_id.state != "active" and move.move_type not in (
                "expire",
                "adjust",
            ):
                raise ValidationError(
                    self.env._(
                        "Card %(card)s of %(member)s is %(state)s: it cannot "
                        "earn, redeem or transfer points.",
                        card=move.card_id.name,
                        member=move.partner_id.display_name,
                        state=dict(
                            move.card_id._fields["state"]._description_selection(
                                self.env
                            )
                        )[move.card_id.state],
                    )
                )

    def _auto_update_balances(self):
        """Add the moves to their cards' balances. The row lock and the CHECK
        make concurrent spending of the same points fail instead of going
        negative; the message names what is left."""
        deltas = {}
        for move in self:
            deltas[move.card_id] = deltas.get(move.card_id, 0) + move.points
        for card, delta in deltas.items():
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(
                        SQL(
                            "UPDATE auto_loyalty_card SET points_balance = "
                            "points_balance + %s WHERE id = %s",
                            delta,
                            card.id,
                        )
                    )
            except CheckViolation:
                card.invalidate_recordset(["points_balance"])
                raise ValidationError(
                    self.env._(
                        "%(member)s has %(balance)s points: %(points)s cannot be "
                        "taken.",
                        member=card.partner_id.display_name,
                        balance=card.points_balance,
                        points=-delta,
                    )
                ) from None
        self.card_id.invalidate_recordset(["points_balance"])
        self.env["repair.order"].invalidate_model(
            ["auto_points_earned", "auto_points_redeemed"]
        )

    def action_reverse(self):
        """Post the counter-move of each move (冲正)."""
        corrected = self.search([("origin_move_id", "in", self.ids)]).origin_move_id
        if corrected:
            raise UserError(
                self.env._(
                    "Already corrected: %(moves)s.",
                    moves=", ".join(corrected.mapped("description")),
                )
            )
        counter = self.create(
            [
                {
                    "card_id": move.card_id.id,
                    "move_type": "adjust",
                    "points": -move.points,
                    "origin_move_id": move.id,
                    "expiry_date": move.expiry_date,
                    "source_ref": move.source_ref
                    and f"{move.source_ref._name},{move.source_ref.id}",
                    "description": move.partner_id._auto_lang_env()._(
                        "Correction of: %(move)s", move=move.description
                    ),
                }
                for move in self
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "list,form",
            "domain": [("id", "in", (self | counter).ids)],
            "name": self.env._("Corrections"),
        }

    # Expiry (积分过期) -----------------------------------------------------

    @api.model
    def _cron_auto_expire_points(self, batch_size=10000):
        """Expire, oldest credit first, the points whose date has passed.

        Debits take the oldest credits first, so what expires on a card is
        what its passed credits exceed all its debits by (earlier expiries
        being debits themselves). One statement per batch of cards writes the
        expiry moves and the balances; the cron runner runs it again while
        more are due.
        """
        today = fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH due AS (
                    SELECT card_id,
                           sum(points) FILTER (WHERE expiry_date <= %(today)s)
                           + COALESCE(sum(points) FILTER (
                                WHERE expiry_date IS NULL), 0) AS points
                      FROM auto_loyalty_move
                     WHERE card_id IN (
                            SELECT DISTINCT card_id FROM auto_loyalty_move
                             WHERE expiry_date <= %(today)s)
                     GROUP BY card_id
                    HAVING sum(points) FILTER (WHERE expiry_date <= %(today)s)
                           + COALESCE(sum(points) FILTER (
                                WHERE expiry_date IS NULL), 0) > 0
                     ORDER BY card_id
                     LIMIT %(limit)s
                ), expired AS (
                    INSERT INTO auto_loyalty_move (
                        card_id, partner_id, user_id, company_id, move_type,
                        points, date, description,
                        create_uid, create_date, write_uid, write_date)
                    SELECT card.id, card.partner_id, card.user_id, card.company_id,
                           'expire', -due.points, %(now)s,
                           COALESCE(wording.description, %(description)s),
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM due JOIN auto_loyalty_card card ON card.id = due.card_id
                      JOIN res_partner member ON member.id = card.partner_id
                      LEFT JOIN (VALUES %(wordings)s) AS wording (lang, description)
                             ON wording.lang = member.lang
                 RETURNING card_id, points
                )
                UPDATE auto_loyalty_card card
                   SET points_balance = card.points_balance + expired.points
                  FROM expired
                 WHERE card.id = expired.card_id
                """,
                today=today,
                limit=batch_size,
                now=fields.Datetime.now(),
                uid=self.env.uid,
                description=self.env._("Points expired"),
                wordings=SQL(", ").join(
                    SQL(
                        "(%s, %s)",
                        lang,
                        self.with_context(lang=lang).env._("Points expired"),
                    )
                    for lang, _name in self.env["res.lang"].get_installed()
                ),
            )
        )
        count = self.env.cr.rowcount
        self.env["auto.loyalty.card"].invalidate_model(["points_balance"])
        self.env["auto.loyalty.move"].invalidate_model()
        self.env["ir.cron"]._auto_notify_batch(count, batch_size)
        return count
