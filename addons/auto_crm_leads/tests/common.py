import importlib.util
import shutil
import threading
from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase, new_test_user
from odoo.tools import SQL

from odoo.addons.base.tests.common import BaseCommon


def real_env(registry, cr, context=None):
    """A superuser environment on ``cr``, a real cursor of a transaction of
    its own (``db_connect(dbname).cursor()``), possibly in another thread.

    Built on the test's ``registry``: ``api.Environment(cr, ...)`` alone would
    look the registry up with ``Registry(dbname)``, which takes the
    registries' lock, and Odoo's test runner (``--test-tags``) holds that lock
    in its main thread while the tests run (pytest-odoo does not), so a
    thread would wait for the end of the run."""
    cr.transaction = api.Transaction(registry)
    return api.Environment(cr, SUPERUSER_ID, context or {})


def second_waits_then_fails(test, db, attempt):
    """Run ``attempt(cr)`` in two real transactions at once: the first holds
    what it took until it commits, the second (in a thread) must wait for it,
    then fail. Returns the second's error (None if it succeeded)."""
    outcome = {}

    def second():
        with db.cursor() as cr:
            try:
                attempt(cr)
                cr.commit()
                outcome["error"] = None
            except Exception as error:  # the outcome is the test
                outcome["error"] = error
                cr.rollback()

    with db.cursor() as first_cr:
        attempt(first_cr)
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(timeout=2)
        test.assertTrue(thread.is_alive(), "the second transaction waits")
        first_cr.commit()
    thread.join(timeout=30)
    return outcome.get("error")


class AutoCrmCommon(BaseCommon):
    """Two consultants of one dealership, their customers, and a catalogue."""

    @classmethod
    def setup_main_company(cls, currency_code="CNY"):
        # The dealership works in yuan, as the demo's stores and tiers do
        # (Odoo's tests default to dollars).
        super().setup_main_company(currency_code)
        # Follow-ups count around the clock, whatever the hour the tests run
        # (the demo's stores keep showroom hours); a test about them sets them.
        cls.env["res.company"].search([]).auto_showroom_calendar_id = False

    # Valid VINs (ISO 3779 check digit at position 9) and resident IDs
    VIN_A = "LFV2A21K5H3000001"
    VIN_B = "LVGBE40K9LG000123"
    RIC = "11010519491231002X"
    USCC = "91110108551385082Q"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.consultant_a = new_test_user(
            cls.env,
            login="consultant_a",
            groups="auto_crm_leads.group_auto_sales_consultant",
            name="Consultant A",
        )
        cls.consultant_b = new_test_user(
            cls.env,
            login="consultant_b",
            groups="auto_crm_leads.group_auto_sales_consultant",
            name="Consultant B",
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="sales_manager",
            groups="auto_crm_leads.group_auto_sales_manager",
            name="Sales Manager",
        )
        cls.data_officer = new_test_user(
            cls.env,
            login="data_officer",
            groups="auto_crm_leads.group_auto_data_officer",
            name="Data Officer",
        )
        cls.call_agent = new_test_user(
            cls.env,
            login="call_agent",
            groups="auto_crm_leads.group_auto_call_agent",
            name="Call Agent",
        )
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Volkswagen"})
        cls.other_brand = cls.env["fleet.vehicle.model.brand"].create({"name": "BYD"})
        cls.car_model = cls.env["fleet.vehicle.model"].create(
            {"name": "Magotan", "brand_id": cls.brand.id, "vehicle_type": "car"}
        )
        cls.other_model = cls.env["fleet.vehicle.model"].create(
            {"name": "Han", "brand_id": cls.other_brand.id, "vehicle_type": "car"}
        )
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "Wang Fang", "user_id": cls.consultant_a.id}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Zhao Qiang", "user_id": cls.consultant_b.id}
        )

    @classmethod
    def _auto_record_consent(
        cls, partners, purposes, channels=("phone", "sms", "email"), decision="given"
    ):
        """Record the customers' decision, as the consultant would on the
        consent form, for ``purposes`` (the register's XML ids without
        ``auto_crm_leads.privacy_activity_``) on ``channels`` (codes). Every
        path that contacts customers checks it (_auto_consent_filter): the
        tests of those paths give their customers consent with this."""
        env = cls.env
        channel_records = env["auto.contact.channel"].search(
            [("code", "in", list(channels))]
        )
        env["auto.consent.event"].create(
            [
                {
                    "partner_id": partner.id,
                    "activity_id": purpose.id,
                    "channel_id": channel.id,
                    "decision": decision,
                    "source": "showroom",
                }
                for purpose in (
                    env.ref(f"auto_crm_leads.privacy_activity_{name}")
                    for name in purposes
                )
                for channel in channel_records & purpose.auto_channel_ids
                for partner in partners
            ]
        )

    @classmethod
    def _create_vehicle(cls, **vals):
        return cls.env["fleet.vehicle"].create(
            {"model_id": cls.car_model.id, "owner_id": cls.customer_a.id, **vals}
        )


# The board is computed as of this day: last year and this year so far.
TODAY = date(2026, 6, 15)


class AutoKpiCommon(AutoCrmCommon):
    """Helpers to refresh the board as of ``TODAY`` and read one figure."""

    def _refresh(self, kpi):
        kpi._auto_refresh(today=TODAY)

    def _result(self, kpi, period, period_type="month", **scope):
        domain = [
            ("kpi_id", "=", kpi.id),
            ("period_type", "=", period_type),
            ("period", "=", period),
        ]
        for level in ("company", "team", "user"):
            if level in scope:
                domain += [
                    ("level", "=", "person" if level == "user" else level),
                    (f"{level}_id", "=", scope[level].id),
                ]
        return self.env["auto.kpi.result"].search(domain)

    def _assert_figure(self, result, numerator, denominator, value, status):
        self.assertEqual(len(result), 1)
        self.assertEqual(
            (result.numerator, result.denominator, result.value, result.status),
            (numerator, denominator, value, status),
        )

    def _backdate(self, records, column, moment):
        """Facts of the past: the ORM stamps create dates with now."""
        records.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET %s = %s WHERE id = ANY(%s)",
                SQL.identifier(records._table),
                SQL.identifier(column),
                moment,
                records.ids,
            )
        )
        records.invalidate_recordset([column])


class AutoTourCase(HttpCase):
    """Browser journeys (tours) in headless Chromium."""

    def setUp(self):
        super().setUp()
        # Odoo skips a tour it cannot run; a journey nobody ran is a failure.
        if not (importlib.util.find_spec("websocket") and shutil.which("chromium")):
            self.fail("Tours need Debian's chromium and websocket-client.")
