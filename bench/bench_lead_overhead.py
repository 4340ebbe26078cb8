"""Benchmark: what our addons add to creating and editing leads (crm.lead).

Run by hand against two databases without demo data: one with our suite, one
with Odoo and the modules our suite depends on, made once with

    odoo -c odoo.conf -d bench_crm_stock --without-demo=all -i <those modules>
    odoo -c odoo.conf -d bench_suite --without-demo=all -i auto_club

then

    python3 bench/bench_lead_overhead.py -d bench_suite \\
        --stock-database bench_crm_stock --leads 1000

In each database, as the administrator with tracking and chatter on (what a
user's click costs), it creates the same N opportunities one call at a time
(customer, salesperson, expected revenue), then edits each of them three times
(stage, priority and revenue, next salesperson), each call flushed as an RPC
would be. Everything is rolled back. Both databases are analysed after a
warm-up round, as autovacuum does in a database in use.

Both databases run in this one process, in alternating chunks of leads (which
goes first swaps every chunk), so that both see the same load on a shared
machine. Per database it prints wall time, CPU time (this process plus its
PostgreSQL backend, read from /proc when the server is local: the work done,
whatever else the machine runs) and queries, and the suite's overhead on each.
Target: at most 10 %.
"""

import contextlib
import os
import time

from benchlib import bench_env, scratch_env

from odoo import Command

ROUNDS = ("create", "write")
SIDES = ("stock crm", "with our addons")


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


class Side:
    """One database: its environment, the data its rounds use, their totals
    per round as [wall seconds, CPU seconds, queries]."""

    def __init__(self, env, count):
        self.env = env
        env.cr.execute("SELECT pg_backend_pid()")
        self.backend_stat = f"/proc/{env.cr.fetchone()[0]}/stat"
        self.prepared = prepare(env, count)
        self.totals = {name: [0.0, 0.0, 0] for name in ROUNDS}

    def _backend_cpu(self):
        if not os.path.exists(self.backend_stat):  # PostgreSQL on another host
            return 0.0
        with open(self.backend_stat) as stat:
            utime, stime = stat.read().rsplit(")", 1)[1].split()[11:13]
        return (int(utime) + int(stime)) / os.sysconf("SC_CLK_TCK")

    def _clock(self):
        return (
            time.perf_counter(),
            time.process_time() + self._backend_cpu(),
            self.env.cr.sql_log_count,
        )

    @contextlib.contextmanager
    def measure(self, name):
        self.env.flush_all()
        started = self._clock()
        yield
        for index, (end, start) in enumerate(zip(self._clock(), started, strict=True)):
            self.totals[name][index] += end - start

    def run(self, first, count):
        """Create leads ``first`` to ``first + count``, then edit them."""
        env = self.env
        Lead = env["crm.lead"]
        partners, stages, other_user = self.prepared
        leads = Lead
        with self.measure("create"):
            for index in range(first, first + count):
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
        env.invalidate_all()
        with self.measure("write"):
            for lead in leads:
                lead.write({"stage_id": stages[-1].id})
                env.flush_all()
                lead.write({"priority": "2", "expected_revenue": 180000})
                env.flush_all()
                lead.write({"user_id": other_user.id})
                env.flush_all()
        env.invalidate_all()


def main():
    with bench_env(__doc__, leads=1000, chunk=100, stock_database="") as (args, _env):
        if not args.stock_database:
            raise SystemExit("--stock-database is required (Odoo's CRM alone)")
        with contextlib.ExitStack() as stack:
            sides = {}
            for label, database in zip(
                SIDES, (args.stock_database, args.database), strict=True
            ):
                env = stack.enter_context(scratch_env(database, uid=2, context={}))
                sides[label] = Side(env, args.leads)
                sides[label].run(0, 50)  # warm the caches and the registry
                # As autovacuum keeps a database in use: this run is one
                # transaction it never sees, and on tables it never analysed
                # the planner takes an index at random.
                env.cr.execute("ANALYZE")
                sides[label].totals = {name: [0.0, 0.0, 0] for name in ROUNDS}
            for chunk, first in enumerate(range(0, args.leads, args.chunk)):
                for label in SIDES[:: 1 if chunk % 2 else -1]:
                    sides[label].run(first, min(args.chunk, args.leads - first))
        print(f"{args.leads} opportunities, one call each, chunks of {args.chunk}")
        print(
            "| round | database | ms / call (wall) | ms / call (CPU) | queries / call |"
        )
        for name in ROUNDS:
            calls = args.leads * (3 if name == "write" else 1)
            for label in SIDES:
                wall, cpu, queries = sides[label].totals[name]
                print(
                    f"| {name} | {label} | {1000 * wall / calls:.2f} | "
                    f"{1000 * cpu / calls:.2f} | {queries / calls:.1f} |"
                )
            stock, ours = (sides[label].totals[name] for label in SIDES)
            print(
                f"overhead on {name}: "
                + ", ".join(
                    f"{100 * (mine / theirs - 1):+.1f} % {what}"
                    for what, mine, theirs in zip(
                        ("wall", "CPU", "queries"), ours, stock, strict=True
                    )
                )
            )


if __name__ == "__main__":
    main()
