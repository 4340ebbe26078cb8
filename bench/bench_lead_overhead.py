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
(stage, priority and revenue, next salesperson). Each call is what an RPC
costs: it starts with an empty cache, and ends with a flush and the pre-commit
hooks (tracking messages, bus notifications). Everything is rolled back. Both
databases are compacted first (the rolled-back rows of earlier runs leave dead
pages), and analysed after a warm-up round, as autovacuum does in a database
in use.

Both databases run in this one process, in alternating chunks of leads (by
default one lead: its creation and its three edits; which database goes first
swaps every chunk), so that both see the same load on a shared machine. Per
database it prints wall time, CPU time (this process plus its PostgreSQL
backend, read from /proc when the server is local: the work done, whatever
else the machine runs) and queries, and the suite's overhead on each: on the
totals, and the median and range over the pairs of chunks.
Targets, with the follow-ups planned and moved through the ORM
(mail.activity's create and write): creation at most +30 %, edits at most
+10 %.
"""

import contextlib
import os
import statistics
import time

from benchlib import bench_env, scratch_env

import odoo
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
    """One database: its environment, the data its rounds use, and per round
    the [wall seconds, CPU seconds, queries] of each chunk it ran."""

    def __init__(self, env, count):
        self.env = env
        env.cr.execute("SELECT pg_backend_pid()")
        self.backend_stat = f"/proc/{env.cr.fetchone()[0]}/stat"
        self.prepared = prepare(env, count)
        self.chunks = {name: [] for name in ROUNDS}

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

    def end_call(self):
        """What an RPC does before it commits: flush, then the pre-commit
        hooks (tracking messages, bus notifications); the next call starts
        with an empty cache, as the next request does."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    @contextlib.contextmanager
    def measure(self, name):
        self.env.flush_all()
        started = self._clock()
        yield
        self.chunks[name].append(
            [end - start for end, start in zip(self._clock(), started, strict=True)]
        )

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
                self.end_call()
        with self.measure("write"):
            for lead in leads:
                lead.write({"stage_id": stages[-1].id})
                self.end_call()
                lead.write({"priority": "2", "expected_revenue": 180000})
                self.end_call()
                lead.write({"user_id": other_user.id})
                self.end_call()


def compact(database):
    """Give back the space that the rolled-back rows of earlier runs hold: a
    table of dead pages scans slower than a database in use, and unequally
    on each side."""
    with odoo.sql_db.db_connect(database).cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM FULL")


def report(sides, args):
    """Per round and database, the totals; then our overhead on the totals,
    and the median and range of the overheads of the pairs of chunks, each
    pair run back to back: a pair shares the machine's load of the moment,
    which swings more than the overhead on a shared machine."""
    print(f"{args.leads} opportunities, one call each, chunks of {args.chunk}")
    print("| round | database | ms / call (wall) | ms / call (CPU) | queries / call |")
    for name in ROUNDS:
        calls = args.leads * (3 if name == "write" else 1)
        stock, ours = (sides[label].chunks[name] for label in SIDES)
        for label, chunks in zip(SIDES, (stock, ours), strict=True):
            wall, cpu, queries = map(sum, zip(*chunks, strict=True))
            print(
                f"| {name} | {label} | {1000 * wall / calls:.2f} | "
                f"{1000 * cpu / calls:.2f} | {queries / calls:.1f} |"
            )
        for index, what in enumerate(("wall", "CPU", "queries")):
            total = sum(chunk[index] for chunk in ours) / sum(
                chunk[index] for chunk in stock
            )
            pairs = sorted(
                mine[index] / theirs[index]
                for mine, theirs in zip(ours, stock, strict=True)
            )
            print(
                f"overhead on {name}, {what}: {100 * (total - 1):+.1f} % in all; "
                f"pairs of chunks: median {100 * (statistics.median(pairs) - 1):+.1f} %"
                f", from {100 * (pairs[0] - 1):+.1f} to {100 * (pairs[-1] - 1):+.1f} %"
            )


def main():
    with bench_env(__doc__, leads=1000, chunk=1, stock_database="") as (args, _env):
        if not args.stock_database:
            raise SystemExit("--stock-database is required (Odoo's CRM alone)")
        for database in (args.stock_database, args.database):
            compact(database)
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
                sides[label].chunks = {name: [] for name in ROUNDS}
            for chunk, first in enumerate(range(0, args.leads, args.chunk)):
                for label in SIDES[:: 1 if chunk % 2 else -1]:
                    sides[label].run(first, min(args.chunk, args.leads - first))
        report(sides, args)


if __name__ == "__main__":
    main()
