from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

CONFIRMED = ("open", "done")


class EventRegistration(models.Model):
    """A member's registration for a club event: eligibility, waiting list,
    seat paid in points, attendance points, feedback, invitation follow-up."""

    _name = "event.registration"
    _inherit = [
        "event.registration",
        "auto.system.fields.mixin",
        "auto.contact.mask.mixin",
    ]

    auto_club_id = fields.Many2one(
        related="event_id.auto_club_id", store=True, string="Club", index=True
    )
    auto_event_kind = fields.Selection(
        related="event_id.auto_event_kind", store=True, string="Club Event Kind"
    )
    auto_consultant_id = fields.Many2one(
        related="partner_id.user_id", string="Consultant"
    )
    auto_waitlisted = fields.Boolean(
        string="On Waiting List", readonly=True, copy=False, index=True
    )
    auto_waitlist_date = fields.Datetime(
        string="Waiting Since", readonly=True, copy=False
    )
    auto_rating = fields.Selection(
        [
            ("1", "Poor"),
            ("2", "Fair"),
            ("3", "Good"),
            ("4", "Very Good"),
            ("5", "Excellent"),
        ],
        string="Rating",
    )
    auto_rating_score = fields.Integer(
        string="Rating Score",
        compute="_compute_auto_rating_score",
        store=True,
        aggregator="avg",
    )
    auto_feedback = fields.Text(string="Feedback")

    def _auto_contact_fields(self):
        return {**super()._auto_contact_fields(), "email": "email", "phone": "phone"}

    def _auto_system_fields(self):
        # The waiting list's order is first come, first served.
        return super()._auto_system_fields() | {
            "auto_waitlisted",
            "auto_waitlist_date",
            "auto_rating_score",
        }

    @api.depends("auto_rating")
    def _compute_auto_rating_score(self):
        for registration in self:
            registration.auto_rating_score = int(registration.auto_rating or 0)

    @api.model_create_multi
    def create(self, vals_list):
        Event = self.env["event.event"]
        Event.browse(
            {vals["event_id"] for vals in vals_list if vals.get("event_id")}
        )._auto_lock_seats()
        taken = {}
        waitlisted = []
        for index, vals in enumerate(vals_list):
            event = Event.browse(vals.get("event_id"))
            if not event or not event._auto_is_club_event():
                continue
            event._auto_check_registration(
                self.env["res.partner"].browse(vals.get("partner_id"))
            )
            if vals.get("state") == "done":
                event._auto_check_check_in_open()
            # A full event puts the registration on its waiting list instead
            # of refusing it; seats already given in this batch count too.
            if vals.get("state", "open") in CONFIRMED and event.auto_waitlist:
                taken[event] = taken.get(event, 0) + 1
                if event.seats_limited and event.seats_available < taken[event]:
                    vals["state"] = "draft"
                    waitlisted.append(index)
                    taken[event] -= 1
        registrations = super().create(vals_list)
        registrations.browse(registrations.ids[i] for i in waitlisted)._auto_waitlist()
        confirmed = registrations.filtered(lambda r: r.state in CONFIRMED)
        confirmed._auto_pay_seats()
        registrations.filtered(lambda r: r.state == "done")._auto_award_attendance()
        registrations._auto_link_invitations()
        return registrations

    def write(self, vals):
        if "partner_id" in vals:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            for event in self.event_id:
                event._auto_check_registration(partner)
        state = vals.get("state")
        if state in CONFIRMED:
            self.event_id._auto_lock_seats()
        if state == "done":
            for event in self.event_id.filtered(lambda e: e._auto_is_club_event()):
                event._auto_check_check_in_open()
        releasing = state in ("draft", "cancel") or vals.get("active") is False
        freeing = self.filtered(lambda r: r.state in CONFIRMED and releasing)
        leaving_waitlist = (
            self.filtered("auto_waitlisted") if state in CONFIRMED else None
        )
        result = super().write(vals)
        if leaving_waitlist:
            leaving_waitlist.sudo().auto_waitlisted = False
        if state in CONFIRMED:
            self._auto_pay_seats()
        if state == "done":
            self._auto_award_attendance()
        if releasing:
            self._auto_refund_seats()
        if "partner_id" in vals:
            self._auto_link_invitations()
        if freeing:
            freeing.event_id._auto_promote_waitlist()
        return result

    def unlink(self):
        events = self.filtered(lambda r: r.state in CONFIRMED).event_id
        self._auto_refund_seats()
        result = super().unlink()
        events.exists()._auto_promote_waitlist()
        return result

    def action_auto_join_waitlist(self):
        """Put a cancelled or unconfirmed registration back in the queue."""
        self.write({"state": "draft"})
        self._auto_waitlist()

    def _auto_waitlist(self):
        """Queue the registrations, from now: the system stamps the time."""
        self.sudo().write(
            {"auto_waitlisted": True, "auto_waitlist_date": fields.Datetime.now()}
        )

    # Points (积分) -----------------------------------------------------------

    def _auto_seat_paid(self):
        """Points paid and not given back, by registration id. The rows are
        locked first so that two clicks cannot both see a seat unpaid."""
        if not self.ids:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM event_registration WHERE id IN %s FOR UPDATE",
                tuple(self.ids),
            )
        )
        return {
            registration_id: paid
            for registration_id, (_given, paid) in self._auto_points_by(
                "id", self.ids
            ).items()
            if paid
        }

    @api.model
    def _auto_points_by(self, key, ids):
        """The points of registrations in the ledger, by registration
        (``key`` "id", ``ids`` registrations) or by event ("event_id",
        ``ids`` events): {id: (points given for attending, points paid for
        the seat net of what was given back)}. The one definition of both."""
        assert key in ("id", "event_id"), key
        if not ids:
            return {}
        self.env["auto.loyalty.move"].flush_model(
            ["source_ref", "move_type", "points", "origin_move_id"]
        )
        self.flush_model(["event_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT reg.%(key)s,
                       COALESCE(sum(move.points) FILTER (
                           WHERE move.move_type = 'earn'), 0),
                       COALESCE(-sum(move.points) FILTER (
                           WHERE move.move_type = 'redeem'
                              OR origin.move_type = 'redeem'), 0)
                  FROM event_registration reg
                  JOIN auto_loyalty_move move
                    ON move.source_ref = 'event.registration,' || reg.id
             LEFT JOIN auto_loyalty_move origin ON origin.id = move.origin_move_id
                 WHERE reg.%(key)s = ANY(%(ids)s)
                 GROUP BY reg.%(key)s
                """,
                key=SQL.identifier(key),
                ids=list(ids),
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    def _auto_member_event(self):
        """The member's language and the event named in it: the ledger lines
        about the event are written in it."""
        self.ensure_one()
        member_env = self.partner_id._auto_lang_env()
        return member_env, self.event_id.with_context(lang=member_env.lang).name

    def _auto_pay_seats(self):
        to_pay = self.filtered(
            lambda r: r.event_id.auto_seat_points and r.state in CONFIRMED
        )
        paid = to_pay._auto_seat_paid()
        moves = []
        for registration in to_pay.filtered(lambda r: not paid.get(r.id)):
            member_env, event_name = registration._auto_member_event()
            moves.append(
                {
                    "card_id": registration.partner_id.sudo().auto_loyalty_card_id.id,
                    "move_type": "redeem",
                    "points": -registration.event_id.auto_seat_points,
                    "source_ref": f"{registration._name},{registration.id}",
                    "company_id": registration.company_id.id or self.env.company.id,
                    "description": member_env._("Seat at %(event)s", event=event_name),
                }
            )
        if any(not vals["card_id"] for vals in moves):
            raise ValidationError(
                self.env._("A seat paid in points needs the member's card.")
            )
        self.env["auto.loyalty.move"].sudo().create(moves)

    def _auto_refund_seats(self):
        paid = self._auto_seat_paid()
        if not any(paid.values()):
            return
        Move = self.env["auto.loyalty.move"].sudo()
        redeemed = Move.search(
            [
                ("source_ref", "in", [f"{self._name},{rid}" for rid in paid]),
                ("move_type", "=", "redeem"),
            ]
        )
        corrected = Move.search([("origin_move_id", "in", redeemed.ids)]).origin_move_id
        (redeemed - corrected).action_reverse()

    def _auto_award_attendance(self):
        """Attendance points, once per registration: checking in twice, or
        again after a correction, finds the earlier credit."""
        to_award = self.filtered(
            lambda r: (
                r.event_id.auto_attend_points
                and r.partner_id.sudo().auto_loyalty_card_id.state == "active"
            )
        )
        if not to_award:
            return
        Move = self.env["auto.loyalty.move"].sudo()
        awarded = {
            move.source_ref.id
            for move in Move.search(
                [
                    ("source_ref", "in", [f"{self._name},{r.id}" for r in to_award]),
                    ("move_type", "=", "earn"),
                ]
            )
        }
        moves = []
        for registration in to_award.filtered(lambda r: r.id not in awarded):
            member_env, event_name = registration._auto_member_event()
            moves.append(
                {
                    "card_id": registration.partner_id.sudo().auto_loyalty_card_id.id,
                    "move_type": "earn",
                    "points": registration.event_id.auto_attend_points,
                    "source_ref": f"{registration._name},{registration.id}",
                    "company_id": registration.company_id.id or self.env.company.id,
                    "description": member_env._("Attended %(event)s", event=event_name),
                }
            )
        Move.create(moves)

    # Invitations and leads --------------------------------------------------

    def _auto_link_invitations(self):
        invitations = (
            self.env["auto.club.invitation"]
            .sudo()
            .search(
                [
                    ("event_id", "in", self.event_id.ids),
                    ("partner_id", "in", self.partner_id.ids),
                    ("registration_id", "=", False),
                ]
            )
        )
        for invitation in invitations:
            invitation.registration_id = self.filtered(
                lambda r, inv=invitation: (
                    r.event_id == inv.event_id and r.partner_id == inv.partner_id
                )
            )[:1]

    def _get_lead_values(self, rule):
        """Leads from club events carry the event as their source and go to
        the customer's consultant (a test-drive meetup counts as a test
        drive)."""
        values = super()._get_lead_values(rule)
        event = self.event_id[:1]
        if event.auto_club_id or event.auto_event_kind:
            values["source_id"] = event._auto_lead_source().id
            partner = self.partner_id[:1]
            if not values.get("user_id") and partner.user_id:
                values["user_id"] = partner.user_id.id
            if event.auto_event_kind == "test_drive" and self.filtered(
                lambda r: r.state == "done"
            ):
                values["auto_test_drive_done"] = True
        return values
