"""A year of club life for the demo dealer group (demo data only): members
enrolled from the card holders, an event about every month, attendance and
feedback. Deterministic, relative to the install date; attendance points go
through the ledger and are dated in the past in SQL."""

import random
from datetime import datetime, time, timedelta

from odoo import fields

from odoo.addons.auto_crm_leads.demo.crm_lead import HISTORY_DAYS, backdate

SEED = 6060
# (name, event type, club, attendance points)
EVENTS = [
    ("冬季用车技术沙龙", "event_type_tech_salon", "club_vw_demo", 50),
    ("丰田混动车主讲堂", "event_type_lecture", "club_toyota_demo", 50),
    ("西湖环湖自驾", "event_type_road_trip", "club_hangzhou_demo", 150),
    ("春季亲子自驾游：古北水镇", "event_type_road_trip", "club_vw_demo", 150),
    ("新能源充电与电池讲堂", "event_type_lecture", "club_id4_demo", 50),
    ("夏季空调养护沙龙", "event_type_tech_salon", "club_hangzhou_demo", 50),
    ("安全驾驶车主讲堂", "event_type_lecture", "club_vw_demo", 50),
    ("千岛湖亲子自驾游", "event_type_road_trip", "club_hangzhou_demo", 150),
    ("秋季长途自驾检查沙龙", "event_type_tech_salon", "club_toyota_demo", 50),
    ("车主答谢讲堂：保险与理赔", "event_type_lecture", "club_hangzhou_demo", 50),
]
FEEDBACK = {
    "5": "活动组织得很好，收获很大。",
    "4": "内容实用，希望多办。",
    "3": "还可以，时间有点长。",
}


def generate(env):
    """Called by the demo XML through ``ir.module.module._auto_demo_generate``."""
    _history(env["event.event"])


def _history(records):
    rng = random.Random(SEED)
    today = fields.Date.context_today(records)
    _members(records, rng)
    registrations, dates = records.env["event.registration"], {}
    for index, (name, event_type, club_xmlid, points) in enumerate(EVENTS):
        club = records.env.ref("auto_club." + club_xmlid)
        day = today - timedelta(days=HISTORY_DAYS - 15 - index * 34)
        begin = datetime.combine(day, time(1, 30))
        event = records.create(
            {
                "name": name,
                "event_type_id": records.env.ref("auto_club." + event_type).id,
                "auto_club_id": club.id,
                "date_begin": begin,
                "date_end": begin + timedelta(hours=3),
                "date_tz": "Asia/Shanghai",
                "seats_limited": True,
                "seats_max": 30,
                "auto_seat_points": 0,
                "auto_attend_points": points,
                # Past events: no confirmation or reminder mails to send.
                "event_mail_ids": [fields.Command.clear()],
                "company_id": club.company_id.id or records.env.company.id,
            }
        )
        members = club.member_ids.partner_id
        guests = rng.sample(list(members), min(len(members), rng.randrange(8, 20)))
        event_registrations = records.env["event.registration"].create(
            [
                {"event_id": event.id, "partner_id": partner.id, "state": "open"}
                for partner in guests
            ]
        )
        attended = event_registrations.filtered(lambda r: rng.random() < 0.8)
        attended.action_set_done()
        for registration in attended:
            rating = rng.choice("5554443")
            if rng.random() < 0.6:
                registration.write(
                    {"auto_rating": rating, "auto_feedback": FEEDBACK[rating]}
                )
        registrations |= event_registrations
        dates.update(
            (registration.id, begin - timedelta(days=rng.randrange(3, 20)))
            for registration in event_registrations
        )
    backdate(records.env, "event_registration", dates, ("create_date",))
    moves = records.env["auto.loyalty.move"].search(
        [
            (
                "source_ref",
                "in",
                [f"event.registration,{rid}" for rid in registrations.ids],
            )
        ]
    )
    backdate(
        records.env,
        "auto_loyalty_move",
        {move.id: move.source_ref.event_id.date_end for move in moves},
        ("date", "create_date"),
    )


def _members(records, rng):
    """Card holders join their brand's club, or the Hangzhou store's."""
    hangzhou = records.env.ref("auto_crm_leads.company_hangzhou_demo")
    clubs = {
        "Volkswagen": records.env.ref("auto_club.club_vw_demo"),
        "Toyota": records.env.ref("auto_club.club_toyota_demo"),
    }
    vals_list = []
    for card in records.env["auto.loyalty.card"].search([]):
        vehicle = card.partner_id.vehicle_ids[:1]
        club = (
            records.env.ref("auto_club.club_hangzhou_demo")
            if vehicle.company_id == hangzhou
            else clubs.get(vehicle.brand_id.name)
        )
        if not club or card.partner_id in club.member_ids.partner_id:
            continue
        if rng.random() < 0.6:
            vals_list.append(
                {
                    "club_id": club.id,
                    "partner_id": card.partner_id.id,
                    "join_date": max(
                        card.join_date, fields.Date.today() - timedelta(days=500)
                    ),
                }
            )
    records.env["auto.club.member"].create(vals_list)
