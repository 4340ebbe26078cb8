"""Benchmark: the overdue follow-up scheduler over N open leads.

Run by hand against a database where auto_crm_leads is installed (bin/serve's
auto_crm_demo will do); everything it creates is rolled back:

    python3 bench/bench_cadence_scheduler.py -d auto_crm_demo --leads 100000

It clones one real lead and its three new-lead follow-ups N times with SQL (the
ORM would take longer to build the data than the scheduler to process it), moves
every deadline into the past, then runs the scheduler batch by batch until
nothing is overdue. It prints seconds, queries and peak memory.
"""

import time
from datetime import timedelta

from benchlib import Measure, analyze, bench_env, clone_rows

from odoo import fields
from odoo.tools import SQL


def main():
    with bench_env(__doc__, leads=100_000, batch=1000) as (args, env):
        cr = env.cr
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
        analyze(cr, "crm_lead", "mail_activity")
        print(
            f"generated {args.leads} leads and {3 * args.leads} overdue follow-ups "
            f"in {time.perf_counter() - started:.1f} s"
        )

        Activity = env["mail.activity"]
        measure = Measure(cr)
        batches = 0
        while Activity.search_count(Activity._auto_overdue_domain(), limit=1):
            Activity._cron_auto_escalate_overdue(batch_size=args.batch)
            env.flush_all()
            env.invalidate_all()
            batches += 1
        print(f"escalated {3 * args.leads} follow-ups of {args.leads} leads")
        print(f"batches of {args.batch}: {batches}")
        measure.report(args.leads, "leads")


if __name__ == "__main__":
    main()
