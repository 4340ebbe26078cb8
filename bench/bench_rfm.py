"""Benchmark: RFM segmentation over N customers and their service lines.

Run by hand against a database where auto_loyalty is installed with its demo
data (bin/serve's auto_crm_demo will do); everything it creates is rolled back:

    python3 bench/bench_rfm.py -d auto_crm_demo --customers 100000 --lines 1000000

It clones one demo customer N times and one done work order L times with SQL,
spreading the work orders over the customers and the last three years with
varied values, then runs the RFM scheduler once (scores, segments, win-back
episodes and their activities) and a second time (nothing changed). It prints
seconds, queries and peak memory, and the customers per segment.
"""

import time

from benchlib import Measure, analyze, bench_env, clone_rows

from odoo.tools import SQL


def main():
    with bench_env(__doc__, customers=100_000, lines=1_000_000) as (args, env):
        cr = env.cr
        started = time.perf_counter()
        customer = env.ref("auto_crm_leads.partner_customer_03_demo")
        done_repair = env.ref("auto_aftersales.repair_maintenance_done_demo")
        partner_ids = clone_rows(
            cr, "res_partner", customer.id, args.customers, {"id_number": SQL("NULL")}
        )
        # Customer k gets lines k, k + N, k + 2N...: about L / N visits each,
        # the later customers' visits further in the past.
        line_ids = clone_rows(
            cr,
            "repair_order",
            done_repair.id,
            args.lines,
            {
                "name": SQL("'BENCH/' || n"),
                "auto_vehicle_id": SQL("NULL"),
                "partner_id": SQL(
                    "(%s::int[])[1 + mod(n, %s)]", partner_ids, args.customers
                ),
                "auto_done_date": SQL(
                    "now() - make_interval(days => mod(n * 7, 1095)"
                    " + mod(n, %s) / 100)",
                    args.customers,
                ),
                "auto_spend_amount": SQL("200 + mod(n * 37, 5000)"),
            },
        )
        analyze(cr, "res_partner", "repair_order")
        print(
            f"generated {len(partner_ids)} customers and {len(line_ids)} done work "
            f"orders in {time.perf_counter() - started:.1f} s"
        )
        Partner = env["res.partner"]
        for run in ("first run", "second run (nothing changed)"):
            measure = Measure(cr)
            updated = Partner._cron_auto_rfm()
            env.flush_all()
            print(f"{run}: {updated} customers updated")
            measure.report(args.customers, "customers")
        cr.execute(
            SQL(
                "SELECT auto_rfm_segment, count(*) FROM res_partner"
                " WHERE id = ANY(%s) GROUP BY 1 ORDER BY 1",
                partner_ids,
            )
        )
        print("segments:", ", ".join(f"{s} {n}" for s, n in cr.fetchall()))


if __name__ == "__main__":
    main()
