"""A year of membership history for the demo dealer group (demo data only):
cards, points earned on the year's work orders, redemptions, legacy points
that expired, and win-back episodes. Deterministic, relative to the install
date; made through the ledger, then dated in the past in SQL."""

import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import SQL

from odoo.addons.auto_crm_leads.demo.crm_lead import HISTORY_DAYS, at, backdate

from ..models.res_config_settings import loyalty_param

SEED = 5050
REWARDS = [
    "兑换：保养工时抵扣",
    "兑换：车载香氛礼盒",
    "兑换：免费洗车 5 次",
    "兑换：原厂雨刮片",
]


def generate(env):
    """Called by the demo XML through ``ir.module.module._auto_demo_generate``."""
    _history(env["auto.loyalty.card"])


def _history(records):
    rng = random.Random(SEED)
    today = fields.Date.context_today(records)
    start = today - timedelta(days=HISTORY_DAYS)
    owners = records.env["fleet.vehicle"].search(
        [("selling_company_id", "!=", False), ("owner_id", "!=", False)]
    )
    vals_list, seen = [], set()
    for vehicle in owners:
        partner = vehicle.owner_id
        if partner.auto_loyalty_card_ids or partner in seen or rng.random() > 0.7:
            continue
        seen.add(partner)
        vals_list.append(
            {
                "partner_id": partner.id,
                "company_id": vehicle.company_id.id,
                "join_date": max(vehicle.delivery_date, start - timedelta(days=900)),
            }
        )
    # Walk-ins who joined at the showroom without buying: mostly quiet.
    prospects = records.env["crm.lead"].search(
        [("active", "=", False), ("partner_id", "!=", False)]
    )
    for lead in prospects.filtered(lambda lead: rng.random() < 0.5):
        partner = lead.partner_id
        if partner not in seen and not partner.auto_loyalty_card_ids:
            seen.add(partner)
            vals_list.append(
                {
                    "partner_id": lead.partner_id.id,
                    "company_id": lead.company_id.id or records.env.company.id,
                    "join_date": lead.create_date.date(),
                }
            )
    cards = records.create(vals_list)
    _vehicle_sales(records, rng, cards, start)
    dates = {}
    _legacy_points(records, rng, cards, start, today, dates)
    repairs = records.env["repair.order"].search(
        [("state", "=", "done"), ("partner_id", "in", cards.partner_id.ids)],
        order="auto_done_date",
    )
    for repair in repairs:
        card = repair.partner_id.auto_loyalty_card_id
        lines = [
            (move.product_id, move.product_uom_qty * move.product_id.lst_price)
            for move in repair.move_ids
            if move.repair_line_type == "add"
        ]
        move = card._auto_earn(repair, lines, repair.auto_service_type)
        if move:
            dates[move.id] = repair.auto_done_date
    Move = records.env["auto.loyalty.move"]
    for card in cards.filtered(lambda card: card.points_balance > 800):
        if rng.random() < 0.4:
            points = min(card.points_balance, rng.choice([500, 800, 1000, 2000]))
            move = Move.create(
                {
                    "card_id": card.id,
                    "move_type": "redeem",
                    "points": -points,
                    "description": rng.choice(REWARDS),
                    "company_id": card.company_id.id,
                }
            )
            dates[move.id] = at(today - timedelta(days=rng.randrange(1, 200)), rng)
    backdate(records.env, "auto_loyalty_move", dates, ("date", "create_date"))
    _date_from_first_points(records, dates)
    _expiry(records, dates)
    records.search([])._auto_recompute_tiers()
    _winbacks(records, rng, today)


def _date_from_first_points(records, dates):
    """Points earned in the past expire counted from that day, and a
    member joined no later than their first points."""
    records.env.cr.execute(
        SQL(
            """
            UPDATE auto_loyalty_move
               SET expiry_date = (date + make_interval(months => %s))::date
             WHERE id = ANY(%s) AND move_type = 'earn'
               AND expiry_date IS NOT NULL;
            UPDATE auto_loyalty_card card
               SET join_date = first_points.day
              FROM (SELECT card_id, min(date)::date AS day
                      FROM auto_loyalty_move GROUP BY card_id) first_points
             WHERE first_points.card_id = card.id
               AND first_points.day < card.join_date
            """,
            loyalty_param(records.env, "expiry_months"),
            list(dates),
        )
    )
    records.env.invalidate_all()


def _vehicle_sales(records, rng, cards, start):
    """The sales orders of the members' cars bought this year: they count
    in the tiers and earn points."""
    product = records.env.ref("auto_loyalty.product_new_vehicle_sale_demo")
    vehicles = records.env["fleet.vehicle"].search(
        [
            ("owner_id", "in", cards.partner_id.ids),
            ("purchase_date", ">=", start),
            ("selling_company_id", "!=", False),
        ]
    )
    orders = records.env["sale.order"]
    for vehicle in vehicles:
        orders |= (
            records.env["sale.order"]
            .with_company(vehicle.company_id)
            .create(
                {
                    "partner_id": vehicle.owner_id.id,
                    "company_id": vehicle.company_id.id,
                    "order_line": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "name": vehicle.model_id.display_name,
                                "price_unit": rng.randrange(130, 320) * 1000,
                                "tax_id": False,
                            }
                        )
                    ],
                }
            )
        )
    orders.action_confirm()
    dates = {}
    for order, vehicle in zip(orders, vehicles, strict=True):
        dates[order.id] = at(vehicle.purchase_date, rng)
        move = order.partner_id.auto_loyalty_card_id._auto_earn(
            order, [(product, order.amount_untaxed)]
        )
        if move:
            backdate(
                records.env,
                "auto_loyalty_move",
                {move.id: dates[order.id]},
                ("date", "create_date"),
            )
    backdate(records.env, "sale_order", dates, ("date_order", "create_date"))


def _legacy_points(records, rng, cards, start, today, dates):
    """Points brought over from the old DMS by the older members; some of
    them expired during the year (积分过期)."""
    months = loyalty_param(records.env, "expiry_months")
    vals_list = []
    for card in cards.filtered(lambda card: card.join_date < start):
        if rng.random() < 0.6:
            imported = at(card.join_date, rng)
            vals_list.append(
                {
                    "card_id": card.id,
                    "move_type": "import",
                    "points": rng.randrange(5, 60) * 100,
                    "description": "原 DMS 系统积分",
                    "expiry_date": imported.date() + relativedelta(months=months),
                    "company_id": card.company_id.id,
                }
            )
    moves = records.env["auto.loyalty.move"].create(vals_list)
    dates.update((move.id, at(move.card_id.join_date, rng)) for move in moves)


def _expiry(records, dates):
    """Expire what is due and date each expiry on the day it fell due."""
    Move = records.env["auto.loyalty.move"]
    before = set(Move.search([("move_type", "=", "expire")]).ids)
    Move._cron_auto_expire_points()
    expired = Move.search(
        [("move_type", "=", "expire"), ("id", "not in", list(before))]
    )
    due = {}
    for move in expired:
        credits = Move.search(
            [
                ("card_id", "=", move.card_id.id),
                ("expiry_date", "<=", fields.Date.today()),
            ],
            order="expiry_date desc",
            limit=1,
        )
        due[move.id] = fields.Datetime.to_datetime(credits.expiry_date)
    backdate(records.env, "auto_loyalty_move", due, ("date", "create_date"))


def _winbacks(records, rng, today):
    """Churn episodes of the year: flagged when a customer had not come
    for the recency limit, recalled when they came back."""
    far = loyalty_param(records.env, "rfm_r_far_days")
    start = today - timedelta(days=HISTORY_DAYS)
    visits = {}
    for partner, days in records.env["repair.order"]._read_group(
        [("state", "=", "done"), ("partner_id", "!=", False)],
        ["partner_id"],
        ["auto_done_date:array_agg"],
    ):
        visits[partner] = sorted(day.date() for day in days)
    vals_list = []
    for partner, days in visits.items():
        for previous, following in zip(days, [*days[1:], None], strict=True):
            flagged = previous + timedelta(days=far)
            if not start <= flagged < today or (following and following <= flagged):
                continue
            recalled = following and following < today
            vehicle = partner.vehicle_ids[:1]
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "segment": "sleeping",
                    "user_id": (vehicle.auto_service_advisor_id or partner.user_id).id,
                    "date_start": flagged,
                    "last_visit": previous,
                    "state": "recalled" if recalled else "open",
                    "date_recalled": recalled and following,
                    "recalled": 100 if recalled else 0,
                }
            )
    episodes = records.env["auto.loyalty.winback"].create(vals_list)
    # The scheduler ran this morning: each store's latest open episode was
    # flagged today, so the recall KPI has a figure on the month's first day.
    for company in records.env["res.company"].search([]):
        latest = episodes.filtered(
            lambda episode, c=company: (
                episode.state == "open"
                and (episode.partner_id.company_id or episode.user_id.company_id) == c
            )
        ).sorted("date_start")[-1:]
        latest.date_start = today
