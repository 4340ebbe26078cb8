"""What every bench script shares: its command line, a scratch transaction
that is rolled back, SQL cloning of seed rows, and the figures it prints."""

import argparse
import contextlib
import resource
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


@contextlib.contextmanager
def bench_env(description, **options):
    """Parse ``-c``/``-d`` and one ``--<option>`` per keyword (its default: an
    int, or a string), then yield ``(args, env)`` in a transaction rolled back
    at the end."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("-c", "--config", default="odoo.conf")
    parser.add_argument("-d", "--database", required=True)
    for name, default in options.items():
        parser.add_argument(
            f"--{name.replace('_', '-')}", type=type(default), default=default
        )
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    with scratch_env(args.database) as env:
        yield args, env


@contextlib.contextmanager
def scratch_env(database, uid=SUPERUSER_ID, context=None):
    """An environment on ``database`` whose transaction is rolled back."""
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        try:
            yield api.Environment(
                cr, uid, {"tracking_disable": True} if context is None else context
            )
        finally:
            cr.rollback()


def clone_rows(cr, table, source_id, count, overrides):
    """Insert ``count`` copies of a row, with ``overrides`` (column -> SQL, where
    ``n`` is the copy's number from 1)."""
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


def analyze(cr, *tables):
    """Refresh the planner's statistics after a bulk insert."""
    for table in tables:
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))


class Measure:
    """Seconds and queries from creation to ``report``, with peak memory."""

    def __init__(self, cr):
        self.cr = cr
        self.queries = cr.sql_log_count
        self.started = time.perf_counter()

    def report(self, size, unit):
        elapsed = time.perf_counter() - self.started
        queries = self.cr.sql_log_count - self.queries
        per_thousand = 1000 / size
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"seconds: {elapsed:.1f} ({elapsed * per_thousand:.2f} / 1,000 {unit})")
        print(f"queries: {queries} ({queries * per_thousand:.1f} / 1,000 {unit})")
        print(f"peak memory: {peak_mb:.0f} MB")
