"""The migration scripts of the addons, called on this database as an update
from the previous version would: noupdate data that gained values later (the
contact channel of activity types, the purpose of post-service follow-up
rules) reaches the records a database already has, where none is set."""

import importlib.util
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from odoo.addons.auto_crm_leads.tools.privacy import write_behind_orm

PREFIX = "auto_crm_leads.privacy_activity_"


def migration(module, version, name):
    """The migration script ``name`` (post-migrate...) of ``module``."""
    path = Path(get_module_path(module), "migrations", version, f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"{module}_{name}", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


@tagged("post_install", "-at_install")
class TestMigrations(TransactionCase):
    def setUp(self):
        super().setUp()
        self.sms = self.env.ref("auto_crm_leads.auto_contact_channel_sms")
        self.phone = self.env.ref("auto_crm_leads.auto_contact_channel_phone")

    def _migrate(self, module, name="post-migrate", version="18.0.1.1.0"):
        self.env.flush_all()
        migration(module, version, name).migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()

    def _set_in_database(self, record, **values):
        """Write as a database from before holds them, behind the ORM."""
        self.env.flush_all()
        write_behind_orm(record, values)

    def test_activity_types_get_their_channel(self):
        lead_sms = self.env.ref("auto_crm_leads.mail_activity_type_follow_up_sms")
        lead_call = self.env.ref("auto_crm_leads.mail_activity_type_follow_up_call")
        service_sms = self.env.ref("auto_aftersales.mail_activity_type_service_sms")
        # As on a database from before: no channel (read as a phone call).
        (lead_sms | service_sms).auto_channel_id = False
        self.assertEqual(lead_sms._auto_contact_channel(), self.phone)
        # A channel someone chose stays.
        lead_call.auto_channel_id = self.sms
        self._migrate("auto_crm_leads")
        self._migrate("auto_aftersales")
        self.assertEqual(lead_sms.auto_channel_id, self.sms)
        self.assertEqual(service_sms.auto_channel_id, self.sms)
        self.assertEqual(lead_call.auto_channel_id, self.sms)

    def test_follow_up_rules_get_their_purpose(self):
        """The update of a database whose rules had no purpose fills the new
        required column with the default (satisfaction surveys); the
        next-maintenance rule of the data file gets its own (service
        reminders), a dealer's own rule keeps the default. On a database
        that had purposes, a purpose someone chose stays."""
        Rule = self.env["auto.service.followup.rule"]
        maintenance = self.env.ref(
            "auto_aftersales.auto_service_followup_next_maintenance"
        )
        surveys = self.env.ref(PREFIX + "satisfaction_surveys")
        reminders = self.env.ref(PREFIX + "service_reminders")
        own = Rule.create(
            {
                "name": "Tyre check call",
                "trigger": "repair_done",
                "delay_hours": 48,
                "activity_type_id": maintenance.activity_type_id.id,
            }
        )
        self.assertEqual(own.purpose_id, surveys)
        maintenance.purpose_id = surveys
        self._migrate("auto_aftersales")
        self.assertEqual(maintenance.purpose_id, surveys)

        cr = self.env.cr
        self.env.flush_all()
        cr.execute("SAVEPOINT before_purposes")
        try:
            # The database before: no column. Then the update: the column,
            # filled with the field's default, and post-migrate.
            cr.execute("ALTER TABLE auto_service_followup_rule DROP COLUMN purpose_id")
            self._migrate("auto_aftersales", "pre-migrate")
            cr.execute(
                "ALTER TABLE auto_service_followup_rule ADD COLUMN purpose_id int4"
            )
            cr.execute(
                "UPDATE auto_service_followup_rule SET purpose_id = %s", [surveys.id]
            )
            self.env.invalidate_all()
            self._migrate("auto_aftersales")
            self.assertEqual(maintenance.purpose_id, reminders)
            self.assertEqual(own.purpose_id, surveys)
            self.assertEqual(
                self.env.ref("auto_aftersales.auto_service_followup_call").purpose_id,
                surveys,
            )
            # What pre-migrate noted is gone with the update.
            cr.execute("SELECT to_regclass('pg_temp.auto_followup_rule_purpose_unset')")
            self.assertIsNone(cr.fetchone()[0])
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT before_purposes")
            self.env.invalidate_all()

    def test_warranty_jobs_become_under_warranty(self):
        """Jobs from before: a warranty job not Under Warranty, its parts
        counted in the customer's spend. The update marks it and its value
        drops to nothing; a maintenance job stays as it was."""
        warranty = self.env.ref("auto_aftersales.repair_warranty_done_demo")
        maintenance = self.env.ref("auto_aftersales.repair_maintenance_done_demo")
        self.assertFalse(warranty.sale_order_id)
        spent = maintenance.auto_spend_amount
        self.assertTrue(spent)
        self._set_in_database(warranty, under_warranty=False, auto_spend_amount=680)
        self._migrate("auto_aftersales", version="18.0.1.2.0")
        self.assertTrue(warranty.under_warranty)
        # auto_aftersales migrates before auto_loyalty's fields are loaded:
        # the value is still the one from before.
        self._set_in_database(warranty, auto_spend_amount=680)
        self._migrate("auto_loyalty", version="18.0.1.1.0")
        self.assertEqual(warranty.auto_spend_amount, 0)
        self.assertFalse(maintenance.under_warranty)
        self.assertEqual(maintenance.auto_spend_amount, spent)
