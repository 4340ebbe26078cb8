"""Benchmark: refreshing the KPI board over a dealer group's volumes.

Run by hand against a database where the suite is installed with its demo
data (bin/serve's auto_crm_demo will do); everything it creates is rolled back:

    python3 bench/bench_kpi_board.py -d auto_crm_demo --leads 100000 \\
        --vehicles 200000 --work-orders 1000000 --members 100000 --tickets 20000

It clones demo rows with SQL, spread over the last two years and the demo's
people: leads, delivered vehicles with callback answers, done work orders
with NPS answers, complaints, members with points movements and win-back
episodes. Then it refreshes each KPI of the board (month, quarter and year,
per company, team and person) and prints seconds, queries and peak memory.
"""

import time

from benchlib import Measure, analyze, bench_env, clone_rows

from odoo.tools import SQL

# Over the last two years, a different day for each copy n.
SPREAD = "now() - make_interval(days => mod(n * 7, 730))"


def generate(env, args):
    cr = env.cr
    users = env["res.users"].search([("share", "=", False)]).ids
    pick_user = SQL("(%s::int[])[1 + mod(n, %s)]", users, len(users))
    clone_rows(
        cr,
        "crm_lead",
        env["crm.lead"].search([], limit=1).id,
        args.leads,
        {"create_date": SQL(SPREAD), "user_id": pick_user, "active": SQL("TRUE")},
    )
    vehicle_ids = clone_rows(
        cr,
        "fleet_vehicle",
        env["fleet.vehicle"].search([("owner_id", "!=", False)], limit=1).id,
        args.vehicles,
        {
            "vin_sn": SQL("NULL"),
            "license_plate": SQL("NULL"),
            "delivery_date": SQL(SPREAD),
            "auto_csat": SQL("(1 + mod(n, 5))::varchar"),
        },
    )
    clone_rows(
        cr,
        "repair_order",
        env["repair.order"].search([("state", "=", "done")], limit=1).id,
        args.work_orders,
        {
            "name": SQL("'BENCH/' || n"),
            "auto_vehicle_id": SQL(
                "(%s::int[])[1 + mod(n, %s)]", vehicle_ids, len(vehicle_ids)
            ),
            "user_id": pick_user,
            "auto_done_date": SQL(SPREAD),
            "auto_nps": SQL("mod(n, 11)::varchar"),
            "auto_nps_category": SQL(
                "CASE WHEN mod(n, 11) >= 9 THEN 'promoter' WHEN mod(n, 11) >= 7"
                " THEN 'passive' ELSE 'detractor' END"
            ),
            "auto_survey_date": SQL(SPREAD),
        },
    )
    clone_rows(
        cr,
        "helpdesk_ticket",
        env["helpdesk.ticket"].search([], limit=1).id,
        args.tickets,
        {
            "number": SQL("'BENCH' || n"),
            "auto_request_type": SQL("'complaint'"),
            "create_date": SQL(SPREAD),
            "auto_resolution_deadline": SQL(SPREAD + " + interval '2 days'"),
            "auto_resolved_date": SQL(SPREAD + " + interval '1 day'"),
            "auto_sla_breached": SQL("mod(n, 10) = 0"),
        },
    )
    partner_ids = clone_rows(
        cr,
        "res_partner",
        env.ref("auto_crm_leads.partner_customer_03_demo").id,
        args.members,
        {"id_number": SQL("NULL")},
    )
    pick_partner = SQL("(%s::int[])[n]", partner_ids)
    card_ids = clone_rows(
        cr,
        "auto_loyalty_card",
        env["auto.loyalty.card"].search([], limit=1).id,
        args.members,
        {
            "name": SQL("'BENCH' || n"),
            "partner_id": pick_partner,
            "join_date": SQL("now() - interval '3 years'"),
            "user_id": pick_user,
        },
    )
    # Two movements for one member in three: two in three stay inactive.
    clone_rows(
        cr,
        "auto_loyalty_move",
        env["auto.loyalty.move"].search([("move_type", "=", "import")], limit=1).id,
        args.members * 2 // 3,
        {
            "card_id": SQL("(%s::int[])[1 + mod(n, %s)]", card_ids, len(card_ids) // 3),
            "date": SQL(SPREAD),
            "origin_move_id": SQL("NULL"),
        },
    )
    winback = env["auto.loyalty.winback"].create(
        {
            "partner_id": partner_ids[0],
            "segment": "lost",
            "date_start": "2026-01-01",
            "state": "recalled",
        }
    )
    env.flush_all()
    clone_rows(
        cr,
        "auto_loyalty_winback",
        winback.id,
        args.members // 5 - 1,
        {
            "partner_id": SQL("(%s::int[])[n + 1]", partner_ids),
            "date_start": SQL(SPREAD),
            "user_id": pick_user,
            "state": SQL("CASE WHEN mod(n, 6) = 0 THEN 'recalled' ELSE 'open' END"),
        },
    )
    analyze(
        cr,
        "crm_lead",
        "fleet_vehicle",
        "repair_order",
        "helpdesk_ticket",
        "auto_loyalty_card",
        "auto_loyalty_move",
        "auto_loyalty_winback",
    )


def main():
    with bench_env(
        __doc__,
        leads=100_000,
        vehicles=200_000,
        work_orders=1_000_000,
        members=100_000,
        tickets=20_000,
    ) as (args, env):
        started = time.perf_counter()
        generate(env, args)
        print(f"generated the volumes in {time.perf_counter() - started:.1f} s")
        board = env["auto.kpi"].search([])
        total = Measure(env.cr)
        for kpi in board:
            started = time.perf_counter()
            kpi._auto_refresh()
            env.cr.execute(
                SQL("SELECT count(*) FROM auto_kpi_result WHERE kpi_id = %s", kpi.id)
            )
            print(
                f"{kpi.code}: {time.perf_counter() - started:.1f} s, "
                f"{env.cr.fetchone()[0]} results"
            )
        print(f"whole board ({len(board)} KPIs):")
        total.report(args.work_orders, "work orders")


if __name__ == "__main__":
    main()
