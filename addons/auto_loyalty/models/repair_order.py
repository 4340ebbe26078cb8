from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    _inherit = "repair.order"

    auto_spend_amount = fields.Monetary(
        string="Work Order Value",
        compute="_compute_auto_spend_amount",
        store=True,
        currency_field="auto_currency_id",
        help="Untaxed total of its quotation, else its parts at sales price: "
        "what the job counts for in tiers, points and RFM.",
    )
    auto_currency_id = fields.Many2one(related="company_id.currency_id")
    auto_member_tier_id = fields.Many2one(
        "auto.loyalty.tier",
        string="Member Tier",
        compute="_compute_auto_member_tier_id",
    )
    # Tier benefits (会员权益) on the job.
    auto_dedicated_advisor_id = fields.Many2one(
        "res.users",
        string="Dedicated Advisor",
        compute="_compute_auto_member_benefits",
        help="The member's dedicated advisor, proposed as the work order's.",
    )
    auto_wash_allowance = fields.Integer(
        string="Free Washes per Year", compute="_compute_auto_member_benefits"
    )
    auto_wash_remaining = fields.Integer(
        string="Free Washes Left", compute="_compute_auto_member_benefits"
    )
    auto_wash_used = fields.Boolean(
        string="Free Car Wash", compute="_compute_auto_member_benefits"
    )
    auto_wash_ids = fields.One2many(
        "auto.loyalty.wash", "repair_id", string="Car Washes", readonly=True
    )
    auto_birthday_free = fields.Boolean(
        string="Birthday Free Maintenance",
        readonly=True,
        copy=False,
        tracking=True,
        help="The member's yearly free maintenance on their birthday: the "
        "labour (service lines) of the quotation is free.",
    )
    auto_points_earned = fields.Integer(
        string="Points Earned", compute="_compute_auto_points"
    )
    auto_points_redeemed = fields.Integer(
        string="Points Redeemed", compute="_compute_auto_points"
    )

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {
            "auto_spend_amount",
            "auto_birthday_free",
        }

    @api.depends(
        "sale_order_id.order_line.price_subtotal",
        "under_warranty",
        "move_ids.product_uom_qty",
        "move_ids.repair_line_type",
        "move_ids.product_id",
    )
    def _compute_auto_spend_amount(self):
        for repair in self:
            repair.auto_spend_amount = sum(
                amount for _product, amount in repair._auto_spend_lines()
            )

    @api.depends("partner_id")
    @api.depends_context("uid")
    def _compute_auto_member_tier_id(self):
        # The tier of the card the user may see (none for users of other
        # apps, e.g. an accountant or a stock user reading the work order).
        for repair in self:
            repair.auto_member_tier_id = repair.partner_id.auto_loyalty_card_id.tier_id

    @api.depends("partner_id", "auto_wash_ids")
    def _compute_auto_member_benefits(self):
        washes = dict(
            self.env["auto.loyalty.wash"]
            .sudo()
            ._read_group([("repair_id", "in", self.ids)], ["repair_id"], ["__count"])
        )
        for repair in self:
            card = repair._auto_member_card()
            repair.auto_dedicated_advisor_id = card._auto_dedicated_advisor()
            repair.auto_wash_allowance = card.wash_allowance
            repair.auto_wash_remaining = card.wash_remaining
            repair.auto_wash_used = bool(washes.get(repair))

    def _auto_member_card(self):
        """The customer's active membership card, whoever reads the job: its
        benefits are the job's."""
        self.ensure_one()
        return self.partner_id.sudo().auto_loyalty_card_id.filtered(
            lambda card: card.state == "active"
        )

    @api.depends("partner_id")
    def _compute_auto_courtesy_car(self):
        return super()._compute_auto_courtesy_car()

    def _auto_courtesy_car_offered(self):
        # Gold and above (会员权益): a courtesy car whatever the job's length.
        return super()._auto_courtesy_car_offered() or bool(
            self._auto_member_card().tier_id.courtesy_car
        )

    @api.onchange("partner_id")
    def _onchange_auto_dedicated_advisor(self):
        advisor = self.auto_dedicated_advisor_id
        if advisor and self.company_id in advisor.company_ids:
            # The advisor serves the member at the station the job is at.
            station = self.picking_type_id
            self.user_id = advisor
            self.picking_type_id = station

    def _compute_auto_points(self):
        moves = (
            self.env["auto.loyalty.move"]
            .sudo()
            .search(
                [
                    ("source_ref", "in", [f"repair.order,{rid}" for rid in self.ids]),
                    ("move_type", "in", ("earn", "redeem")),
                ]
            )
        )
        for repair in self:
            own = moves.filtered(lambda move, repair=repair: move.source_ref == repair)
            repair.auto_points_earned = sum(
                own.filtered(lambda move: move.move_type == "earn").mapped("points")
            )
            repair.auto_points_redeemed = -sum(
                own.filtered(lambda move: move.move_type == "redeem").mapped("points")
            )

    @api.model_create_multi
    def create(self, vals_list):
        # A member with a dedicated advisor has them on every job, unless the
        # job names its advisor.
        for vals in vals_list:
            if "user_id" in vals:
                continue
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            if not partner and vals.get("auto_vehicle_id"):
                partner = (
                    self.env["fleet.vehicle"].browse(vals["auto_vehicle_id"]).owner_id
                )
            advisor = partner.sudo().auto_loyalty_card_id._auto_dedicated_advisor()
            company = self.env["res.company"].browse(vals.get("company_id"))
            if advisor and (company or self.env.company) in advisor.company_ids:
                vals["user_id"] = advisor.id
        repairs = super().create(vals_list)
        # Priority repair (优先维修) is a tier benefit: star the job, whoever
        # opens it (the tier is read as the system).
        repairs.filtered(
            lambda repair: repair.sudo().auto_member_tier_id.priority_repair
        ).priority = "1"
        return repairs

    def action_create_sale_order(self):
        # Before the quotation: its labour lines are free from the first one.
        self._auto_grant_birthday_maintenance()
        result = super().action_create_sale_order()
        # The member's maintenance discount, whoever quotes the job.
        for repair in self.filtered(
            lambda repair: repair.auto_service_type == "maintenance"
        ):
            discount = repair.sudo().auto_member_tier_id.maintenance_discount
            if discount:
                repair.sale_order_id.order_line.filtered(
                    lambda line: line.price_unit > 0
                ).discount = discount
        return result

    def action_repair_done(self):
        result = super().action_repair_done()
        for repair in self:
            card = repair.partner_id.sudo().auto_loyalty_card_id
            if not card:
                continue
            card._auto_earn(
                repair, repair._auto_spend_lines(), repair.auto_service_type
            )
        return result

    def action_auto_use_wash(self):
        """The member's free car wash, with this job."""
        self.ensure_one()
        card = self._auto_member_card()
        if not card:
            raise UserError(
                self.env._(
                    "%(customer)s has no active membership card: no free car wash.",
                    customer=self.partner_id.display_name or self.env._("The job"),
                )
            )
        if self.auto_wash_used:
            raise UserError(
                self.env._(
                    "%(order)s includes its free car wash already.", order=self.name
                )
            )
        # The advisor of the job records it; the card is the member's, not
        # theirs to change.
        self.check_access("write")
        self.env["auto.loyalty.wash"].create({"card_id": card.id, "repair_id": self.id})
        return True

    def _auto_grant_birthday_maintenance(self):
        """Free labour on a maintenance job quoted in the member's birthday
        month, for tiers with the benefit: once a year (the year of the job),
        whoever quotes at the same time."""
        for repair in self.filtered(
            lambda repair: (
                repair.auto_service_type == "maintenance"
                and not repair.auto_birthday_free
                and repair.partner_id.birthday
            )
        ):
            card = repair._auto_member_card()
            day = fields.Date.context_today(repair, repair.schedule_date)
            if not (
                card.tier_id.birthday_free_maintenance
                and repair.partner_id.birthday.month == day.month
            ):
                continue
            card._auto_lock()
            if (
                self.sudo()
                .with_context(active_test=False)
                .search_count(
                    [
                        ("partner_id", "=", repair.partner_id.id),
                        ("auto_birthday_free", "=", True),
                        ("state", "!=", "cancel"),
                        ("schedule_date", ">=", datetime(day.year, 1, 1)),
                        ("schedule_date", "<", datetime(day.year + 1, 1, 1)),
                    ],
                    limit=1,
                )
            ):
                continue
            repair.sudo().auto_birthday_free = True

    def _auto_spend_lines(self):
        """What the job is worth to the customer, line by line, as [(product,
        untaxed amount)]: its quotation's lines, else its parts at sales price,
        nothing for the parts of a job under warranty (the manufacturer pays).
        The work order's value (tiers, RFM) and its points are both built
        here."""
        self.ensure_one()
        if self.sale_order_id:
            return [
                (line.product_id, line.price_subtotal)
                for line in self.sale_order_id.order_line
            ]
        return [
            (
                move.product_id,
                0.0
                if self.under_warranty
                else move.product_uom_qty * move.product_id.lst_price,
            )
            for move in self.move_ids
            if move.repair_line_type == "add"
        ]

    def action_auto_redeem_points(self):
        self.ensure_one()
        action = self.partner_id.auto_loyalty_card_id._auto_wizard_action(
            "auto_loyalty.auto_loyalty_redeem_wizard_action"
        )
        action["context"].update(
            default_repair_id=self.id, default_purpose="work_order"
        )
        return action
