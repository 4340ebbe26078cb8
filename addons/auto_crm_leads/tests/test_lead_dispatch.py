from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import AutoCrmCommon

NOW = datetime(2026, 5, 4, 9, 0, 0)


@tagged("post_install", "-at_install")
class TestLeadDispatch(AutoCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oem = cls.company
        cls.dealer = cls.env["res.company"].create({"name": "Beijing Huitong 4S"})
        cls.other_dealer = cls.env["res.company"].create({"name": "Tianjin 4S"})
        cls.dispatcher = cls._company_user("oem_dispatcher", "oem_dispatcher", cls.oem)
        cls.dealer_manager = cls._company_user(
            "dealer_manager", "sales_manager", cls.dealer
        )
        cls.other_manager = cls._company_user(
            "other_manager", "sales_manager", cls.other_dealer
        )
        cls.dealer_consultant = cls._company_user(
            "dealer_consultant", "sales_consultant", cls.dealer
        )
        cls.prospect = cls.env["res.partner"].create({"name": "Online prospect Chen"})

    @classmethod
    def _company_user(cls, login, role, company):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"auto_crm_leads.group_auto_{role}",
            company_id=company.id,
            company_ids=company.ids,
        )

    def _oem_lead(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.dispatcher)
            .create(
                {
                    "name": "OEM website: ID.4 test drive",
                    "type": "opportunity",
                    "partner_id": self.prospect.id,
                    "user_id": False,
                    "company_id": self.oem.id,
                }
            )
        )
        return lead.with_env(self.env)

    def _dispatch(self, leads, **vals):
        wizard = Form(
            self.env["auto.lead.dispatch.wizard"]
            .with_user(self.dispatcher)
            .with_context(active_model="crm.lead", active_ids=leads.ids)
        )
        wizard.dealer_company_id = self.dealer
        for name, value in vals.items():
            setattr(wizard, name, value)
        return wizard.save().action_dispatch()

    @freeze_time(NOW)
    def test_dispatch_hands_the_lead_to_the_dealer(self):
        lead = self._oem_lead()
        action = self._dispatch(lead)
        dispatch = self.env["auto.lead.dispatch"].search(action["domain"])
        self.assertEqual(dispatch.lead_id, lead)
        self.assertEqual(dispatch.company_id, self.oem)
        self.assertEqual(lead.company_id, self.dealer)
        self.assertFalse(lead.user_id, "the dealer's manager assigns a consultant")
        self.assertEqual(lead.source_id, self.env.ref("auto_crm_leads.utm_source_oem"))
        self.assertEqual(self.prospect.company_id, self.dealer)
        follow_ups = lead._auto_cadence_activities()
        self.assertEqual(follow_ups.user_id, self.dealer_manager)
        self.assertEqual(
            min(follow_ups.mapped("auto_deadline")), NOW + timedelta(hours=1)
        )
        lead.with_user(self.dealer_manager).user_id = self.dealer_consultant
        self.assertEqual(follow_ups.user_id, self.dealer_consultant)

    def test_dispatcher_monitors_without_seeing_the_customer(self):
        with freeze_time(NOW):
            lead = self._oem_lead()
            self._dispatch(lead)
            lead.user_id = self.dealer_consultant
        with freeze_time(NOW + timedelta(minutes=30)):
            lead._auto_cadence_activities().sorted("auto_deadline")[0].with_user(
                self.dealer_consultant
            ).action_feedback("Called, test drive on Saturday")
        with freeze_time(NOW + timedelta(days=2)):
            dispatch = (
                self.env["auto.lead.dispatch"].with_user(self.dispatcher).search([])
            )
            self.assertEqual(len(dispatch), 1)
            self.assertEqual(dispatch.follow_up_done_count, 1)
            self.assertTrue(dispatch.first_contact_date)
            self.assertEqual(dispatch.overdue_count, 1, "the 24-hour SMS is late")
            self.assertEqual(dispatch.grade, "N")
            self.assertEqual(dispatch.consultant_id, self.dealer_consultant)
            with self.assertRaises(AccessError):
                lead.with_user(self.dispatcher).read(["partner_id"])
            with self.assertRaises(AccessError):
                self.prospect.with_user(self.dispatcher).read(["name"])

    @freeze_time(NOW)
    def test_dispatcher_reads_no_dealers_customer(self):
        """The OEM's dispatcher sees its own prospects, masked, and none of
        the dealers' customers: neither their own nor the pool."""
        dealer_customer = self.env["res.partner"].create(
            {"name": "Dealer customer", "company_id": self.dealer.id}
        )
        pool_customer = self.env["res.partner"].create(
            {"name": "Walk-in", "mobile": "139 0000 1111"}
        )
        lead = self._oem_lead()
        self.prospect.mobile = "138 0013 8000"
        Partner = self.env["res.partner"].with_user(self.dispatcher)
        ids = (self.prospect | dealer_customer | pool_customer | self.customer_a).ids
        self.assertEqual(Partner.search([("id", "in", ids)]), self.prospect)
        self.assertEqual(
            self.prospect.with_user(self.dispatcher).read(["mobile"])[0]["mobile"],
            "+86138****8000",
        )
        self._dispatch(lead)
        self.assertFalse(Partner.search([("id", "in", ids)]), "now the dealer's")
        # Nor can a dispatcher forge the dispatch log.
        with self.assertRaises(AccessError):
            self.env["auto.lead.dispatch"].with_user(self.dispatcher).create(
                {"lead_id": lead.id, "dealer_company_id": self.other_dealer.id}
            )

    @freeze_time(NOW)
    def test_each_dealer_sees_only_what_it_received(self):
        self._dispatch(self._oem_lead())
        dispatches = self.env["auto.lead.dispatch"]
        self.assertEqual(dispatches.with_user(self.dealer_manager).search_count([]), 1)
        self.assertEqual(dispatches.with_user(self.other_manager).search_count([]), 0)

    @freeze_time(NOW)
    def test_lost_leads_are_not_dispatched(self):
        lead = self._oem_lead()
        lead.action_set_lost(
            lost_reason_id=self.env["crm.lost.reason"].create({"name": "Duplicate"}).id
        )
        with (
            self.assertRaisesRegex(UserError, "cannot be dispatched"),
            self.cr.savepoint(),
        ):
            self._dispatch(lead)
        self.assertEqual(lead.company_id, self.oem)
        self.assertFalse(
            self.env["auto.lead.dispatch"].search([("lead_id", "=", lead.id)])
        )
