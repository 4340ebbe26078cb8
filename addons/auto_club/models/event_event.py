import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .event_type import EVENT_KINDS


class EventEvent(models.Model):
    """A club event (会员活动): who may come, what a seat costs in points,
    what attending earns, the waiting list, and how it went."""

    _inherit = "event.event"

    auto_club_id = fields.Many2one(
        "auto.club",
        string="Club",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    auto_event_kind = fields.Selection(
        EVENT_KINDS,
        string="Club Event Kind",
        compute="_compute_auto_event_kind",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    auto_members_only = fields.Boolean(
        string="Club Members Only",
        compute="_compute_auto_members_only",
        store=True,
        readonly=False,
        help="Only active members of the club may register.",
    )
    auto_tier_ids = fields.Many2many(
        "auto.loyalty.tier",
        string="Eligible Tiers",
        compute="_compute_auto_tier_ids",
        store=True,
        readonly=False,
        help="Only members of these tiers may register; empty means anybody.",
    )
    auto_seat_points = fields.Integer(
        string="Seat Price (points)",
        help="Points taken from the member's card when the seat is confirmed, "
        "given back if the registration is cancelled.",
    )
    auto_attend_points = fields.Integer(
        string="Attendance Points",
        help="Points the member earns once when checked in.",
    )
    auto_waitlist = fields.Boolean(
        string="Waiting List",
        default=True,
        help="When the event is full, registrations join a waiting list and "
        "move up, in order, as seats free.",
    )
    auto_source_id = fields.Many2one(
        "utm.source",
        string="Lead Source",
        readonly=True,
        copy=False,
        help="Leads from the event's attendees carry this source.",
    )
    auto_waitlist_count = fields.Integer(
        compute="_compute_auto_summary", string="On Waiting List"
    )
    auto_invited_count = fields.Integer(
        compute="_compute_auto_summary", string="Invited"
    )
    auto_attendance_rate = fields.Float(
        compute="_compute_auto_summary",
        string="Attendance Rate (%)",
        help="Attendees among the confirmed registrations.",
    )
    auto_points_given = fields.Integer(
        compute="_compute_auto_summary", string="Points Given"
    )
    auto_points_collected = fields.Integer(
        compute="_compute_auto_summary", string="Points Collected"
    )
    auto_rating_avg = fields.Float(
        compute="_compute_auto_summary", string="Average Rating"
    )
    auto_feedback_count = fields.Integer(
        compute="_compute_auto_summary", string="Feedback"
    )

    _sql_constraints = [
        (
            "auto_points_not_negative",
            "CHECK(auto_seat_points >= 0 AND auto_attend_points >= 0)",
            "Seat prices and attendance points cannot be negative.",
        )
    ]

    @api.depends("event_type_id")
    def _compute_auto_event_kind(self):
        for event in self:
            if event.event_type_id.auto_event_kind:
                event.auto_event_kind = event.event_type_id.auto_event_kind

    @api.depends("auto_club_id")
    def _compute_auto_members_only(self):
        for event in self:
            event.auto_members_only = bool(event.auto_club_id)

    @api.depends("auto_event_kind")
    def _compute_auto_tier_ids(self):
        premium_tiers = self.env["auto.loyalty.tier"].search(
            [("premium_events", "=", True)]
        )
        for event in self.filtered(lambda e: e.auto_event_kind == "premium"):
            event.auto_tier_ids = premium_tiers

    def _compute_auto_summary(self):
        Registration = self.env["event.registration"]
        counts = {
            (event, state, waitlisted): count
            for event, state, waitlisted, count in Registration._read_group(
                [("event_id", "in", self.ids)],
                ["event_id", "state", "auto_waitlisted"],
                ["__count"],
            )
        }
        feedback = {
            event: (count, rating)
            for event, count, rating in Registration._read_group(
                [("event_id", "in", self.ids), ("auto_rating", "!=", False)],
                ["event_id"],
                ["__count", "auto_rating_score:avg"],
            )
        }
        invited = dict(
            self.env["auto.club.invitation"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        points = Registration._auto_points_by("event_id", self.ids)
        for event in self:
            attended = counts.get((event, "done", False), 0)
            confirmed = attended + counts.get((event, "open", False), 0)
            event.auto_waitlist_count = counts.get((event, "draft", True), 0)
            event.auto_invited_count = invited.get(event, 0)
            event.auto_attendance_rate = (
                100.0 * attended / confirmed if confirmed else 0
            )
            event.auto_points_given, event.auto_points_collected = points.get(
                event.id, (0, 0)
            )
            event.auto_feedback_count, event.auto_rating_avg = feedback.get(
                event, (0, 0.0)
            )

    @api.onchange("auto_club_id")
    def _onchange_auto_club_id_user(self):
        manager = self._auto_club_manager(self.auto_club_id, self.user_id)
        if manager:
            self.user_id = manager

    @api.model
    def _auto_club_manager(self, club, user):
        """Who is responsible for a club's event: the user when they manage
        the club, else the club's first manager (not whoever, or whatever
        system user, created it)."""
        if not club.manager_ids or user in club.manager_ids:
            return self.env["res.users"]
        return club.manager_ids[:1]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("auto_club_id"):
                club = self.env["auto.club"].browse(vals["auto_club_id"])
                user = self.env["res.users"].browse(vals.get("user_id", self.env.uid))
                manager = self._auto_club_manager(club, user)
                if manager and "user_id" not in vals:
                    vals["user_id"] = manager.id
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if {"seats_max", "seats_limited", "auto_waitlist"} & set(vals):
            self._auto_promote_waitlist()
        return result

    def action_auto_view_waitlist(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "event.registration",
            "name": self.env._("Waiting List"),
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref("auto_club.event_registration_view_list_waitlist").id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": [("event_id", "=", self.id), ("auto_waitlisted", "=", True)],
            "context": {"default_event_id": self.id},
        }

    # Eligibility (参与资格) -------------------------------------------------

    def _auto_is_club_event(self):
        self.ensure_one()
        return bool(
            self.auto_club_id
            or self.auto_tier_ids
            or self.auto_seat_points
            or self.auto_attend_points
        )

    def _auto_registration_refusal(self, partner):
        """Why ``partner`` may not register for this event, or ``False``."""
        self.ensure_one()
        if not self._auto_is_club_event():
            return False
        if not partner:
            return self.env._(
                "%(event)s is a member event: register a customer.", event=self.name
            )
        partner = partner.sudo()
        if self.auto_members_only and self.auto_club_id:
            membership = partner.auto_club_member_ids.filtered(
                lambda member: member.club_id == self.auto_club_id
            )
            if membership.state != "active":
                return self.env._(
                    "%(customer)s is not an active member of %(club)s.",
                    customer=partner.display_name,
                    club=self.auto_club_id.name,
                )
        card = partner.auto_loyalty_card_id
        if (self.auto_seat_points or self.auto_tier_ids) and card.state != "active":
            return self.env._(
                "%(customer)s has no active membership card.",
                customer=partner.display_name,
            )
        if self.auto_seat_points > card.points_balance:
            return self.env._(
                "%(customer)s has %(balance)s points; a seat at %(event)s costs "
                "%(points)s.",
                customer=partner.display_name,
                balance=card.points_balance,
                event=self.name,
                points=self.auto_seat_points,
            )
        if self.auto_tier_ids and card.tier_id not in self.auto_tier_ids:
            return self.env._(
                "%(event)s is for %(tiers)s members; %(customer)s is %(tier)s.",
                event=self.name,
                tiers=" / ".join(self.auto_tier_ids.mapped("name")),
                customer=partner.display_name,
                tier=card.tier_id.name or self.env._("not a tier member"),
            )
        return False

    def _auto_eligible_partner_domain(self):
        """The customers who may register, as a domain (for invitations)."""
        self.ensure_one()
        domain = []
        if self.auto_members_only and self.auto_club_id:
            domain.append(
                (
                    "auto_club_member_ids",
                    "any",
                    [("club_id", "=", self.auto_club_id.id), ("state", "=", "active")],
                )
            )
        if self.auto_seat_points or self.auto_tier_ids:
            card_domain = [("state", "=", "active")]
            if self.auto_tier_ids:
                card_domain.append(("tier_id", "in", self.auto_tier_ids.ids))
            domain.append(("auto_loyalty_card_ids", "any", card_domain))
        return domain

    def _auto_check_registration(self, partner):
        refusal = self._auto_registration_refusal(partner)
        if refusal:
            raise ValidationError(refusal)

    def _auto_check_check_in_open(self):
        """Attendance (and its points) is recorded from the event's day on."""
        self.ensure_one()
        tz = pytz.timezone(self.date_tz or "UTC")
        opens = pytz.utc.localize(self.date_begin).astimezone(tz).date()
        if pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date() < opens:
            raise ValidationError(
                self.env._(
                    "%(event)s starts on %(date)s: attendees are checked in from "
                    "that day on.",
                    event=self.name,
                    date=opens,
                )
            )

    # Seats (名额) -----------------------------------------------------------

    def _auto_lock_seats(self):
        """Serialise the seat counts of limited events: each registration
        first updates its event's row. Two desks selling the last seat at
        once then cannot both count it free: the second waits, and once the
        first commits, PostgreSQL makes it fail to serialise, so that Odoo
        retries it against the seat now taken. A lock alone would not do:
        the second transaction would still count from its older snapshot."""
        limited = self.filtered("seats_limited")
        if limited:
            self.env.cr.execute(
                SQL(
                    "UPDATE event_event SET seats_max = seats_max WHERE id = ANY(%s)",
                    limited.ids,
                )
            )

    # Waiting list (候补) ----------------------------------------------------

    def _auto_promote_waitlist(self):
        """Confirm waiting registrations, first come first served, while seats
        are free. A member who cannot pay the seat any more stays waiting."""
        for event in self.filtered("auto_waitlist"):
            waiting = self.env["event.registration"].search(
                [
                    ("event_id", "=", event.id),
                    ("state", "=", "draft"),
                    ("auto_waitlisted", "=", True),
                ],
                order="auto_waitlist_date, id",
            )
            for registration in waiting:
                if event.seats_limited and event.seats_available <= 0:
                    break
                try:
                    with self.env.cr.savepoint():
                        registration.write({"state": "open"})
                except ValidationError as error:
                    registration.message_post(
                        body=self.env._(
                            "A seat freed but could not be confirmed: %(reason)s",
                            reason=str(error),
                        )
                    )
                    continue
                registration.message_post(
                    body=self.env._("Moved up from the waiting list.")
                )
                event.invalidate_recordset(["seats_available", "seats_reserved"])

    # Leads (活动线索) -------------------------------------------------------

    def _auto_lead_source(self):
        """The UTM source that names this event on its leads."""
        self.ensure_one()
        if not self.auto_source_id:
            self.sudo().auto_source_id = (
                self.env["utm.source"].sudo().create({"name": self.name})
            )
        return self.auto_source_id
