from odoo import fields, models


class AutoClub(models.Model):
    """An owner club (车主俱乐部): its joining rules (入会规则) say which
    customers may become members."""

    _name = "auto.club"
    _description = "Owner Club"
    _check_company_auto = True
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    club_type = fields.Selection(
        [("brand", "Brand Club"), ("model", "Model Club"), ("region", "Regional Club")],
        string="Club Type",
        required=True,
        default="brand",
    )
    description = fields.Html(translate=True)
    manager_ids = fields.Many2many(
        "res.users",
        string="Club Managers",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("auto_club.group_auto_club_manager").id)
        ],
        help="Club managers see and run this club's members and events.",
        check_company=True,
    )
    # Joining rules: every rule set must be met.
    brand_ids = fields.Many2many(
        "fleet.vehicle.model.brand",
        string="Vehicle Brands",
        help="Members own a vehicle of one of these brands.",
    )
    model_ids = fields.Many2many(
        "fleet.vehicle.model",
        string="Vehicle Models",
        help="Members own a vehicle of one of these models.",
    )
    state_ids = fields.Many2many(
        "res.country.state",
        string="Regions",
        help="Members live in one of these provinces.",
    )
    tier_ids = fields.Many2many(
        "auto.loyalty.tier",
        string="Member Tiers",
        help="Members hold one of these membership tiers.",
    )
    member_ids = fields.One2many("auto.club.member", "club_id", string="Members")
    member_count = fields.Integer(compute="_compute_counts", string="Active Members")
    event_ids = fields.One2many("event.event", "auto_club_id", string="Events")
    event_count = fields.Integer(compute="_compute_counts", string="Event Count")
    upcoming_event_count = fields.Integer(
        compute="_compute_counts", string="Upcoming Events"
    )

    def _compute_counts(self):
        members = dict(
            self.env["auto.club.member"]._read_group(
                [("club_id", "in", self.ids), ("state", "=", "active")],
                ["club_id"],
                ["__count"],
            )
        )
        Event = self.env["event.event"]
        club_domain = [("auto_club_id", "in", self.ids)]
        events = dict(Event._read_group(club_domain, ["auto_club_id"], ["__count"]))
        upcoming = dict(
            Event._read_group(
                [*club_domain, ("date_end", ">=", fields.Datetime.now())],
                ["auto_club_id"],
                ["__count"],
            )
        )
        for club in self:
            club.member_count = members.get(club, 0)
            club.event_count = events.get(club, 0)
            club.upcoming_event_count = upcoming.get(club, 0)

    def _auto_refusal(self, partner):
        """Why ``partner`` may not join this club, or ``False``."""
        self.ensure_one()
        partner = partner.sudo()
        vehicles = partner.vehicle_ids
        if self.brand_ids and not vehicles.filtered(
            lambda vehicle: vehicle.model_id.brand_id in self.brand_ids
        ):
            return self.env._(
                "%(customer)s owns no %(brands)s vehicle.",
                customer=partner.display_name,
                brands=" / ".join(self.brand_ids.mapped("name")),
            )
        if self.model_ids and not vehicles.filtered(
            lambda vehicle: vehicle.model_id in self.model_ids
        ):
            return self.env._(
                "%(customer)s owns no %(models)s.",
                customer=partner.display_name,
                models=" / ".join(self.model_ids.mapped("display_name")),
            )
        if self.state_ids and partner.state_id not in self.state_ids:
            return self.env._(
                "%(customer)s does not live in %(regions)s.",
                customer=partner.display_name,
                regions=" / ".join(self.state_ids.mapped("name")),
            )
        tier = partner.auto_loyalty_card_id.tier_id
        if self.tier_ids and tier not in self.tier_ids:
            return self.env._(
                "%(customer)s is %(tier)s; the club takes %(tiers)s members.",
                customer=partner.display_name,
                tier=tier.name or self.env._("not a tier member"),
                tiers=" / ".join(self.tier_ids.mapped("name")),
            )
        return False

    def _auto_qualifying_vehicle(self, partner):
        """The vehicle that opens this club to ``partner``."""
        vehicles = partner.sudo().vehicle_ids
        if self.model_ids:
            vehicles = vehicles.filtered(lambda v: v.model_id in self.model_ids)
        elif self.brand_ids:
            vehicles = vehicles.filtered(
                lambda v: v.model_id.brand_id in self.brand_ids
            )
        return vehicles[:1]

    def _auto_club_action(self, model, name, view_mode, club_field):
        """The records of ``model`` whose ``club_field`` is this club."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": model,
            "name": name,
            "view_mode": view_mode,
            "domain": [(club_field, "=", self.id)],
            "context": {f"default_{club_field}": self.id},
        }

    def action_view_members(self):
        return self._auto_club_action(
            "auto.club.member", self.env._("Members"), "list,form", "club_id"
        )

    def action_view_events(self):
        return self._auto_club_action(
            "event.event",
            self.env._("Club Events"),
            "kanban,calendar,list,form",
            "auto_club_id",
        )
