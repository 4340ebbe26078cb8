"""A year of showroom history for the demo dealer group (demo data only).

Deterministic (fixed seed), relative to the install date. Records are created
through the ORM so that every business rule applies; Odoo stamps them with
the current time, so the dates of the past are set afterwards in SQL.
"""

import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import SQL

from ..tools.vin import vin_check_digit

SEED = 2026
HISTORY_DAYS = 365
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
    "许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
)
GIVEN_NAMES = (
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 建国 "
    "晓峰 志强 海燕 雪梅 宇航 子涵 浩然 欣怡 思远 嘉怡 俊杰 佳琪 文博 一鸣 若曦"
).split()
OCCUPATIONS = (
    "教师 工程师 医生 个体经营 公务员 会计 销售经理 程序员 律师 设计师".split()
)
LEAD_TOPICS = ["咨询", "试驾", "置换", "报价", "首购"]
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
COLORS = "白色 黑色 珍珠白 星空蓝 钛金灰 魂动红 银色".split()
# Per store: city, plate prefix, VIN manufacturer codes by brand, model xmlids
# with list prices, and each consultant's knack for closing (win rate).
STORES = {
    "base.main_company": {
        "city": "北京",
        "state": "base.state_cn_BJ",
        "plate": "京",
        "team": "auto_crm_leads.crm_team_showroom_demo",
        "consultants": {
            "auto_crm_leads.user_consultant1_demo": 0.42,
            "auto_crm_leads.user_consultant2_demo": 0.24,
        },
        "models": {
            "model_magotan_demo": 230000,
            "model_sagitar_demo": 150000,
            "model_tayron_demo": 260000,
            "model_id4_demo": 190000,
            "model_camry_demo": 210000,
            "model_corolla_demo": 130000,
            "model_rav4_demo": 200000,
        },
        "old_vehicles": 50,
        "leads": 100,
    },
    "auto_crm_leads.company_hangzhou_demo": {
        "city": "杭州",
        "state": "base.state_cn_ZJ",
        "plate": "浙",
        "team": "auto_crm_leads.crm_team_hangzhou_demo",
        "consultants": {
            "auto_crm_leads.user_consultant3_demo": 0.36,
            "auto_crm_leads.user_consultant4_demo": 0.29,
        },
        "models": {
            "model_camry_demo": 210000,
            "model_corolla_demo": 130000,
            "model_rav4_demo": 200000,
            "model_highlander_demo": 300000,
            "model_bz4x_demo": 180000,
        },
        "old_vehicles": 70,
        "leads": 95,
    },
}
WMI = {"Volkswagen": "LFV", "Toyota": "LVG"}
COMPETITORS = ["model_accord_demo", "model_han_demo", "model_bmw3_demo"]
LOST_REASONS = {
    "crm_lost_reason_price": 5,
    "crm_lost_reason_competitor": 4,
    "crm_lost_reason_other_dealer": 3,
    "crm_lost_reason_postponed": 3,
    "crm_lost_reason_financing": 1,
    "crm_lost_reason_delivery": 1,
    "crm_lost_reason_unreachable": 2,
}
SOURCES = {
    "utm_source_showroom": 5,
    "utm_source_auto_platform": 4,
    "utm_source_phone": 2,
    "utm_source_dealer_website": 2,
    "utm_source_referral": 2,
    "utm_source_oem": 2,
    "utm_source_event": 1,
}


def backdate(env, table, dates, columns=("create_date",)):
    """Set the ``columns`` of the rows {id: datetime} of ``table`` in one
    statement: history is created now and dated afterwards."""
    if not dates:
        return
    env.flush_all()
    env.cr.execute(
        SQL(
            "UPDATE %s AS t SET %s FROM (VALUES %s) AS v(id, day) WHERE t.id = v.id",
            SQL.identifier(table),
            SQL(", ").join(SQL("%s = v.day", SQL.identifier(col)) for col in columns),
            SQL(", ").join(
                SQL("(%s, %s::timestamp)", rid, day) for rid, day in dates.items()
            ),
        )
    )
    env.invalidate_all()


def at(day, rng, start=9, end=18):
    """A working-hours datetime (UTC, as stored) of a Beijing-time day."""
    return datetime.combine(day, time(rng.randrange(start, end))) - timedelta(
        hours=8, minutes=-rng.randrange(60)
    )


def weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def demo_mobile(network, subscriber):
    """A mobile number of a real network: 1[3578]x, avoiding 154, 174, 179."""
    number = f"1{network}{subscriber:09d}"
    if number[:3] in ("154", "174", "179"):
        number = number[:2] + "8" + number[3:]
    return f"+86 {number}"


def generate(env):
    """Called by the demo XML through ``ir.module.module._auto_demo_generate``."""
    _history(env["crm.lead"])


def _history(records):
    """Customers, vehicles sold years ago and a year of leads, for both
    stores of the demo group."""
    rng = random.Random(SEED)
    today = fields.Date.context_today(records)
    for company_xmlid, store in STORES.items():
        company = records.env.ref(company_xmlid)
        consultants = [records.env.ref(xmlid) for xmlid in store["consultants"]]
        owners = _customers(records, rng, store, consultants, store["old_vehicles"])
        vehicles = []
        for owner in owners:
            delivered = today - timedelta(days=rng.randrange(400, 2200))
            vehicles.append(
                _vehicle_vals(records, rng, store, company, owner, delivered)
            )
        records.env["fleet.vehicle"].create(vehicles)
        _leads(records, rng, store, company, consultants, today)


def _customers(records, rng, store, consultants, count):
    state = records.env.ref(store["state"])
    vals_list = []
    for _index in range(count):
        gender = rng.choice(["male", "female"])
        vals_list.append(
            {
                "name": rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
                "mobile": demo_mobile(rng.choice("3578"), rng.randrange(10**9)),
                "city": store["city"],
                "state_id": state.id,
                "country_id": state.country_id.id,
                "user_id": rng.choice(consultants).id,
                "gender": gender,
                "birthday": fields.Date.to_date("1965-01-01")
                + timedelta(days=rng.randrange(13000)),
                "occupation": rng.choice(OCCUPATIONS),
                "usage_scenario": rng.choice(["family", "business", "offroad"]),
            }
        )
    return records.env["res.partner"].create(vals_list)


def _vehicle_vals(records, rng, store, company, owner, delivered, model=None):
    model = model or records.env.ref(
        "auto_crm_leads." + rng.choice(list(store["models"]))
    )
    electric = model.default_fuel_type == "electric"
    serial = "".join(rng.choice("0123456789") for _i in range(5))
    letter = rng.choice(PLATE_LETTERS[:12])
    plate = (
        f"{store['plate']}{letter}D{rng.choice(VIN_CHARS)}{serial[:4]}"
        if electric
        else f"{store['plate']}{letter}{rng.choice(VIN_CHARS)}{serial[:4]}"
    )
    vin = WMI.get(model.brand_id.name, "LSV") + "".join(
        rng.choice(VIN_CHARS) for _i in range(14)
    )
    vin = vin[:8] + vin_check_digit(vin[:8] + "0" + vin[9:]) + vin[9:]
    return {
        "model_id": model.id,
        "company_id": company.id,
        "owner_id": owner.id,
        "driver_id": owner.id,
        "license_plate": plate,
        "vin_sn": vin,
        "model_year": str(delivered.year),
        "color": rng.choice(COLORS),
        "fuel_type": model.default_fuel_type,
        "selling_company_id": company.id,
        "purchase_date": delivered - timedelta(days=rng.randrange(2, 8)),
        "delivery_date": delivered,
        "warranty_end_date": delivered + timedelta(days=3 * 365),
        "warranty_end_km": 100000,
        "insurance_renewal_date": delivered
        + relativedelta(years=(fields.Date.today() - delivered).days // 365 + 1),
    }


def _leads(records, rng, store, company, consultants, today):
    """Leads created over the past year. The older ones are closed, won
    at the consultant's rate (some months better than others) or lost
    with a reason; the recent ones are open in every grade."""
    team = records.env.ref(store["team"])
    prospects = _customers(
        records, rng, store, consultants, store["leads"]
    ).with_context(tracking_disable=True)
    season = [rng.uniform(0.7, 1.3) for _month in range(13)]
    won_stage = records.env.ref("crm.stage_lead4")
    stages = {
        grade: records.env.ref(f"crm.stage_lead{number}")
        for grade, number in (("O", 3), ("H", 3), ("A", 2), ("B", 2))
    }
    leads_vals, plans = [], []
    for partner in prospects:
        recent = rng.random() < 0.25
        created = today - timedelta(
            days=rng.randrange(0, 45) if recent else rng.randrange(45, HISTORY_DAYS)
        )
        model_xmlid = rng.choice(list(store["models"]))
        model = records.env.ref("auto_crm_leads." + model_xmlid)
        price = store["models"][model_xmlid]
        consultant = partner.user_id
        age = (today - created).days
        rate = store["consultants"][consultant.get_external_id()[consultant.id]]
        if age > 45:
            won = rng.random() < rate * season[created.month]
            outcome = "won" if won else rng.choice(["lost"] * 5 + ["stale"])
        else:
            outcome = "open"
        grade = {
            "open": rng.choice("OHAABBCCNN"),
            "won": "O",
            "lost": rng.choice("ABC"),
            "stale": rng.choice("CN"),
        }[outcome]
        vals = {
            "name": f"{model.name} {rng.choice(LEAD_TOPICS)}",
            "type": "opportunity",
            "partner_id": partner.id,
            "user_id": consultant.id,
            "team_id": team.id,
            "company_id": company.id,
            "source_id": records.env.ref("auto_crm_leads." + weighted(rng, SOURCES)).id,
            "auto_desired_model_id": model.id,
            "auto_desired_color": rng.choice(COLORS),
            "expected_revenue": price,
            "auto_test_drive_done": rng.random() < 0.6,
            "auto_quote_given": rng.random() < 0.5,
            **_grade_vals(records, rng, grade, price, today),
        }
        if grade in stages:
            vals["stage_id"] = stages[grade].id
        leads_vals.append(vals)
        plans.append((created, outcome, model))
    leads = records.with_context(tracking_disable=True).create(leads_vals)
    dates, closed, vehicles, lost = {}, {}, [], {}
    # The store's latest sale is delivered today: the month's delivery KPIs
    # have a figure on its first day too.
    latest_won = max(
        (plan[0], index) for index, plan in enumerate(plans) if plan[1] == "won"
    )[1]
    for index, (lead, (created, outcome, model)) in enumerate(
        zip(leads, plans, strict=True)
    ):
        dates[lead.id] = at(created, rng)
        if outcome == "won":
            delivered = min(
                created + timedelta(days=rng.randrange(8, 40)),
                today - timedelta(days=1),
            )
            if index == latest_won:
                delivered = today
            vehicle = _vehicle_vals(
                records, rng, store, company, lead.partner_id, delivered, model
            )
            vehicles.append(vehicle)
            closed[lead.id] = at(vehicle["purchase_date"], rng)
        elif outcome == "lost":
            reason = records.env.ref("auto_crm_leads." + weighted(rng, LOST_REASONS))
            lost.setdefault(reason, records.browse())
            lost[reason] |= lead
            closed[lead.id] = at(created + timedelta(days=rng.randrange(3, 35)), rng)
    won = [lead.id for lead, plan in zip(leads, plans, strict=True) if plan[1] == "won"]
    records.browse(won).write({"stage_id": won_stage.id})
    for reason, reason_leads in lost.items():
        reason_leads.action_set_lost(lost_reason_id=reason.id)
        competing = reason.get_external_id()[reason.id].endswith(
            ("competitor", "other_dealer", "price")
        )
        for lead in reason_leads if competing else []:
            lead.auto_competitor_model_id = records.env.ref(
                "auto_crm_leads." + rng.choice(COMPETITORS)
            )
    records.env["fleet.vehicle"].create(vehicles)
    backdate(records.env, "crm_lead", dates, ("create_date", "date_open"))
    backdate(
        records.env,
        "crm_lead",
        closed,
        ("date_closed", "date_last_stage_update", "write_date"),
    )
    # The new-lead cadence was planned from today: replan the open leads
    # by their grade, as if they had been followed up to now.
    opened = records.browse(
        lead.id
        for lead, plan in zip(leads, plans, strict=True)
        if plan[1] in ("open", "stale")
    )
    opened._auto_start_cadence()
    _done_follow_ups(records, rng, opened, dates)
    _overdue(records, rng, opened, today)


def _grade_vals(records, rng, grade, price, today):
    """Criteria that make the consultant's grade the suggested one."""
    if grade == "O":
        return {
            "auto_deposit_received": True,
            "auto_deposit_amount": rng.choice([5000, 10000, 20000]),
            "auto_configuration_chosen": True,
            "auto_payment_method": rng.choice(["cash", "instalment"]),
            "auto_grade": "O",
        }
    if grade == "H":
        return {
            "auto_configuration_chosen": True,
            "auto_payment_method": "instalment",
            "auto_loan_in_progress": True,
            "auto_delivery_date": today + timedelta(days=rng.randrange(3, 10)),
            "auto_grade": "H",
        }
    if grade == "A":
        return {
            "auto_configuration_chosen": True,
            "auto_trade_in": rng.random() < 0.5,
            "auto_payment_method": rng.choice(["cash", "instalment"]),
            "auto_grade": "A",
        }
    timeframe = {"B": "1_month", "C": "3_months", "N": "unknown"}[grade]
    return {
        "auto_purchase_timeframe": timeframe,
        "auto_budget": price * rng.choice([0.8, 0.9, 1.0]),
        "auto_grade": grade,
    }


def _done_follow_ups(records, rng, leads, created):
    """The first follow-up of the older open leads, done since: most before
    their deadline (a day after the lead came in), some after it. The
    cadence planned the next one when it was done."""
    now = fields.Datetime.now()
    older = leads.filtered(lambda lead: created[lead.id] < now - timedelta(days=3))
    activities = older._auto_cadence_activities()
    lead_of = {activity.id: activity.res_id for activity in activities}
    activities.action_feedback(feedback="已联系客户，约定下次跟进时间。")
    rows = []
    for activity_id, lead_id in lead_of.items():
        deadline = created[lead_id] + timedelta(days=1)
        late = rng.random() < 0.15
        done = deadline + (
            timedelta(days=rng.uniform(0.5, 3))
            if late
            else -timedelta(hours=rng.uniform(1, 20))
        )
        rows.append(
            SQL(
                "(%s, %s, %s::timestamp, %s::timestamp, %s)",
                activity_id,
                lead_id,
                deadline,
                done,
                0 if late else 100,
            )
        )
    if not rows:
        return
    records.env.flush_all()
    records.env.cr.execute(
        SQL(
            """
            UPDATE mail_activity a
               SET auto_deadline = v.deadline,
                   date_deadline = (v.deadline AT TIME ZONE 'UTC'
                                    AT TIME ZONE 'Asia/Shanghai')::date,
                   date_done = (v.done AT TIME ZONE 'UTC'
                                AT TIME ZONE 'Asia/Shanghai')::date,
                   auto_on_time = v.on_time, write_date = v.done
              FROM (VALUES %(rows)s) AS v(id, lead_id, deadline, done, on_time)
             WHERE a.id = v.id;
            UPDATE mail_message m
               SET date = v.done
              FROM (VALUES %(rows)s) AS v(id, lead_id, deadline, done, on_time)
             WHERE m.model = 'crm.lead' AND m.res_id = v.lead_id
               AND m.mail_activity_type_id IS NOT NULL AND m.date >= %(now)s
            """,
            rows=SQL(", ").join(rows),
            now=now - timedelta(minutes=5),
        )
    )
    records.env.invalidate_all()


def _overdue(records, rng, leads, today):
    """A few open follow-ups the consultants let slip: due days ago."""
    activities = leads._auto_cadence_activities()
    late = activities.filtered(lambda act: rng.random() < 0.2)
    dates = {
        activity.id: datetime.combine(
            today - timedelta(days=rng.randrange(1, 6)), time(2)
        )
        for activity in late
    }
    backdate(records.env, "mail_activity", dates, ("auto_deadline",))
    records.env.cr.execute(
        SQL(
            "UPDATE mail_activity SET date_deadline = (auto_deadline"
            " AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date"
            " WHERE id IN %s",
            tuple(late.ids) or (0,),
        )
    )
    records.env.invalidate_all()
    # The scheduler has run since: the showroom manager has them to chase.
    records.env["mail.activity"]._cron_auto_escalate_overdue()
