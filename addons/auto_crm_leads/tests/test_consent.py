from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import AutoCrmCommon

PREFIX = "auto_crm_leads.privacy_activity_"


@tagged("post_install", "-at_install")
class TestConsent(AutoCrmCommon):
    """Consent per customer x purpose x channel (PIPL): recorded in the daily
    flow, kept as history, checked by one API, in step with the opt-out
    lists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.car = cls.env.ref(PREFIX + "new_car_marketing")
        cls.service = cls.env.ref(PREFIX + "service_reminders")
        cls.recall = cls.env.ref(PREFIX + "recall_notices")
        cls.sms = cls.env.ref("auto_crm_leads.auto_contact_channel_sms")
        cls.email = cls.env.ref("auto_crm_leads.auto_contact_channel_email")
        cls.phone = cls.env.ref("auto_crm_leads.auto_contact_channel_phone")
        cls.customer_a.write({"mobile": "13800138001", "email": "wang.fang@example.cn"})
        cls.customer_b.write(
            {"mobile": "13800138002", "email": "zhao.qiang@example.cn"}
        )
        cls.admin = cls.env.ref("base.user_admin")

    def _record(self, partner, purpose, channel, decision="given", user=None, **vals):
        events = self.env["auto.consent.event"]
        if user:
            events = events.with_user(user)
        return events.create(
            {
                "partner_id": partner.id,
                "activity_id": purpose.id,
                "channel_id": channel.id,
                "decision": decision,
                "source": "showroom",
                **vals,
            }
        )

    def _consent(self, partner, purpose, channel):
        return self.env["privacy.consent"].search(
            [
                ("partner_id", "=", partner.id),
                ("activity_id", "=", purpose.id),
                ("auto_channel_id", "=", channel.id),
            ]
        )

    def _customer(self, name, **vals):
        return self.env["res.partner"].create(
            {"name": name, "user_id": self.consultant_a.id, **vals}
        )

    # Register
    def test_register_says_which_purposes_are_marketing(self):
        for code in ("recall_notices", "contract_messages"):
            purpose = self.env.ref(PREFIX + code)
            self.assertFalse(purpose.auto_is_marketing)
            self.assertNotEqual(purpose.auto_legal_basis, "consent")
        for code in (
            "new_car_marketing",
            "service_reminders",
            "club_events",
            "telemarketing",
        ):
            purpose = self.env.ref(PREFIX + code)
            self.assertTrue(purpose.auto_is_marketing)
            self.assertEqual(purpose.auto_legal_basis, "consent")
            self.assertTrue(purpose.auto_text_id.body)
        for code in ("share_manufacturer", "share_finance", "satisfaction_surveys"):
            purpose = self.env.ref(PREFIX + code)
            self.assertEqual(purpose.auto_legal_basis, "consent")
        # Marketing is never assumed: no consent accepted by default.
        with self.assertRaises(ValidationError):
            self.car.with_user(self.data_officer).default_consent = True
        with self.assertRaises(AccessError):
            self.car.with_user(self.consultant_a).auto_retention_months = 1
        self.car.with_user(self.data_officer).auto_retention_months = 24
        self.assertEqual(self.car.auto_retention_months, 24)

    def test_text_versions_are_kept_once_used(self):
        texts = self.env["auto.consent.text"].with_user(self.data_officer)
        first = self.car.auto_text_id
        self._record(self.customer_a, self.car, self.sms)
        with self.assertRaises(UserError):
            first.with_user(self.data_officer).body = "Something else"
        second = texts.create({"activity_id": self.car.id, "body": "新版本"})
        self.assertEqual(second.version, first.version + 1)
        self.assertEqual(self.car.auto_text_id, second)
        second.body = "新版本（修订）"  # not used yet: still editable
        event = self._record(self.customer_b, self.car, self.sms)
        self.assertEqual(event.text_id, second)

    # Capture
    def test_consultant_records_consents_in_a_few_clicks(self):
        wizard = self.env["auto.consent.wizard"].with_user(self.consultant_a)
        with Form(wizard.with_context(default_partner_id=self.customer_a.id)) as form:
            # Nothing is ticked in advance.
            self.assertFalse(form.activity_ids)
            self.assertFalse(form.channel_ids)
            form.activity_ids.add(self.car)
            form.activity_ids.add(self.service)
            form.channel_ids.add(self.sms)
            form.channel_ids.add(self.email)
            form.source = "showroom"
        form.record.action_confirm()
        consents = self.customer_a.privacy_consent_ids
        self.assertEqual(len(consents), 4)
        self.assertEqual(set(consents.mapped("auto_status")), {"given"})
        self.assertEqual(consents.auto_user_id, self.consultant_a)
        self.assertEqual(set(consents.mapped("auto_source")), {"showroom"})
        self.assertEqual(
            self._consent(self.customer_a, self.car, self.sms).auto_text_id,
            self.car.auto_text_id,
        )
        self.assertEqual(self.customer_a.auto_consent_given_count, 4)

    def test_lead_opens_the_wizard_for_its_customer(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Magotan test drive",
                "partner_id": self.customer_a.id,
                "user_id": self.consultant_a.id,
            }
        )
        action = lead.with_user(self.consultant_a).action_auto_record_consent()
        self.assertEqual(action["res_model"], "auto.consent.wizard")
        self.assertEqual(action["context"]["default_partner_id"], self.customer_a.id)
        self.assertEqual(action["context"]["default_lead_id"], lead.id)
        lead.partner_id = False
        with self.assertRaises(UserError):
            lead.with_user(self.consultant_a).action_auto_record_consent()

    def test_import_takes_a_consent_column(self):
        events = self.env["auto.consent.event"].with_user(self.consultant_a)
        result = events.load(
            ["partner_id", "activity_id", "channel_id", "decision", "source", "date"],
            [
                [
                    "Wang Fang",
                    "New-car marketing",
                    "SMS",
                    "Given",
                    "Import",
                    "2025-03-01 10:00:00",
                ],
                [
                    "Wang Fang",
                    "New-car marketing",
                    "SMS",
                    "Withdrawn",
                    "Import",
                    "2024-01-01 10:00:00",
                ],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), 2)
        consent = self._consent(self.customer_a, self.car, self.sms)
        # The older withdrawal (a form of 2024) does not undo the 2025 consent.
        self.assertEqual(consent.auto_status, "given")
        self.assertEqual(consent.auto_source, "import")
        self.assertEqual(consent.auto_date, datetime(2025, 3, 1, 10, 0))
        self.assertEqual(len(consent.auto_event_ids), 2)

    def test_consent_form_prints_boxes_not_ticked(self):
        self._record(self.customer_a, self.car, self.sms)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "auto_crm_leads.report_auto_consent_form", self.customer_a.ids
            )[0]
            .decode()
        )
        self.assertIn("Wang Fang", html)
        self.assertIn(self.car.name, html)
        self.assertIn(self.car.auto_text_id.body, html)
        self.assertIn(self.recall.name, html)
        boxes = sum(
            len(purpose.auto_channel_ids)
            for purpose in self.env["privacy.activity"].search(
                [("auto_legal_basis", "=", "consent")]
            )
        )
        self.assertEqual(html.count("\u2610"), boxes)
        self.assertNotIn("\u2611", html)
        self.assertNotIn("checked", html)
        self.assertIn("signature", html)

    # History
    def test_history_is_kept_and_refused_to_every_user(self):
        given = self._record(
            self.customer_a, self.car, self.sms, user=self.consultant_a
        )
        consent = given.consent_id
        consent.with_user(self.consultant_a).action_auto_withdraw()
        self.assertEqual(consent.auto_status, "withdrawn")
        self.assertEqual(len(consent.auto_event_ids), 2)
        self.assertEqual(given.decision, "given")
        for user in (self.consultant_a, self.data_officer, self.admin):
            with self.assertRaises(AccessError):
                given.with_user(user).write({"decision": "withdrawn"})
            with self.assertRaises(AccessError):
                given.with_user(user).unlink()
        for user in (self.data_officer, self.admin):
            with self.assertRaises(AccessError):
                consent.with_user(user).write({"accepted": True})
            with self.assertRaises(AccessError):
                self.env["privacy.consent"].with_user(user).create(
                    {
                        "partner_id": self.customer_b.id,
                        "activity_id": self.car.id,
                        "auto_channel_id": self.sms.id,
                        "accepted": True,
                        "state": "answered",
                    }
                )
        self.assertEqual(given.read(["decision"])[0]["decision"], "given")

    def test_recorded_by_is_whoever_recorded(self):
        event = self._record(
            self.customer_a,
            self.car,
            self.sms,
            user=self.consultant_a,
            user_id=self.data_officer.id,
        )
        self.assertEqual(event.user_id, self.consultant_a)
        with self.assertRaises(ValidationError):
            self._record(self.customer_a, self.car, self.sms, date=datetime(2999, 1, 1))
        with self.assertRaises(ValidationError):
            # Telemarketing does not write e-mails.
            self._record(
                self.customer_a, self.env.ref(PREFIX + "telemarketing"), self.email
            )

    def test_consultants_see_their_own_customers_consents(self):
        self._record(self.customer_a, self.car, self.sms)
        consents = self.env["privacy.consent"].with_user(self.consultant_b)
        self.assertFalse(consents.search([("partner_id", "=", self.customer_a.id)]))
        history = self.env["auto.consent.event"].with_user(self.consultant_b)
        self.assertFalse(history.search([("partner_id", "=", self.customer_a.id)]))
        with self.assertRaises(AccessError):
            self._record(self.customer_a, self.car, self.email, user=self.consultant_b)
        self.assertTrue(
            self.env["privacy.consent"]
            .with_user(self.consultant_a)
            .search([("partner_id", "=", self.customer_a.id)])
        )

    def test_consents_follow_the_purpose_company(self):
        other = self.env["res.company"].create({"name": "Huitong Tianjin"})
        purpose = self.car.copy({"name": "Tianjin marketing", "company_id": other.id})
        self._record(self.customer_a, purpose, self.sms)
        manager = new_test_user(
            self.env,
            login="manager_beijing",
            groups="auto_crm_leads.group_auto_sales_manager",
        )
        self.assertFalse(
            self.env["privacy.consent"]
            .with_user(manager)
            .search([("activity_id", "=", purpose.id)])
        )

    # The consent check
    def test_one_check_for_every_contact_path(self):
        given = self._customer("Given", mobile="13800138011")
        withdrawn = self._customer("Withdrawn", mobile="13800138012")
        never = self._customer("Never asked", mobile="13800138013")
        no_mobile = self._customer("No mobile", email="nomobile@example.cn")
        objector = self._customer("Objector", mobile="13800138015")
        self._record(given, self.car, self.sms)
        self._record(given, self.service, self.sms)  # keeps the number listed off
        self._record(withdrawn, self.car, self.sms)
        self._record(withdrawn, self.service, self.sms)
        self._record(withdrawn, self.car, self.sms, "withdrawn")
        self._record(no_mobile, self.car, self.email)
        self._record(objector, self.recall, self.sms, "withdrawn")
        partners = given | withdrawn | never | no_mobile | objector

        check = partners._auto_consent_filter(PREFIX + "new_car_marketing", "sms")
        self.assertEqual(check.allowed, given)
        self.assertEqual(check.skipped["withdrawn"], withdrawn)
        self.assertEqual(check.skipped["not_asked"], never | no_mobile | objector)
        summary = {line["reason"]: line for line in check.summary()}
        self.assertEqual(
            summary["not_asked"]["message"],
            "3 customers skipped: no consent for SMS (New-car marketing)",
        )
        # What a campaign or a wizard shows: how many, and why.
        self.assertEqual(
            check.skipped_count_message(),
            (
                4,
                "3 customers skipped: no consent for SMS (New-car marketing)\n"
                "1 customers skipped: consent for SMS (New-car marketing) "
                "withdrawn",
            ),
        )
        action = check.action_view_skipped("not_asked")
        self.assertEqual(
            self.env["res.partner"].search(action["domain"]),
            never | no_mobile | objector,
        )
        # Not marketing: a recall goes out unless the customer objected.
        recall = partners._auto_consent_filter(self.recall, self.sms)
        self.assertEqual(recall.allowed, given | withdrawn | never)
        self.assertEqual(recall.skipped["objected"], objector)
        self.assertEqual(recall.skipped["no_address"], no_mobile)
        # Withdrawal takes effect on the next check.
        self._consent(given, self.car, self.sms).with_user(
            self.consultant_a
        ).action_auto_withdraw()
        again = partners._auto_consent_filter(self.car, self.sms)
        self.assertFalse(again.allowed)
        self.assertIn(given, again.skipped["withdrawn"])
        # A channel the purpose does not use.
        telemarketing = self.env.ref(PREFIX + "telemarketing")
        self.assertEqual(
            partners._auto_consent_filter(telemarketing, self.email).skipped["channel"],
            partners,
        )

    def test_check_costs_the_same_for_one_or_many(self):
        partners = self.env["res.partner"]
        for index in range(20):
            partner = self._customer(f"Customer {index}", mobile=f"1380013{index:04d}")
            self._record(
                partner, self.car, self.sms, "given" if index % 2 else "withdrawn"
            )
            partners |= partner
        counts = []
        for group in (partners[:1], partners):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            group._auto_consent_filter(self.car, self.sms)
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.env.invalidate_all()
        with self.assertQueryCount(counts[0]):
            check = partners._auto_consent_filter(self.car, self.sms)
        self.assertEqual(len(check.allowed), 10)

    # Opt-out lists
    def _listed(self, model, value):
        field = "email" if model == "mail.blacklist" else "number"
        return bool(self.env[model].search([(field, "=", value)]))

    def test_email_opt_out_list_follows_marketing_consents(self):
        address = self.customer_a.email_normalized
        self._record(self.customer_a, self.car, self.email)
        self._record(self.customer_a, self.service, self.email)
        self.assertFalse(self._listed("mail.blacklist", address))
        self._record(self.customer_a, self.car, self.email, "withdrawn")
        # One marketing consent on e-mail remains: the address stays off.
        self.assertFalse(self._listed("mail.blacklist", address))
        self._record(self.customer_a, self.service, self.email, "withdrawn")
        self.assertTrue(self._listed("mail.blacklist", address))
        self._record(self.customer_a, self.car, self.email, user=self.consultant_a)
        self.assertFalse(self._listed("mail.blacklist", address))
        # Put on the list (an unsubscribe link): e-mail marketing withdrawn.
        self.env["mail.blacklist"]._add(address)
        consent = self._consent(self.customer_a, self.car, self.email)
        self.assertEqual(consent.auto_status, "withdrawn")
        self.assertEqual(consent.auto_source, "blacklist")
        self.assertEqual(
            self.customer_a._auto_consent_filter(self.car, self.email).skipped,
            {"opted_out": self.customer_a},
        )

    def test_phone_opt_out_list_follows_sms_and_call_marketing(self):
        number = self.customer_b.auto_mobile_key
        telemarketing = self.env.ref(PREFIX + "telemarketing")
        self._record(self.customer_b, telemarketing, self.phone)
        self._record(self.customer_b, self.car, self.sms)
        self._record(self.customer_b, self.car, self.sms, "withdrawn")
        self.assertFalse(self._listed("phone.blacklist", number))
        self._record(self.customer_b, telemarketing, self.phone, "withdrawn")
        self.assertTrue(self._listed("phone.blacklist", number))
        self._record(self.customer_b, self.car, self.sms)
        self.assertFalse(self._listed("phone.blacklist", number))
        self.env["phone.blacklist"]._add([number])
        self.assertEqual(
            self._consent(self.customer_b, self.car, self.sms).auto_status,
            "withdrawn",
        )
        # Off the list again is no consent: PIPL wants an explicit one.
        self.env["phone.blacklist"]._remove([number])
        self.assertIn(
            "withdrawn",
            self.customer_b._auto_consent_filter(self.car, self.sms).skipped,
        )

    def test_answer_through_the_oca_link_is_history(self):
        consent = self.env["privacy.consent"].create(
            {
                "partner_id": self.customer_a.id,
                "activity_id": self.car.id,
                "auto_channel_id": self.email.id,
            }
        )
        self.assertEqual(consent.auto_status, "pending")
        self.assertIn(
            "not_asked",
            self.customer_a._auto_consent_filter(self.car, self.email).skipped,
        )
        consent.sudo().with_context(subject_answering=True).action_answer(
            True, "Remote IP: 10.0.0.1"
        )
        self.assertEqual(consent.auto_status, "given")
        self.assertEqual(consent.auto_source, "portal")
        self.assertEqual(consent.auto_event_id.metadata, "Remote IP: 10.0.0.1")


@tagged("post_install", "-at_install")
class TestDataProtectionInChinese(AutoCrmCommon):
    """OCA privacy and privacy_consent ship no Chinese: the suite's terms
    (i18n_extra) are what the data officer reads."""

    def test_consent_screens_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["privacy", "privacy_consent", "auto_crm_leads"], ["zh_CN"]
        )
        env = self.env(context={"lang": "zh_CN"})
        consent = env["privacy.consent"].fields_get(["partner_id", "state"])
        self.assertEqual(consent["partner_id"]["string"], "客户")
        self.assertEqual(dict(consent["state"]["selection"])["answered"], "已答复")
        purpose = env["privacy.activity"].fields_get(["name", "controller_id"])
        self.assertEqual(purpose["name"]["string"], "名称")
        self.assertEqual(purpose["controller_id"]["string"], "个人信息处理者")
