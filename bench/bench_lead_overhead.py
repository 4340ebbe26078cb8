"""Benchmark: what our addons add to creating and editing leads (crm.lead).

Run by hand against two databases: one with the suite installed (bin/serve's
auto_crm_demo will do) and one with Odoo's CRM alone, made once with

    odoo -c odoo.conf -d bench_crm_stock -i crm --stop-after-init

then

    python3 bench/bench_lead_overhead.py -d auto_crm_demo \\
        --stock-database bench_crm_stock --leads 1000

In each database, as the administrator with tracking and chatter on (what a
user's click costs), it creates the same N opportunities one call at a time
(customer, salesperson, expected revenue), then edits each of them three times
(stage, priority and revenue, next salesperson), each call flushed as an RPC
would be. Everything is rolled back. It prints seconds and queries per
database and their ratio: the suite's overhead. Target: at most 10 %.
"""

import time

from benchlib import bench_env, scratch_env

from odoo import Command

ROUNDS = ("create", "write")


def prepare(env, count):
    """The customers, stages and second salesperson the rounds use."""
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {index}"} for index in range(count // 10 + 1)]
    )
    stages = env["crm.stage"].search([], limit=2)
    other_user = env["res.users"].create(
        {
            "name": "Bench salesperson",
            "login": "bench_salesperson",
            "groups_id": [Command.link(env.ref("sales_team.group_sale_salesman").id)],
        }
    )
    return partners, stages, other_user


def workload(env, prepared, count):
    """Seconds and queries of each round on ``env``, as {round: (s, q)}."""
    Lead = env["crm.lead"]
    partners, stages, other_user = prepared
    env.flush_all()
    figures = {}
    cr = env.cr
    started, queries = time.perf_counter(), cr.sql_log_count
    leads = Lead
    for index in range(count):
        leads |= Lead.create(
            {
                "name": f"Bench opportunity {index}",
                "type": "opportunity",
                "partner_id": partners[index % len(partners)].id,
                "user_id": env.uid,
                "expected_revenue": 150000 + index,
            }
        )
        env.flush_all()
    figures["create"] = (time.perf_counter() - started, cr.sql_log_count - queries)
    env.invalidate_all()
    started, queries = time.perf_counter(), cr.sql_log_count
    for lead in leads:
        lead.write({"stage_id": stages[-1].id})
        env.flush_all()
        lead.write({"priority": "2", "expected_revenue": 180000})
        env.flush_all()
        lead.write({"user_id": other_user.id})
        env.flush_all()
    figures["write"] = (time.perf_counter() - started, cr.sql_log_count - queries)
    return figures


def main():
    with bench_env(__doc__, leads=1000, stock_database="") as (args, _env):
        if not args.stock_database:
            raise SystemExit("--stock-database is required (Odoo's CRM alone)")
        results = {}
        for label, database in (
            ("stock crm", args.stock_database),
            ("with our addons", args.database),
        ):
            with scratch_env(database, uid=2, context={}) as env:
                prepared = prepare(env, args.leads)
                workload(env, prepared, 50)  # warm the caches and the registry
                env.invalidate_all()
                results[label] = workload(env, prepared, args.leads)
        print(f"{args.leads} opportunities, one call each")
        print("| round | database | seconds | ms / call | queries / call |")
        for name in ROUNDS:
            calls = args.leads * (3 if name == "write" else 1)
            for label, figures in results.items():
                seconds, queries = figures[name]
                print(
                    f"| {name} | {label} | {seconds:.1f} | "
                    f"{1000 * seconds / calls:.2f} | {queries / calls:.1f} |"
                )
            stock, ours = results["stock crm"][name], results["with our addons"][name]
            print(
                f"overhead on {name}: {100 * (ours[0] / stock[0] - 1):+.0f} % time, "
                f"{100 * (ours[1] / stock[1] - 1):+.0f} % queries"
            )


if __name__ == "__main__":
    main()
