from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import AutoCrmCommon


@tagged("post_install", "-at_install")
class TestPrivacyRetention(AutoCrmCommon):
    """Lost leads are kept for new-car marketing as long as the register says,
    unless the customer consented to it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.purpose = cls.env.ref("auto_crm_leads.privacy_activity_new_car_marketing")
        cls.purpose.write(
            {"auto_retention_months": 36, "auto_retention_lost_leads": True}
        )
        cls.Lead = cls.env["crm.lead"].with_context(active_test=False)

    def _lost_lead(self, name, months_ago, partner=None):
        lead = self.env["crm.lead"].create(
            {
                "name": f"{name} - Passat",
                "contact_name": name,
                "phone": "+86 138 1111 2222",
                "email_from": f"{name.lower()}@example.cn",
                "partner_id": partner and partner.id,
                "expected_revenue": 180000,
            }
        )
        lead.message_post(body=f"{name} wants a quote", message_type="comment")
        lead.action_set_lost(lost_reason_id=self.env.ref("crm.lost_reason_1").id)
        lead.date_closed = fields.Datetime.now() - relativedelta(months=months_ago)
        return lead

    def _run(self, batch_size=200):
        return self.env["crm.lead"]._cron_auto_retention(batch_size=batch_size)

    def test_lost_leads_past_retention_are_anonymised(self):
        prospect = self.env["res.partner"].create(
            {"name": "Lin Prospect", "mobile": "+86 138 1111 2222"}
        )
        old = self._lost_lead("Lin", 40, prospect)
        recent = self._lost_lead("Recent", 10)
        owner_lead = self._lost_lead("Owner", 40, self.customer_a)
        self._create_vehicle(owner_id=self.customer_a.id)
        consented = self.env["res.partner"].create({"name": "Keen Buyer"})
        self._auto_record_consent(consented, ["new_car_marketing"])
        kept = self._lost_lead("Keen", 40, consented)

        self._run()

        self.assertTrue(old.auto_anonymised_date)
        self.assertFalse(old.contact_name or old.phone or old.email_from)
        self.assertEqual(old.expected_revenue, 180000, "the figures stay")
        self.assertNotIn("Lin", old.name)
        self.assertNotIn("Lin", old.message_ids[0].body)
        self.assertTrue(prospect.auto_erased_date, "a prospect goes with the lead")
        self.assertNotIn("Lin", prospect.name)
        self.assertTrue(owner_lead.auto_anonymised_date)
        self.assertFalse(self.customer_a.auto_erased_date, "an owner is a customer")
        self.assertEqual(recent.contact_name, "Recent")
        self.assertEqual(kept.contact_name, "Keen")
        self.assertFalse(consented.auto_erased_date)

    def test_withdrawal_and_a_shorter_period_act_on_the_next_run(self):
        consented = self.env["res.partner"].create({"name": "Keen Buyer"})
        self._auto_record_consent(consented, ["new_car_marketing"])
        lead = self._lost_lead("Keen", 20, consented)
        self._run()
        self.assertFalse(lead.auto_anonymised_date)
        self.purpose.auto_retention_months = 12
        self._run()
        self.assertFalse(lead.auto_anonymised_date, "the consent keeps it")
        consented.privacy_consent_ids.action_auto_withdraw()
        self._run()
        self.assertTrue(lead.auto_anonymised_date)

    def test_in_batches_and_again_at_any_time(self):
        leads = self._lost_lead("Wu", 40) | self._lost_lead("Zhou", 41)
        self.assertEqual(self._run(batch_size=1), 1, "one batch, more to do")
        self.assertEqual(len(leads.filtered("auto_anonymised_date")), 1)
        self._run(batch_size=1)
        self.assertTrue(all(leads.mapped("auto_anonymised_date")))
        anonymised_on = leads.mapped("auto_anonymised_date")
        self.assertEqual(self._run(), 0, "nothing left to do")
        self.assertEqual(leads.mapped("auto_anonymised_date"), anonymised_on)
