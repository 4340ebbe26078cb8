"""18.0.1.1.0: the after-sales activity types say how they reach the customer
(the contact channel), and post-service follow-up rules what they are for (the
purpose the consent check is made on). Their data files are noupdate: the
records a database already has get the values here, where they have none (or,
for a rule, where the update gave it the default, see pre-migrate)."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from odoo.addons.auto_crm_leads.tools.migration import set_empty_values

UNSET_TABLE = "auto_followup_rule_purpose_unset"  # see pre-migrate
PHONE = "auto_crm_leads.auto_contact_channel_phone"
SURVEYS = "auto_crm_leads.privacy_activity_satisfaction_surveys"

# As in data/mail_activity_type_data.xml.
CHANNELS = {
    "auto_aftersales.mail_activity_type_service_callback": PHONE,
    "auto_aftersales.mail_activity_type_service_sms": (
        "auto_crm_leads.auto_contact_channel_sms"
    ),
    "auto_aftersales.mail_activity_type_service_reminder": PHONE,
}
# As in data/auto_service_followup_rule_data.xml.
PURPOSES = {
    "auto_aftersales.auto_service_followup_sms": SURVEYS,
    "auto_aftersales.auto_service_followup_call": SURVEYS,
    "auto_aftersales.auto_service_followup_next_maintenance": (
        "auto_crm_leads.privacy_activity_service_reminders"
    ),
    "auto_aftersales.auto_service_followup_delivery": SURVEYS,
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    set_empty_values(env, "auto_channel_id", CHANNELS)
    unset_ids = set()
    cr.execute("SELECT to_regclass(%s)", [f"pg_temp.{UNSET_TABLE}"])
    if cr.fetchone()[0]:
        cr.execute(SQL("SELECT id FROM %s", SQL.identifier(UNSET_TABLE)))
        unset_ids = {row[0] for row in cr.fetchall()}
        cr.execute(SQL("DROP TABLE %s", SQL.identifier(UNSET_TABLE)))
    set_empty_values(env, "purpose_id", PURPOSES, unset_ids)
