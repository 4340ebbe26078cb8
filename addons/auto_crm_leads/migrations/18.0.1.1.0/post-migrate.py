"""18.0.1.1.0: activity types say how they reach the customer (the contact
channel the consent check is made on), and lost leads are kept as long as
new-car marketing says. The data files are noupdate: the records a database
already has get the values here, where they have none."""

from odoo import SUPERUSER_ID, api

from odoo.addons.auto_crm_leads.tools.migration import set_empty_values

# As in data/mail_activity_type_data.xml.
CHANNELS = {
    "auto_crm_leads.mail_activity_type_follow_up_call": (
        "auto_crm_leads.auto_contact_channel_phone"
    ),
    "auto_crm_leads.mail_activity_type_follow_up_sms": (
        "auto_crm_leads.auto_contact_channel_sms"
    ),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    set_empty_values(env, "auto_channel_id", CHANNELS)
    purpose = env.ref(
        "auto_crm_leads.privacy_activity_new_car_marketing", raise_if_not_found=False
    )
    governed = env["privacy.activity"].search_count(
        [("auto_retention_lost_leads", "=", True)]
    )
    if purpose and not governed:
        purpose.auto_retention_lost_leads = True
    # Lead enrichment sends leads to Odoo's IAP service: off (data/ir_cron.xml).
    enrichment = env.ref(
        "crm_iap_enrich.ir_cron_lead_enrichment", raise_if_not_found=False
    )
    if enrichment:
        enrichment.active = False
