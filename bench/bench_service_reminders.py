"""Benchmark: the service reminder scheduler over N customer vehicles.

Run by hand against a database where auto_aftersales is installed with its demo
data (bin/serve's auto_crm_demo will do); everything it creates is rolled back:

    python3 bench/bench_service_reminders.py -d auto_crm_demo --vehicles 200000

It clones one demo customer and vehicle N times with SQL, spreading birthdays and
the insurance, inspection, warranty, purchase and delivery dates over the year,
gives each vehicle two odometer readings and every other one a done maintenance
work order (so the date-or-km maintenance and lost-customer reminders have
history to read), then runs every reminder of the scheduler batch by batch until
nothing is due. It prints seconds, queries and peak memory, and how many
events each reminder fired.
"""

import time

from benchlib import Measure, analyze, bench_env, clone_rows

from odoo import fields
from odoo.tools import SQL


def main():
    with bench_env(__doc__, vehicles=200_000, batch=5000) as (args, env):
        cr = env.cr
        source = env.ref("auto_crm_leads.vehicle_03_demo")
        done_repair = env.ref("auto_aftersales.repair_maintenance_done_demo")
        today = fields.Date.context_today(env["res.users"])
        started = time.perf_counter()

        def spread(days, offset=0):
            # n-th clone: a date within ``days`` of today, different per clone.
            return SQL("%s::date + mod(n + %s, %s)", today, offset, days)

        owner_ids = clone_rows(
            cr,
            "res_partner",
            source.owner_id.id,
            args.vehicles,
            {
                "id_number": SQL("NULL"),
                "birthday": SQL("%s::date - 9000 - mod(n, 9000)", today),
            },
        )
        nth = SQL("(%s::int[])[n]", owner_ids)
        vehicle_ids = clone_rows(
            cr,
            "fleet_vehicle",
            source.id,
            args.vehicles,
            {
                "owner_id": nth,
                "vin_sn": SQL("NULL"),
                "license_plate": SQL("NULL"),
                "insurance_renewal_date": spread(365),
                "inspection_due_date": spread(365, 100),
                "warranty_end_date": spread(1500, 200),
                "purchase_date": SQL("%s::date - mod(n, 3650)", today),
                "delivery_date": SQL("%s::date - mod(n, 400)", today),
            },
        )
        cr.execute(
            SQL(
                """
                INSERT INTO fleet_vehicle_odometer (vehicle_id, date, value)
                SELECT vehicle.id, vehicle.delivery_date + reading.day,
                       reading.day * 45
                  FROM fleet_vehicle vehicle,
                       (VALUES (1), (60)) AS reading(day)
                 WHERE vehicle.id = ANY(%s)
                """,
                vehicle_ids,
            )
        )
        every_other = SQL("(%s::int[])[2 * n]", vehicle_ids)
        repair_ids = clone_rows(
            cr,
            "repair_order",
            done_repair.id,
            args.vehicles // 2,
            {
                "name": SQL("'BENCH/' || n"),
                "auto_vehicle_id": every_other,
                "partner_id": SQL(
                    "(SELECT owner_id FROM fleet_vehicle WHERE id = %s)", every_other
                ),
                "auto_done_date": SQL("now() - make_interval(days => mod(n, 500))"),
                "auto_odometer_in": SQL("mod(n, 500) * 40"),
            },
        )
        analyze(
            cr, "res_partner", "fleet_vehicle", "fleet_vehicle_odometer", "repair_order"
        )
        print(
            f"generated {len(owner_ids)} customers, {len(vehicle_ids)} vehicles, "
            f"{2 * len(vehicle_ids)} odometer readings and {len(repair_ids)} work "
            f"orders in {time.perf_counter() - started:.1f} s"
        )

        Reminder = env["auto.service.reminder"]
        measure = Measure(cr)
        fired = runs = 0
        while True:
            count = Reminder._cron_auto_send_reminders(batch_size=args.batch)
            env.flush_all()
            env.invalidate_all()
            fired += count
            runs += 1
            if not count:
                break
        print(f"reminders fired: {fired} over {runs} scheduler runs")
        measure.report(args.vehicles, "vehicles")
        cr.execute(
            "SELECT reminder.kind, count(*) FROM auto_service_reminder_log log"
            " JOIN auto_service_reminder reminder ON reminder.id = log.reminder_id"
            " WHERE log.create_date >= now() GROUP BY reminder.kind ORDER BY 1"
        )
        print("fired per reminder:", ", ".join(f"{k} {n}" for k, n in cr.fetchall()))


if __name__ == "__main__":
    main()
