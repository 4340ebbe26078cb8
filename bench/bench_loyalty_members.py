"""Benchmark: the tier review and points expiry schedulers over N members.

Run by hand against a database where auto_loyalty is installed with its demo
data (bin/serve's auto_crm_demo will do); everything it creates is rolled back:

    python3 bench/bench_loyalty_members.py -d auto_crm_demo --members 100000

It clones one demo customer and card N times with SQL, gives each member a done
work order worth 0 to 600,000 over the past year and a ledger of three imported
lots (two of them past their expiry) and one redemption, then runs the tier
review and the expiry schedulers batch by batch until nothing is left. It prints
seconds, queries and peak memory of each, and members per tier.
"""

import time

from benchlib import Measure, analyze, bench_env, clone_rows

from odoo.tools import SQL


def run_until_done(env, cron, batch):
    measure = Measure(env.cr)
    runs = done = 0
    while count := cron(batch_size=batch):
        env.flush_all()
        env.invalidate_all()
        done += count
        runs += 1
    return measure, done, runs


def main():
    with bench_env(__doc__, members=100_000, batch=10000) as (args, env):
        cr = env.cr
        started = time.perf_counter()
        card = env.ref("auto_loyalty.card_03_demo")
        done_repair = env.ref("auto_aftersales.repair_maintenance_done_demo")
        partner_ids = clone_rows(
            cr,
            "res_partner",
            card.partner_id.id,
            args.members,
            {"id_number": SQL("NULL")},
        )
        nth = SQL("(%s::int[])[n]", partner_ids)
        card_ids = clone_rows(
            cr,
            "auto_loyalty_card",
            card.id,
            args.members,
            {
                "name": SQL("'BENCH' || n"),
                "partner_id": nth,
                "tier_id": SQL("NULL"),
                "tier_check_date": SQL("NULL"),
                "points_balance": SQL("1000"),
            },
        )
        clone_rows(
            cr,
            "repair_order",
            done_repair.id,
            args.members,
            {
                "name": SQL("'BENCH/' || n"),
                "auto_vehicle_id": SQL("NULL"),
                "partner_id": nth,
                "auto_done_date": SQL("now() - make_interval(days => mod(n, 360))"),
                "auto_spend_amount": SQL("mod(n * 7919, 600000)"),
            },
        )
        # Lots of 300 (expired 100 days ago), 300 (expired yesterday) and 500
        # (valid), then 100 redeemed: 500 of the 600 expired points go.
        cr.execute(
            SQL(
                """
                INSERT INTO auto_loyalty_move (
                    card_id, partner_id, company_id, move_type, points, date,
                    expiry_date, description,
                    create_uid, create_date, write_uid, write_date)
                SELECT card.id, card.partner_id, card.company_id, lot.move_type,
                       lot.points, now() - make_interval(days => lot.age),
                       CURRENT_DATE + lot.expires, 'Bench', 1, now(), 1, now()
                  FROM auto_loyalty_card card,
                       (VALUES ('import', 300, 800, -100), ('import', 300, 700, -1),
                               ('import', 500, 30, 700), ('redeem', -100, 20, NULL))
                       AS lot(move_type, points, age, expires)
                 WHERE card.id = ANY(%s)
                """,
                card_ids,
            )
        )
        analyze(
            cr, "res_partner", "auto_loyalty_card", "auto_loyalty_move", "repair_order"
        )
        print(
            f"generated {len(card_ids)} members, {len(card_ids)} work orders and "
            f"{4 * len(card_ids)} ledger moves in {time.perf_counter() - started:.1f} s"
        )
        Card = env["auto.loyalty.card"]
        measure, done, runs = run_until_done(
            env, Card._cron_auto_recompute_tiers, args.batch
        )
        print(f"tier review: {done} cards in {runs} batches")
        measure.report(args.members, "members")
        measure, done, runs = run_until_done(
            env, env["auto.loyalty.move"]._cron_auto_expire_points, args.batch
        )
        print(f"points expiry: {done} cards in {runs} batches")
        measure.report(args.members, "members")
        cr.execute(
            SQL(
                "SELECT COALESCE(tier.name->>'en_US', 'none'), count(*),"
                " min(card.points_balance), max(card.points_balance)"
                " FROM auto_loyalty_card card"
                " LEFT JOIN auto_loyalty_tier tier ON tier.id = card.tier_id"
                " WHERE card.id = ANY(%s) GROUP BY 1 ORDER BY 2 DESC",
                card_ids,
            )
        )
        for tier, count, low, high in cr.fetchall():
            print(f"  {tier}: {count} members, balances {low}..{high}")


if __name__ == "__main__":
    main()
