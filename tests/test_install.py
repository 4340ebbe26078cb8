"""The addons install on fresh databases, each with its dependencies, with and
without demo data, with a clean log; auto_crm_leads also uninstalls cleanly.

bin/test already installed all four addons with demo data into the test
database (and checked that log), so these scratch databases cover the rest. They
are built in parallel, two at a time (the CI machine has two cores)."""

import os
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from install_log import problems

ROOT = Path(__file__).resolve().parent.parent
PREFIX = f"auto_crm_scratch_{uuid.uuid4().hex[:6]}"
UNINSTALL = """
module = env["ir.module.module"].search([("name", "=", "auto_crm_leads")])
module.button_immediate_uninstall()
env.cr.commit()
"""
SCENARIOS = {
    "auto_crm_leads": ["-i", "auto_crm_leads"],
    "auto_aftersales": ["-i", "auto_aftersales"],
    "auto_loyalty": ["-i", "auto_loyalty"],
    "all_without_demo": [
        "-i",
        "auto_crm_leads,auto_aftersales,auto_loyalty,auto_club",
        "--without-demo=all",
    ],
    # Without demo data: the demo vehicles get driver logs that belong to fleet,
    # which then holds on to them.
    "uninstall": ["-i", "auto_crm_leads", "--without-demo=all"],
}


@contextmanager
def cursor(dbname="postgres"):
    """An autocommit cursor (DROP DATABASE refuses a transaction block)."""
    connection = psycopg2.connect(
        dbname=dbname, host="127.0.0.1", user="odoo", password="odoo"
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cr:
            yield cr
    finally:
        connection.close()


def odoo(args, log, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "odoo", *args, "-c", "odoo.conf", f"--logfile={log}"],
        cwd=ROOT,
        input=stdin,
        text=True,
        capture_output=True,
        check=False,
    )


def run_scenario(name):
    db = f"{PREFIX}_{name}"
    log = f"/tmp/{db}.log"
    if os.path.exists(log):
        os.remove(log)
    result = odoo(["-d", db, *SCENARIOS[name], "--stop-after-init"], log)
    if result.returncode == 0 and name == "uninstall":
        result = odoo(["shell", "-d", db, "--no-http"], log, stdin=UNINSTALL)
    with open(log, encoding="utf-8", errors="replace") as handle:
        return {"db": db, "returncode": result.returncode, "log": handle.read()}


@pytest.fixture(scope="module")
def installs():
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(SCENARIOS, pool.map(run_scenario, SCENARIOS), strict=True))
    yield results
    with cursor() as cr:
        for result in results.values():
            drop_database(cr, result["db"])


def drop_database(cr, db):
    """Drop a scratch database. Not WITH (FORCE): that also signals the
    server's autovacuum workers, which our role may not do; a plain DROP
    makes them leave by itself, so only our own sessions are ended."""
    for attempt in range(10):
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
            [db],
        )
        try:
            cr.execute(f'DROP DATABASE IF EXISTS "{db}"')
            return
        except psycopg2.errors.ObjectInUse:
            if attempt == 9:
                raise
            time.sleep(1)


def module_states(db):
    with cursor(db) as cr:
        cr.execute(
            "SELECT name, state FROM ir_module_module WHERE name LIKE 'auto\\_%'"
        )
        return dict(cr.fetchall())


@pytest.mark.parametrize(
    "scenario",
    ["auto_crm_leads", "auto_aftersales", "auto_loyalty", "all_without_demo"],
)
def test_install_is_clean(installs, scenario):
    result = installs[scenario]
    assert result["returncode"] == 0, result["log"][-3000:]
    assert problems(result["log"]) == []
    states = module_states(result["db"])
    expected = SCENARIOS[scenario][1].split(",")
    assert all(states[name] == "installed" for name in expected), states


def test_demo_data_only_when_asked(installs):
    with cursor(installs["all_without_demo"]["db"]) as cr:
        cr.execute("SELECT count(*) FROM fleet_vehicle WHERE owner_id IS NOT NULL")
        assert cr.fetchone()[0] == 0
    with cursor(installs["auto_crm_leads"]["db"]) as cr:
        cr.execute("SELECT count(*) FROM fleet_vehicle WHERE owner_id IS NOT NULL")
        assert cr.fetchone()[0] >= 25, "the demo dealership's vehicles"


def test_uninstall_is_clean(installs):
    result = installs["uninstall"]
    assert result["returncode"] == 0, result["log"][-3000:]
    assert problems(result["log"]) == []
    assert module_states(result["db"])["auto_crm_leads"] == "uninstalled"
    with cursor(result["db"]) as cr:
        cr.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE (table_name, column_name) IN "
            "(('fleet_vehicle', 'owner_id'), ('crm_lead', 'auto_grade'), "
            "('res_partner', 'id_number'), ('mail_activity', 'auto_cadence_id'))"
        )
        assert cr.fetchall() == [], "our columns are dropped"
        cr.execute("SELECT to_regclass('auto_lead_cadence')")
        assert cr.fetchone()[0] is None, "our tables are dropped"


LOAD_ADDONS = """
import sys, odoo
odoo.tools.config.parse_config(["-c", "odoo.conf"])
odoo.modules.module.initialize_sys_path()
for name in ("auto_crm_leads", "auto_aftersales", "auto_loyalty", "auto_club"):
    odoo.modules.module.load_openerp_module(name)
print(sorted(m for m in sys.modules if m.startswith("odoo.addons.auto_")))
"""


def test_the_runtime_does_not_load_the_demo():
    """A server imports our addons' code as it starts: the demo generators
    are not part of it (the demo XML imports them when the demo loads)."""
    result = subprocess.run(
        [sys.executable, "-c", LOAD_ADDONS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = result.stdout.strip()
    assert "odoo.addons.auto_club.models" in loaded, loaded
    assert ".demo" not in loaded, loaded
