from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AutoClubMember(models.Model):
    """A customer's membership of a club (会员), checked against the club's
    joining rules when enrolled."""

    _name = "auto.club.member"
    _description = "Club Member"
    _check_company_auto = True
    _inherit = ["mail.thread", "auto.contact.mask.mixin"]
    _order = "join_date desc, id desc"
    _rec_name = "partner_id"

    club_id = fields.Many2one(
        "auto.club", string="Club", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="club_id.company_id", store=True)
    user_id = fields.Many2one(
        related="partner_id.user_id",
        string="Consultant",
        store=True,
        index=True,
    )
    join_date = fields.Date(
        string="Enrolment Date",
        required=True,
        default=fields.Date.context_today,
    )
    state = fields.Selection(
        [("active", "Active"), ("suspended", "Suspended"), ("left", "Left")],
        required=True,
        default="active",
        tracking=True,
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Qualifying Vehicle",
        help="The vehicle that opened the club to the member.",
        check_company=True,
    )
    card_id = fields.Many2one(
        related="partner_id.auto_loyalty_card_id", string="Membership Card"
    )
    tier_id = fields.Many2one(related="card_id.tier_id", string="Tier")
    phone = fields.Char(related="partner_id.phone")
    registration_count = fields.Integer(
        compute="_compute_attendance", string="Registrations"
    )
    attended_count = fields.Integer(compute="_compute_attendance", string="Attended")

    _sql_constraints = [
        (
            "club_partner_uniq",
            "unique(club_id, partner_id)",
            "This customer is already a member of the club.",
        )
    ]

    def _auto_contact_fields(self):
        return {**super()._auto_contact_fields(), "phone": "phone"}

    def _compute_attendance(self):
        # Counts only: anybody who sees the member sees how often they came.
        counts = {}
        for club, partner, state, count in (
            self.env["event.registration"]
            .sudo()
            ._read_group(
                [
                    ("auto_club_id", "in", self.club_id.ids),
                    ("partner_id", "in", self.partner_id.ids),
                    ("state", "in", ("open", "done")),
                ],
                ["auto_club_id", "partner_id", "state"],
                ["__count"],
            )
        ):
            key = (club, partner)
            total, done = counts.get(key, (0, 0))
            counts[key] = (total + count, done + (count if state == "done" else 0))
        for member in self:
            member.registration_count, member.attended_count = counts.get(
                (member.club_id, member.partner_id), (0, 0)
            )

    @api.model_create_multi
    def create(self, vals_list):
        # Checked before anything is written: a refused customer leaves no row.
        for vals in vals_list:
            if vals.get("state", "active") == "active":
                self._auto_check_rules_for(
                    self.env["auto.club"].browse(vals.get("club_id")),
                    self.env["res.partner"].browse(vals.get("partner_id")),
                )
        members = super().create(vals_list)
        for member in members.filtered(lambda m: not m.vehicle_id):
            member.vehicle_id = member.club_id._auto_qualifying_vehicle(
                member.partner_id
            )
        # Joining a club makes the customer a loyalty member (入会即发卡).
        without_card = members.partner_id.filtered(
            lambda partner: not partner.sudo().auto_loyalty_card_ids
        )
        if without_card:
            self.env["auto.loyalty.card"].sudo().create(
                [{"partner_id": partner.id} for partner in without_card]
            )
        return members

    def write(self, vals):
        result = super().write(vals)
        if {"club_id", "partner_id"} & set(vals) or vals.get("state") == "active":
            self._auto_check_rules()
        return result

    def _auto_check_rules(self):
        for member in self.filtered(lambda m: m.state == "active"):
            self._auto_check_rules_for(member.club_id, member.partner_id)

    def _auto_check_rules_for(self, club, partner):
        refusal = club and partner and club._auto_refusal(partner)
        if refusal:
            raise ValidationError(
                self.env._(
                    "%(customer)s cannot join %(club)s: %(reason)s",
                    customer=partner.display_name,
                    club=club.name,
                    reason=refusal,
                )
            )

    def action_suspend(self):
        self.state = "suspended"

    def action_leave(self):
        self.state = "left"

    def action_reactivate(self):
        self.state = "active"
