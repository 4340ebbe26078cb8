from psycopg2.errors import CheckViolation

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AutoCrmCommon


@tagged("post_install", "-at_install")
class TestTelemarketing(AutoCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.mobile = "+86 138 0000 0001"
        cls.customer_b.phone = "+86 10 6500 0002"
        cls.no_phone = cls.env["res.partner"].create({"name": "No Phone Qian"})
        # Telemarketing calls only customers who agreed to them by phone.
        cls._auto_record_consent(
            cls.customer_a | cls.customer_b | cls.no_phone, ["telemarketing"], ["phone"]
        )
        cls.never_asked = cls.env["res.partner"].create(
            {"name": "Never Asked Sun", "mobile": "+86 138 0000 0003"}
        )
        cls.campaign = cls.env["auto.telemarketing.campaign"].create(
            {
                "name": "Winter maintenance referral",
                "budget": 3000,
                "user_id": cls.call_agent.id,
                "target_domain": repr(
                    [
                        (
                            "id",
                            "in",
                            (cls.customer_a | cls.customer_b | cls.no_phone).ids,
                        )
                    ]
                ),
            }
        )

    def _run_campaign(self):
        self.campaign.action_submit()
        self.campaign.with_user(self.sales_manager).action_approve()
        self.campaign.action_start()
        self.campaign.action_generate_calls()

    def test_approval_flow(self):
        self.campaign.action_submit()
        self.assertEqual(self.campaign.state, "to_approve")
        with self.assertRaisesRegex(UserError, "Only a sales manager"):
            self.campaign.with_user(self.call_agent).action_approve()
        self.campaign.with_user(self.sales_manager).action_approve()
        self.assertEqual(self.campaign.approved_by_id, self.sales_manager)
        self.campaign.action_start()
        self.assertEqual(self.campaign.state, "running")

    def test_unapproved_campaign_cannot_start_or_record_calls(self):
        with self.assertRaisesRegex(UserError, "cannot be started"):
            self.campaign.action_start()
        self.campaign.action_generate_calls()
        call = self.campaign.call_ids[:1]
        with self.assertRaisesRegex(UserError, "not running"), self.cr.savepoint():
            call.outcome = "interested"
        self.assertFalse(call.outcome)
        self.assertFalse(call.lead_id)

    def test_call_list_from_the_target_group(self):
        self.assertEqual(self.campaign.action_generate_calls(), 2)
        self.assertEqual(
            self.campaign.call_ids.partner_id,
            self.customer_a | self.customer_b,
            "customers without a phone are skipped",
        )
        self.assertEqual(self.campaign.action_generate_calls(), 0, "no duplicates")
        self.assertEqual(self.campaign.call_ids.agent_id, self.call_agent)
        self.assertEqual(
            set(self.campaign.call_ids.mapped("preferred_channel")), {"phone"}
        )

    def _target(self, partners):
        self.campaign.target_domain = repr([("id", "in", partners.ids)])

    def test_call_list_only_with_consent_to_telemarketing_by_phone(self):
        """A customer who never agreed to telemarketing calls is left off the
        call list; the campaign says how many and why, and lists them."""
        self._target(
            self.customer_a | self.customer_b | self.no_phone | self.never_asked
        )
        campaign = self.campaign.with_user(self.sales_manager)
        self.assertEqual(campaign.action_generate_calls(), 2)
        self.assertEqual(
            campaign.call_ids.partner_id, self.customer_a | self.customer_b
        )
        self.assertEqual(campaign.consent_skipped_count, 2)
        self.assertEqual(
            campaign.consent_skipped_message,
            "1 customers skipped: no consent for Phone call (Telemarketing campaigns)"
            "\n1 customers skipped: no address for Phone call",
        )
        action = campaign.action_view_consent_skipped()
        self.assertEqual(
            self.env["res.partner"].search(action["domain"]),
            self.never_asked | self.no_phone,
        )
        # Consent on another channel or for another purpose is no consent.
        self._auto_record_consent(self.never_asked, ["telemarketing"], ["sms"])
        self._auto_record_consent(self.never_asked, ["new_car_marketing"], ["phone"])
        self.assertEqual(campaign.action_generate_calls(), 0)
        # An SMS campaign asks for the SMS consent.
        campaign.channel = "sms"
        self.assertEqual(campaign.action_generate_calls(), 1)
        self.assertEqual(
            campaign.call_ids.partner_id, self.never_asked, "only Sun agreed to SMS"
        )

    def test_withdrawal_takes_effect_on_the_next_call_list(self):
        self._run_campaign()
        call_a, call_b = (
            self.campaign.call_ids.filtered(lambda c, p=partner: c.partner_id == p)
            for partner in (self.customer_a, self.customer_b)
        )
        call_b.outcome = "no_answer"
        self._auto_record_consent(
            self.customer_a | self.customer_b,
            ["telemarketing"],
            ["phone"],
            decision="withdrawn",
        )
        campaign = self.campaign.with_user(self.sales_manager)
        self.assertEqual(campaign.action_generate_calls(), 0)
        self.assertFalse(call_a.exists(), "the call not made yet is taken off")
        self.assertEqual(campaign.call_ids, call_b, "the call made stays on record")
        # Withdrawing the last marketing consent by phone lists the number.
        self.assertIn(
            "1 customers skipped: on the opt-out list for Phone call",
            campaign.consent_skipped_message,
        )

    def test_interested_customer_becomes_one_lead(self):
        self._run_campaign()
        call = self.campaign.call_ids.filtered(
            lambda c: c.partner_id == self.customer_b
        )
        call.with_user(self.call_agent).write(
            {"outcome": "interested", "note": "Wants a Tayron test drive"}
        )
        lead = call.lead_id
        self.assertTrue(lead)
        self.assertEqual(call.state, "done")
        self.assertTrue(call.call_date)
        self.assertEqual(lead.campaign_id, self.campaign.utm_campaign_id)
        self.assertEqual(
            lead.source_id, self.env.ref("auto_crm_leads.utm_source_telemarketing")
        )
        self.assertEqual(lead.user_id, self.consultant_b, "the customer's consultant")
        self.assertTrue(lead._auto_cadence_activities(), "the dealer follows it up")
        call.action_create_lead()
        call.outcome = "interested"
        self.assertEqual(
            self.env["crm.lead"].search_count(
                [("campaign_id", "=", self.campaign.utm_campaign_id.id)]
            ),
            1,
            "never twice for the same call",
        )

    def test_results(self):
        self._run_campaign()
        first, second = self.campaign.call_ids
        first.outcome = "no_answer"
        second.outcome = "interested"
        second.lead_id.write({"expected_revenue": 250000})
        second.lead_id.action_set_won()
        self.assertEqual(self.campaign.call_done_count, 2)
        self.assertEqual(self.campaign.interested_count, 1)
        self.assertEqual(self.campaign.lead_count, 1)
        self.assertEqual(self.campaign.won_count, 1)
        self.assertEqual(self.campaign.conversion_rate, 100)
        self.assertEqual(self.campaign.cost_per_lead, 3000)
        self.assertAlmostEqual(self.campaign.roi, 100 * (250000 - 3000) / 3000)

    def test_agent_opens_the_campaign_and_its_results(self):
        self._run_campaign()
        self.campaign.call_ids[1].outcome = "interested"
        campaign = self.campaign.with_user(self.call_agent)
        fields = campaign.get_views([(False, "form")])["models"][campaign._name]
        values = campaign.web_read({name: {} for name in fields["fields"]})[0]
        self.assertEqual((values["lead_count"], values["interested_count"]), (1, 1))
        with self.assertRaises(AccessError):  # the figures, not the leads
            self.env["auto.lead.conversion.report"].with_user(self.call_agent).search(
                []
            )

    def test_a_call_is_dated_and_linked_by_the_system(self):
        self._run_campaign()
        call = self.campaign.call_ids[0].with_user(self.call_agent)
        for vals in ({"call_date": "2026-01-01 09:00:00"}, {"lead_id": False}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                call.write(vals)

    def test_agents_see_their_own_calls(self):
        self._run_campaign()
        other_call = self.campaign.call_ids[:1]
        other_call.agent_id = self.sales_manager
        calls = self.env["auto.telemarketing.call"].with_user(self.call_agent)
        self.assertEqual(
            calls.search([("campaign_id", "=", self.campaign.id)]),
            self.campaign.call_ids - other_call,
        )
        with self.assertRaises(AccessError):
            other_call.with_user(self.call_agent).write({"note": "Not mine"})
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.call_agent).write({"budget": 1})
        # Agents read the customers they call, but identity numbers stay masked.
        self.customer_b.id_number = self.RIC
        customer = self.customer_b.with_user(self.call_agent)
        self.assertEqual(customer.id_number_masked, "110105********002X")
        with self.assertRaises(AccessError):
            customer.read(["id_number"])

    def test_bad_input(self):
        with (
            self.assertRaisesRegex(ValidationError, "cannot end before"),
            self.cr.savepoint(),
        ):
            self.campaign.write({"date_start": "2026-12-10", "date_end": "2026-12-01"})
        self.assertNotEqual(str(self.campaign.date_end), "2026-12-01")
        campaigns = self.env["auto.telemarketing.campaign"]
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(CheckViolation),
            self.cr.savepoint(),
        ):
            campaigns.create({"name": "Negative", "budget": -1})
        self.assertFalse(campaigns.search([("name", "=", "Negative")]))
