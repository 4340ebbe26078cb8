"""Benchmark: the overdue follow-up scheduler over N open leads.

Run by hand against a database where auto_crm_leads is installed (bin/serve's
auto_crm_demo will do); everything it creates is rolled back:

    python3 bench/bench_cadence_scheduler.py -d auto_crm_demo --leads 100000

It clones one real lead and its three new-lead follow-ups N times with SQL (the
ORM would take longer to build the data than the scheduler to process it), moves
every deadline into the past, then runs the scheduler batch by batch until
nothing is overdue. It prints seconds, queries and peak memory.
"""

import argparse
import resource
import time
from datetime import timedelta

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL


def clone_rows(cr, table, source_id, count, overrides):
    """Insert ``count`` copies of a row, with ``overrides`` (column -> SQL)."""
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name != 'id'",
            table,
        )
    )
    columns = [row[0] for row in cr.fetchall()]
    values = [
        overrides.get(column, SQL.identifier("src", column)) for column in columns
    ]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s src, generate_series(1, %s) AS n "
            "WHERE src.id = %s RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(values),
            SQL.identifier(table),
            count,
            source_id,
        )
    )
    return [row[0] for row in cr.fetchall()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", default="odoo.conf")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        manager = env.ref("base.user_admin")
        team = env["crm.team"].create({"name": "Bench team", "user_id": manager.id})
        lead = env["crm.lead"].create(
            {"name": "Bench lead", "type": "opportunity", "team_id": team.id}
        )
        activities = lead._auto_cadence_activities()
        env.flush_all()

        started = time.perf_counter()
        lead_ids = clone_rows(cr, "crm_lead", lead.id, args.leads, {})
        past = fields.Datetime.now() - timedelta(days=10)
        cr.execute(
            SQL(
                "CREATE TEMP TABLE bench_leads AS SELECT unnest(%s::int[]) AS lead_id",
                lead_ids,
            )
        )
        for activity in activities:
            cr.execute(
                SQL(
                    "INSERT INTO mail_activity (res_model_id, res_model, res_id, "
                    "activity_type_id, user_id, date_deadline, auto_deadline, "
                    "auto_cadence_id, summary, active, create_uid, write_uid, "
                    "create_date, write_date) "
                    "SELECT a.res_model_id, a.res_model, b.lead_id, "
                    "a.activity_type_id, a.user_id, %s, %s, a.auto_cadence_id, "
                    "a.summary, TRUE, "
                    "a.create_uid, a.write_uid, a.create_date, a.write_date "
                    "FROM mail_activity a, bench_leads b WHERE a.id = %s",
                    past.date(),
                    past,
                    activity.id,
                )
            )
        cr.execute("ANALYZE crm_lead")
        cr.execute("ANALYZE mail_activity")
        print(
            f"generated {args.leads} leads and {3 * args.leads} overdue follow-ups "
            f"in {time.perf_counter() - started:.1f} s"
        )

        Activity = env["mail.activity"]
        queries_before = cr.sql_log_count
        started = time.perf_counter()
        batches = 0
        while Activity.search_count(Activity._auto_overdue_domain(), limit=1):
            Activity._cron_auto_escalate_overdue(batch_size=args.batch)
            env.flush_all()
            env.invalidate_all()
            batches += 1
        elapsed = time.perf_counter() - started
        queries = cr.sql_log_count - queries_before
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"escalated {3 * args.leads} follow-ups of {args.leads} leads")
        print(f"batches of {args.batch}: {batches}")
        per_thousand = 1000 / args.leads
        print(f"seconds: {elapsed:.1f} ({elapsed * per_thousand:.2f} per 1,000 leads)")
        print(f"queries: {queries} ({queries * per_thousand:.1f} per 1,000 leads)")
        print(f"peak memory: {peak_mb:.0f} MB")
        cr.rollback()


if __name__ == "__main__":
    main()
