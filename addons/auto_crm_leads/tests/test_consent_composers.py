from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AutoCrmCommon


@tagged("post_install", "-at_install")
class TestConsentComposers(AutoCrmCommon):
    """Odoo's mass SMS and mass e-mail reach only the customers who consented
    to the message's purpose on that channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write({"mobile": "+86 139 1000 0001", "email": "a@example.cn"})
        cls.customer_b.write({"mobile": "+86 139 1000 0002", "email": "b@example.cn"})
        cls._auto_record_consent(
            cls.customer_a, ["new_car_marketing"], channels=("sms", "email")
        )
        cls.purpose = cls.env.ref("auto_crm_leads.privacy_activity_new_car_marketing")
        cls.customers = cls.customer_a | cls.customer_b

    def _sms_composer(self, purpose=None):
        return (
            self.env["sms.composer"]
            .with_user(self.sales_manager)
            .with_context(
                active_model="res.partner",
                active_ids=self.customers.ids,
                default_composition_mode="mass",
                default_mass_keep_log=True,
            )
            .create({"body": "春季试驾节", "auto_purpose_id": purpose and purpose.id})
        )

    def _sms_states(self):
        sms = self.env["sms.sms"].search([("partner_id", "in", self.customers.ids)])
        return {(s.partner_id, s.state, s.failure_type or False) for s in sms}

    def test_a_mass_sms_skips_who_did_not_consent(self):
        composer = self._sms_composer(self.purpose)
        self.assertIn("1", composer.auto_consent_message)
        self.assertIn("SMS", composer.auto_consent_message)
        skipped = composer.action_auto_view_skipped()
        self.assertEqual(skipped["domain"], [("id", "in", self.customer_b.ids)])
        composer.action_send_sms()
        self.assertEqual(
            self._sms_states(),
            {
                (self.customer_a, "outgoing", False),
                (self.customer_b, "canceled", "sms_optout"),
            },
        )

    def test_withdrawal_acts_on_the_next_mass_sms(self):
        self.customer_a.privacy_consent_ids.filtered(
            lambda consent: consent.activity_id == self.purpose
        ).with_user(self.sales_manager).action_auto_withdraw()
        self._sms_composer(self.purpose).action_send_sms()
        self.assertEqual(
            {state for _partner, state, _failure in self._sms_states()}, {"canceled"}
        )

    def test_a_mass_message_needs_its_purpose(self):
        with self.assertRaisesRegex(UserError, "purpose"):
            self._sms_composer().action_send_sms()
        self.assertFalse(self._sms_states())

    def test_a_mass_email_skips_who_did_not_consent(self):
        leads = self.env["crm.lead"].create(
            [
                {"name": "Passat A", "partner_id": self.customer_a.id},
                {"name": "Passat B", "partner_id": self.customer_b.id},
            ]
        )
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.sales_manager)
            .with_context(
                default_model="crm.lead",
                default_res_ids=leads.ids,
                default_composition_mode="mass_mail",
            )
            .create(
                {
                    "subject": "春季试驾节",
                    "body": "<p>欢迎试驾</p>",
                    "auto_purpose_id": self.purpose.id,
                }
            )
        )
        self.assertIn("1", composer.auto_consent_message)
        composer.action_send_mail()
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "crm.lead"), ("res_id", "in", leads.ids)])
        )
        # (no mail server in tests: what was not cancelled failed to go out)
        self.assertEqual(
            {(mail.res_id, mail.failure_type or False) for mail in mails},
            {(leads[0].id, False), (leads[1].id, "mail_optout")},
        )

    def test_no_lead_is_sent_to_a_third_party_for_enrichment(self):
        """Odoo's lead enrichment would send every new lead's e-mail to Odoo's
        IAP service: it is off until a manager turns it on."""
        cron = self.env.ref("crm_iap_enrich.ir_cron_lead_enrichment")
        self.assertFalse(cron.active)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.lead_enrich_auto, "manual")
