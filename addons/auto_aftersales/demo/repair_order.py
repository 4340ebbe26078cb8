"""A year of workshop history for the demo dealer group (demo data only):
work orders with parts and survey answers, 7-day delivery callbacks, service
requests and complaints. Deterministic, relative to the install date; made
through the business methods, then dated in the past in SQL."""

import logging
import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from odoo import fields
from odoo.tools import SQL

from odoo.addons.auto_crm_leads.demo.crm_lead import HISTORY_DAYS, at, backdate

_logger = logging.getLogger(__name__)

SEED = 4040
# Each advisor's share of customers who come back when maintenance is due,
# of jobs that sell a value-added service, and of happy customers.
ADVISORS = {
    "base.main_company": {
        "user_service_advisor_demo": {"back": 0.78, "va": 0.5, "happy": 0.9},
        "user_service_advisor2_demo": {"back": 0.5, "va": 0.28, "happy": 0.7},
    },
    "auto_crm_leads.company_hangzhou_demo": {
        "user_service_advisor3_demo": {"back": 0.66, "va": 0.42, "happy": 0.84},
    },
}
TECHNICIANS = {
    "base.main_company": ["user_technician_senior_demo", "user_technician_junior_demo"],
    "auto_crm_leads.company_hangzhou_demo": ["user_technician3_demo"],
}
# Consultants: share of delivery callbacks made within 7 days, of satisfied
# buyers.
CONSULTANTS = {
    "user_consultant1_demo": (0.96, 0.95),
    "user_consultant2_demo": (0.7, 0.82),
    "user_consultant3_demo": (1.0, 0.93),
    "user_consultant4_demo": (0.85, 0.88),
}
PARTS = {
    "Volkswagen": {
        "maintenance": [
            ("part_oil_filter_new_demo", 1),
            ("part_engine_oil_vw_demo", 4),
        ],
        "extra": ("part_cabin_filter_vw_demo", 1),
        "repair": [("part_brake_pads_demo", 1), ("part_battery_vw_demo", 1)],
        "warranty": [("part_water_pump_vw_demo", 1), ("part_brake_pads_demo", 1)],
        "recall": [("part_water_pump_vw_demo", 1)],
        "accident": [("part_bumper_vw_demo", 1)],
    },
    "Toyota": {
        "maintenance": [
            ("part_oil_filter_toyota_demo", 1),
            ("part_engine_oil_toyota_demo", 4),
        ],
        "extra": ("part_cabin_filter_toyota_demo", 1),
        "repair": [
            ("part_brake_pads_toyota_demo", 1),
            ("part_air_filter_toyota_demo", 1),
        ],
        "warranty": [("part_brake_pads_toyota_demo", 1)],
        "recall": [("part_fuel_pump_toyota_demo", 1)],
        "accident": [("part_bumper_toyota_demo", 1)],
    },
}
VALUE_ADDED = [
    "product_extended_warranty_2y_demo",
    "product_floor_mats_demo",
    "product_dashcam_demo",
    "product_care_package_demo",
]
NOTES = {
    "maintenance": "定期保养：更换机油、机滤，全车检查。",
    "repair": "客户反映异响，检查后更换零件。",
    "warranty": "保修范围内故障，按厂家保修政策更换。",
    "recall": "厂家召回/主动服务：按技术通报升级更换。",
    "accident": "事故维修：钣喷及配件更换，保险定损。",
}
HAPPY_COMMENTS = [
    "服务很专业，速度快。",
    "顾问讲解清楚，满意。",
    "环境好，等待时间短。",
]
UNHAPPY_COMMENTS = ["等待时间太长。", "价格偏贵，没有提前说明。", "问题没有一次修好。"]
TICKETS = {
    "service": ["预约保养", "预约检查异响", "咨询保修政策", "预约年检代办"],
    "complaint": ["维修后问题复现", "交车时间延误", "费用与报价不符", "服务态度差"],
    "rescue": ["道路救援：爆胎", "道路救援：电瓶亏电", "道路救援：无法启动"],
}


def generate(env):
    """Called by the demo XML through ``ir.module.module._auto_demo_generate``."""
    _history(env["repair.order"])


def _history(records):
    rng = random.Random(SEED)
    today = fields.Date.context_today(records)
    for company_xmlid, advisors in ADVISORS.items():
        company = records.env.ref(company_xmlid)
        station = records.env["stock.warehouse"].search(
            [
                ("company_id", "=", company.id),
                ("auto_is_service_station", "=", True),
            ],
            limit=1,
        )
        profiles = [
            (records.env.ref("auto_aftersales." + xmlid), profile)
            for xmlid, profile in advisors.items()
        ]
        technicians = [
            records.env.ref("auto_aftersales." + xmlid)
            for xmlid in TECHNICIANS[company_xmlid]
        ]
        vehicles = records.env["fleet.vehicle"].search(
            [("company_id", "=", company.id), ("owner_id", "!=", False)]
        )
        visits = []
        for vehicle in vehicles:
            advisor, profile = rng.choice(profiles)
            for day, service_type, km in _visits(records, rng, vehicle, profile, today):
                visits.append(
                    (day, vehicle, station, advisor, profile, service_type, km)
                )
        _due_back_today(records, visits, today)
        visits.sort(key=lambda visit: (visit[0], visit[1].id))
        lines = [_lines(records, rng, visit) for visit in visits]
        _stock(records.with_company(company), station, lines, today)
        repairs = _work_orders(
            records.with_company(company), rng, visits, lines, technicians
        )
        _surveys(records, rng, repairs, visits)
        _logger.info("Demo history: %s work orders at %s", len(repairs), station.name)
    _delivery_callbacks(records, rng, today)
    _tickets(records, rng, today)


def _due_back_today(records, visits, today):
    """Move the last maintenance visit nearest to one interval ago to
    exactly one interval ago: a car of the store is due back today, so the
    returning-customer KPI has a figure on the month's first day too."""
    interval = min(
        records.env["auto.service.reminder"]
        .search([("kind", "=", "maintenance")])
        .mapped("interval_days"),
        default=0,
    )
    if not interval:
        return
    last = {}
    for index, visit in enumerate(visits):
        if visit[0] >= last.get(visit[1], (date.min, 0))[0]:
            last[visit[1]] = (visit[0], index)
    due = today - timedelta(days=interval)
    candidates = [
        index for _day, index in last.values() if visits[index][5] == "maintenance"
    ]
    if candidates:
        index = min(candidates, key=lambda i: abs((visits[i][0] - due).days))
        visits[index] = (due, *visits[index][1:])


def _visits(records, rng, vehicle, profile, today):
    """(day, service type, odometer) of the vehicle's visits: maintenance
    every six months or so when the customer comes back, late or never
    otherwise, and now and then a repair, a warranty job, a recall or an
    accident. The readings go on from the vehicle's last one."""
    if vehicle.brand_id.name not in PARTS:
        return []
    last = vehicle.odometer_log_ids.sorted("value")[-1:]
    since = last.date or vehicle.delivery_date
    km = int(last.value)
    per_day = rng.randrange(25, 70)
    window = today - timedelta(days=HISTORY_DAYS)
    if vehicle.delivery_date < window:
        day = window - timedelta(days=rng.randrange(0, 170))
    else:
        day = vehicle.delivery_date + timedelta(days=rng.randrange(90, 190))
    days = []
    while day < today:
        days.append((day, "maintenance"))
        back = rng.random() < profile["back"]
        if not back and rng.random() < 0.5:
            break  # gone to an independent garage: a lost customer
        day += timedelta(
            days=rng.randrange(160, 196) if back else rng.randrange(215, 420)
        )
    if rng.random() < 0.35:
        extra = window + timedelta(days=rng.randrange(HISTORY_DAYS - 1))
        kind = rng.choice(["repair", "repair", "warranty", "recall", "accident"])
        days.append((extra, kind))
    visits = []
    for day, kind in sorted(days):
        if day <= since or day >= today:
            continue
        km = max(km + 1, int(last.value) + per_day * (day - since).days)
        if kind == "warranty" and vehicle._auto_warranty_ended(day, km):
            kind = "repair"  # out of warranty: the customer pays
        visits.append((day, kind, km))
    return visits


def _lines(records, rng, visit):
    """[(product, quantity)] of a visit's parts, with a value-added sale
    as often as the advisor manages."""
    _day, vehicle, _station, _advisor, profile, service_type, _km = visit
    parts = PARTS[vehicle.brand_id.name]
    if service_type == "maintenance":
        chosen = list(parts["maintenance"])
        if rng.random() < 0.4:
            chosen.append(parts["extra"])
    else:
        chosen = [rng.choice(parts[service_type])]
    if rng.random() < profile["va"]:
        chosen.append((rng.choice(VALUE_ADDED), 1))
    return [
        (records.env.ref("auto_aftersales." + xmlid).product_variant_id, quantity)
        for xmlid, quantity in chosen
    ]


def _stock(records, station, lines, today):
    """Receive, a year ago, the parts the year's jobs will use: the stock
    count adds them to what the station holds."""
    needed = defaultdict(int)
    for visit_lines in lines:
        for product, quantity in visit_lines:
            if product.is_storable:
                needed[product] += quantity
    location = station.lot_stock_id
    Quant = records.env["stock.quant"].with_context(inventory_mode=True)
    quants = Quant.browse()
    for product, quantity in needed.items():
        on_hand = product.with_context(location=location.id).qty_available
        quants |= Quant.create(
            {
                "product_id": product.id,
                "location_id": location.id,
                "inventory_quantity": on_hand + quantity + 10,
            }
        )
    quants.action_apply_inventory()
    moves = records.env["stock.move"].search(
        [("is_inventory", "=", True), ("product_id", "in", [p.id for p in needed])]
    )
    received = datetime.combine(today - timedelta(days=HISTORY_DAYS + 30), time(2))
    dates = dict.fromkeys(moves.ids, received)
    backdate(records.env, "stock_move", dates, ("date",))
    backdate(
        records.env,
        "stock_move_line",
        dict.fromkeys(moves.move_line_ids.ids, received),
        ("date",),
    )


def _work_orders(records, rng, visits, lines, technicians):
    """Create the work orders, issue their parts and complete them, then
    date them back: opened, done, parts issued, their chatter."""
    vals_list, done = [], []
    for day, vehicle, station, advisor, _profile, service_type, km in visits:
        opened = at(day, rng, 8, 12)
        hours = 24 * rng.randrange(2, 4) if service_type == "accident" else 4
        promised = opened + timedelta(hours=hours)
        done.append(promised + timedelta(minutes=rng.randrange(-90, 120)))
        vals_list.append(
            {
                "partner_id": vehicle.owner_id.id,
                "auto_vehicle_id": vehicle.id,
                "picking_type_id": station.repair_type_id.id,
                "company_id": station.company_id.id,
                "auto_service_type": service_type,
                "auto_odometer_in": km,
                "user_id": advisor.id,
                "auto_technician_id": rng.choice(technicians).id,
                "schedule_date": opened,
                "auto_promised_date": promised,
                "internal_notes": NOTES[service_type],
            }
        )
    Repair = records.with_context(tracking_disable=True)
    repairs = Repair.create(vals_list)
    records.env["stock.move"].create(
        [
            {
                "repair_id": repair.id,
                "repair_line_type": "add",
                "product_id": product.id,
                "product_uom_qty": quantity,
            }
            for repair, repair_lines in zip(repairs, lines, strict=True)
            for product, quantity in repair_lines
        ]
    )
    repairs._action_repair_confirm()
    repairs.action_repair_start()
    repairs.action_repair_end()
    done_dates = dict(zip(repairs.ids, done, strict=True))
    opened_dates = {
        repair.id: repair.schedule_date - timedelta(minutes=30) for repair in repairs
    }
    backdate(records.env, "repair_order", opened_dates, ("create_date",))
    backdate(records.env, "repair_order", done_dates, ("auto_done_date", "write_date"))
    moves = repairs.move_ids
    backdate(
        records.env,
        "stock_move",
        {move.id: done_dates[move.repair_id.id] for move in moves},
        ("date",),
    )
    backdate(
        records.env,
        "stock_move_line",
        {
            line.id: done_dates[line.move_id.repair_id.id]
            for line in moves.move_line_ids
        },
        ("date",),
    )
    _date_chatter(records, "repair.order", done_dates)
    _followups(records, repairs, done_dates)
    return repairs


def _date_chatter(records, model, dates):
    records.env.flush_all()
    records.env.cr.execute(
        SQL(
            "UPDATE mail_message m SET date = v.day FROM (VALUES %s) AS v(id, day)"
            " WHERE m.model = %s AND m.res_id = v.id",
            SQL(", ").join(
                SQL("(%s, %s::timestamp)", rid, day) for rid, day in dates.items()
            ),
            model,
        )
    )


def _followups(records, repairs, done_dates):
    """The post-service follow-ups were planned from today: those of past
    jobs are history, the others are due counted from the job."""
    today = fields.Date.context_today(records)
    activities = records.env["mail.activity"].search(
        [("res_model", "=", "repair.order"), ("res_id", "in", repairs.ids)]
    )
    delays = {
        rule.activity_type_id: timedelta(hours=rule.delay_hours)
        for rule in records.env["auto.service.followup.rule"].search(
            [("trigger", "=", "repair_done")]
        )
    }
    due = {
        activity: done_dates[activity.res_id]
        + delays.get(activity.activity_type_id, timedelta())
        for activity in activities
    }
    past = [
        activity.id for activity, deadline in due.items() if deadline.date() < today
    ]
    records.env["mail.activity"].browse(past).unlink()
    for activity, deadline in due.items():
        if deadline.date() >= today:
            activity.write(
                {"date_deadline": deadline.date(), "auto_deadline": deadline}
            )


def _answers(records, rng, happy):
    """CSAT, NPS and comment of a customer of a team ``happy`` that often."""
    mood = rng.random()
    if mood < happy * 0.72:
        csat, nps = "5", str(rng.choice([9, 10]))
    elif mood < happy * 0.72 + 0.2:
        csat, nps = rng.choice("45"), str(rng.choice([7, 8]))
    else:
        csat, nps = rng.choice("123"), str(rng.randrange(2, 7))
    comments = HAPPY_COMMENTS if int(csat) >= 4 else UNHAPPY_COMMENTS
    return {
        "auto_csat": csat,
        "auto_nps": nps,
        "auto_survey_comment": rng.choice(comments),
    }


def _surveys(records, rng, repairs, visits):
    """About half the customers answer the survey after the job; the
    unhappy ones get their callback ticket."""
    answered = {}
    for repair, visit in zip(repairs, visits, strict=True):
        if rng.random() < 0.5:
            repair.write(_answers(records, rng, visit[4]["happy"]))
            answered[repair.id] = repair.auto_done_date + timedelta(
                hours=rng.randrange(3, 48)
            )
    backdate(records.env, "repair_order", answered, ("auto_survey_date",))
    callbacks = records.browse(list(answered)).auto_callback_ticket_id
    _close_tickets(
        records,
        rng,
        {ticket: answered[ticket.auto_source_repair_id.id] for ticket in callbacks},
    )


def _delivery_callbacks(records, rng, today):
    """The 7-day callback of each vehicle delivered this year: made in
    time by most consultants, late or never by some; the buyer's answers."""
    vehicles = records.env["fleet.vehicle"].search(
        [
            ("delivery_date", ">", today - timedelta(days=HISTORY_DAYS)),
            ("delivery_date", "<", today - timedelta(days=7)),
            ("owner_id.user_id", "!=", False),
        ]
    )
    records.env["auto.service.followup.rule"]._auto_plan("vehicle_delivered", vehicles)
    activity_type = records.env.ref(
        "auto_aftersales.auto_service_followup_delivery"
    ).activity_type_id
    activities = records.env["mail.activity"].search(
        [
            ("res_model", "=", "fleet.vehicle"),
            ("res_id", "in", vehicles.ids),
            ("activity_type_id", "=", activity_type.id),
        ]
    )
    by_vehicle = {activity.res_id: activity for activity in activities}
    messages, answered, unhappy = {}, {}, {}
    for vehicle in vehicles:
        xmlid = vehicle.owner_id.user_id.get_external_id()[vehicle.owner_id.user_id.id]
        on_time, satisfied = CONSULTANTS.get(xmlid.split(".")[-1], (0.9, 0.9))
        chance = rng.random()
        if chance > on_time + (1 - on_time) * 0.6 or vehicle.id not in by_vehicle:
            continue  # never called back: the activity stays overdue
        days = rng.randrange(1, 8) if chance < on_time else rng.randrange(9, 20)
        called = at(vehicle.delivery_date + timedelta(days=days), rng)
        answers = _answers(records, rng, satisfied)
        message_id = by_vehicle[vehicle.id].action_feedback(
            feedback=answers["auto_survey_comment"]
        )
        messages[message_id] = called
        if rng.random() < 0.85:
            vehicle.write(answers)
            answered[vehicle.id] = called
            if vehicle.auto_callback_ticket_id:
                unhappy[vehicle.auto_callback_ticket_id] = called
    backdate(records.env, "mail_message", messages, ("date",))
    backdate(records.env, "fleet_vehicle", answered, ("auto_survey_date",))
    _close_tickets(records, rng, unhappy)
    _delivered_today(records, rng, today)


def _delivered_today(records, rng, today):
    """The cars handed over today: their buyer was called back before
    leaving the showroom, satisfied."""
    vehicles = records.env["fleet.vehicle"].search(
        [("delivery_date", "=", today), ("owner_id.user_id", "!=", False)]
    )
    records.env["auto.service.followup.rule"]._auto_plan("vehicle_delivered", vehicles)
    activity_type = records.env.ref(
        "auto_aftersales.auto_service_followup_delivery"
    ).activity_type_id
    for vehicle in vehicles:
        answers = _answers(records, rng, 1.0)
        vehicle.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        ).action_feedback(feedback=answers["auto_survey_comment"])
        vehicle.write(answers)


def _tickets(records, rng, today):
    """Service requests, complaints and rescues of the year, per store:
    handled within their service levels, a few late, the latest open."""
    agent = records.env.ref("auto_crm_leads.user_call_agent_demo")
    channel = records.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
    opened, late, handled = {}, set(), set()
    now = fields.Datetime.now()
    midnight = datetime.combine(now.date(), time())
    handled_since = now - min(timedelta(hours=4), (now - midnight) * 0.9)
    for company_xmlid, counts in (
        ("base.main_company", {"service": 10, "complaint": 8, "rescue": 3}),
        (
            "auto_crm_leads.company_hangzhou_demo",
            {"service": 9, "complaint": 6, "rescue": 3},
        ),
    ):
        company = records.env.ref(company_xmlid)
        repairs = records.search(
            [("company_id", "=", company.id), ("state", "=", "done")]
        )
        vals_list, days = [], []
        for request_type, count in counts.items():
            for _index in range(count):
                repair = rng.choice(repairs)
                vals_list.append(
                    {
                        "name": rng.choice(TICKETS[request_type]),
                        "description": "客户来电：" + rng.choice(TICKETS[request_type]),
                        "auto_request_type": request_type,
                        "partner_id": repair.partner_id.id,
                        "auto_vehicle_id": repair.auto_vehicle_id.id,
                        "auto_station_id": repair.auto_station_id.id,
                        "auto_source_repair_id": request_type == "complaint"
                        and repair.id,
                        "user_id": agent.id,
                        "channel_id": channel.id,
                        "company_id": company.id,
                    }
                )
                days.append(
                    at(today - timedelta(days=rng.randrange(0, HISTORY_DAYS)), rng)
                )
        # One complaint of today already handled: the month's complaint KPI
        # has a figure on its first day too.
        vals_list[counts["service"]]["name"] += "（当日处理）"
        days[counts["service"]] = handled_since
        tickets = records.env["helpdesk.ticket"].create(vals_list)
        handled.add(tickets[counts["service"]])
        for ticket, day in zip(tickets, days, strict=True):
            opened[ticket] = day
            advisor = ticket.auto_source_repair_id.user_id
            weak = advisor == records.env.ref(
                "auto_aftersales.user_service_advisor2_demo"
            )
            if rng.random() < (0.35 if weak else 0.06):
                late.add(ticket)
    _close_tickets(records, rng, opened, late, handled)


def _close_tickets(records, rng, opened, late=(), handled=()):
    """Take tickets {ticket: opened on} through first contact, the
    station's completion report and the callback, then date each step
    back: within the service level, or past it for the ``late`` ones.
    Tickets opened in the last two days are still being worked on, but the
    ``handled`` ones, done by now."""
    now = fields.Datetime.now()
    tickets = records.env["helpdesk.ticket"].browse(ticket.id for ticket in opened)
    recent = tickets.filtered(
        lambda t: opened[t] > now - timedelta(days=2) and t not in handled
    )
    closing = tickets - recent
    tickets.action_auto_first_contact()
    closing.action_auto_report_completion()
    for ticket in closing:
        ticket.auto_callback_note = rng.choice(
            [
                "客户确认问题已解决，表示满意。",
                "客户认可处理结果。",
                "已致歉并说明改进措施，客户接受。",
            ]
        )
    closing.action_auto_log_callback()
    for ticket in closing.filtered(lambda t: t.auto_request_type != "callback"):
        if rng.random() < 0.5:
            ticket.write(_answers(records, rng, 0.97))
    closing.with_context(tracking_disable=True).write(
        {"stage_id": records.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id}
    )
    rows = []
    for ticket in tickets:
        sla = ticket.auto_sla_id
        start = opened[ticket]
        slow = 1.6 if ticket in late else rng.uniform(0.2, 0.8)
        contact = start + timedelta(minutes=sla.first_contact_minutes * slow)
        resolved = start + timedelta(hours=sla.resolution_hours * slow)
        callback = resolved + timedelta(
            hours=sla.callback_hours * rng.uniform(0.1, 0.9)
        )
        if ticket in handled:  # each step by now, well within the levels
            span = now - start
            contact = start + min(
                span * 0.1, timedelta(minutes=sla.first_contact_minutes * 0.5)
            )
            resolved = start + min(
                span * 0.5, timedelta(hours=sla.resolution_hours * 0.5)
            )
            callback = resolved + min(
                (now - resolved) * 0.5, timedelta(hours=sla.callback_hours * 0.5)
            )
        done = ticket in closing
        rows.append(
            SQL(
                "(%s, %s::timestamp, %s::timestamp, %s::timestamp, %s::timestamp,"
                " %s::timestamp, %s::timestamp, %s::timestamp)",
                ticket.id,
                start,
                contact,
                start + timedelta(minutes=sla.first_contact_minutes),
                start + timedelta(hours=sla.resolution_hours),
                resolved if done else None,
                resolved + timedelta(hours=sla.callback_hours) if done else None,
                callback if done else None,
            )
        )
    if not rows:
        return
    records.env.flush_all()
    records.env.cr.execute(
        SQL(
            """
            UPDATE helpdesk_ticket t
               SET create_date = v.opened, assigned_date = v.opened,
                   auto_first_contact_date = v.contact,
                   auto_first_contact_deadline = v.contact_due,
                   auto_resolution_deadline = v.resolution_due,
                   auto_resolved_date = v.resolved,
                   auto_callback_deadline = v.callback_due,
                   auto_callback_date = v.callback,
                   auto_survey_date = CASE WHEN t.auto_survey_date IS NOT NULL
                                      THEN v.callback END,
                   closed_date = v.callback, last_stage_update = v.callback,
                   auto_sla_breached = FALSE
              FROM (VALUES %s) AS v(id, opened, contact, contact_due,
                    resolution_due, resolved, callback_due, callback)
             WHERE t.id = v.id
            """,
            SQL(", ").join(rows),
        )
    )
    _date_chatter(
        records, "helpdesk.ticket", {ticket.id: opened[ticket] for ticket in tickets}
    )
    records.env.invalidate_all()
    tickets._auto_flag_late()
