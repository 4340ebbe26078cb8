from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.mail.tools.discuss import Store

from .common import AutoCrmCommon

MOBILE = "+8613800138000"
MASKED_MOBILE = "+86138****8000"
MASKED_EMAIL = "w***@example.com"


@tagged("post_install", "-at_install")
class TestContactDetails(AutoCrmCommon):
    """Customers' phones and e-mails: in full for the roles that call them,
    masked for everybody else in everything the server hands out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Any internal user without a customer role: a technician.
        cls.technician = new_test_user(
            cls.env,
            login="test_technician",
            groups="base.group_user,base.group_allow_export",
        )
        cls.desk = new_test_user(
            cls.env,
            login="test_desk",
            groups="base.group_user,base.group_partner_manager,base.group_allow_export",
        )
        cls.customer_a.write(
            {"mobile": "138 0013 8000", "email": "wang.fang@example.com"}
        )

    def test_roles_without_the_right_read_masked_details(self):
        fields = ["mobile", "email", "email_normalized", "phone_sanitized"]
        masked = {
            "mobile": MASKED_MOBILE,
            "email": MASKED_EMAIL,
            "email_normalized": MASKED_EMAIL,
            "phone_sanitized": MASKED_MOBILE,
        }
        for user in (self.technician, self.desk):
            partner = self.customer_a.with_user(user)
            with self.subTest(user=user.login):
                values = partner.read(fields)[0]
                self.assertEqual({name: values[name] for name in fields}, masked)
                self.assertEqual(
                    partner.web_read({"mobile": {}})[0]["mobile"], MASKED_MOBILE
                )
                found = partner.search_read([("id", "=", partner.id)], ["email"])
                self.assertEqual(found[0]["email"], MASKED_EMAIL)
                exported = partner.export_data(["name", "mobile", "email"])["datas"]
                self.assertEqual(exported, [["Wang Fang", MASKED_MOBILE, MASKED_EMAIL]])
                with self.assertRaises(AccessError):
                    partner.read_group([], ["email:array_agg"], ["mobile"])
                shown = partner.with_context(show_email=True)
                self.assertNotIn("wang.fang", shown.display_name)
        # The chatter's contact card of the customer, as the web client gets it.
        store = Store(self.customer_a.with_user(self.technician), fields=["email"])
        self.assertEqual(store.get_result()["res.partner"][0]["email"], MASKED_EMAIL)

    def test_roles_with_the_right_read_them_in_full(self):
        for user in (self.consultant_a, self.data_officer, self.call_agent):
            with self.subTest(user=user.login):
                values = self.customer_a.with_user(user).read(["mobile", "email"])[0]
                self.assertEqual(
                    (values["mobile"], values["email"]),
                    (MOBILE, "wang.fang@example.com"),
                )

    def test_staff_and_own_details_are_not_masked(self):
        colleague = self.consultant_a.partner_id
        colleague.mobile = "139 1000 2000"
        as_technician = colleague.with_user(self.technician)
        self.assertEqual(as_technician.read(["mobile"])[0]["mobile"], "+8613910002000")
        self.technician.partner_id.mobile = "139 1000 3000"
        own = self.technician.partner_id.with_user(self.technician)
        self.assertEqual(own.read(["mobile"])[0]["mobile"], "+8613910003000")

    def test_saving_the_masked_value_keeps_the_real_one(self):
        with Form(self.customer_a.with_user(self.desk)) as form:
            self.assertEqual(form.mobile, MASKED_MOBILE)
            form.name = "Wang Fang (VIP)"
        self.assertEqual(
            (self.customer_a.mobile, self.customer_a.email),
            (MOBILE, "wang.fang@example.com"),
        )
        self.customer_a.with_user(self.desk).write(
            {"mobile": MASKED_MOBILE, "phone": "010-6552 9988"}
        )
        self.assertEqual(self.customer_a.mobile, MOBILE)
        self.assertEqual(self.customer_a.phone, "+861065529988")

    def test_phones_are_stored_in_e164(self):
        partner = self.env["res.partner"].create({"name": "Formats"})
        cases = {
            "13800138000": "+8613800138000",
            "+86 138-0013-8000": "+8613800138000",
            "0086 138 0013 8000": "+8613800138000",
            "(010) 6552 9988": "+861065529988",
            "010-65529988": "+861065529988",
            "0571-8765 4321": "+8657187654321",
            "010-6552 9988 转 801": "+861065529988;ext=801",
            "+1 650 253 0000": "+16502530000",
        }
        for typed, stored in cases.items():
            with self.subTest(typed=typed):
                partner.phone = typed
                self.assertEqual(partner.phone, stored)

    def test_what_is_not_a_phone_is_refused(self):
        for typed in ("138abc0013", "1380013800", "12345", "call me"):
            with (
                self.subTest(typed=typed),
                self.assertRaisesRegex(ValidationError, "not a valid phone number"),
                self.cr.savepoint(),
            ):
                self.env["res.partner"].create({"name": "Typo", "mobile": typed})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Typo")]))

    def test_caller_is_found_however_the_number_is_written(self):
        landline = self.env["res.partner"].create(
            {"name": "Fleet office", "phone": "+86 10 0012 3456"}
        )
        with_extension = self.env["res.partner"].create(
            {"name": "Dispatch desk", "phone": "0571-8765 4321 ext. 12"}
        )
        calls = {
            "13800138000": self.customer_a,
            "+86 138 0013 8000": self.customer_a,
            "+8613800138000": self.customer_a,
            "0086-138-0013-8000": self.customer_a,
            "86 13800138000": self.customer_a,
            "010-00123456": landline,
            "(010) 0012 3456": landline,
            "10 0012 3456": landline,
            "+86 10 00123456": landline,
            "057187654321": with_extension,
            "571-8765 4321": with_extension,
            "0571 8765 4321 转 12": with_extension,
        }
        Partner = self.env["res.partner"].with_user(self.call_agent)
        for number, caller in calls.items():
            with self.subTest(number=number):
                self.assertEqual(Partner._auto_find_by_phone(number), caller)
        self.assertFalse(Partner._auto_find_by_phone("13900139000"))
        self.assertFalse(Partner._auto_find_by_phone("not a number"))
        with self.assertQueryCount(1):  # the two keys' indexes
            Partner._auto_find_by_phone("010-00123456")

    def test_refusals_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["auto_crm_leads"], ["zh_CN"])
        Partner = self.env["res.partner"].with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "不是有效的电话号码"):
            Partner.create({"name": "Typo", "mobile": "138abc"})
        with self.assertRaisesRegex(AccessError, "由系统记录"):
            self.customer_a.with_user(self.consultant_a).with_context(
                lang="zh_CN"
            ).write({"auto_phone_key": "+8613900000000"})
