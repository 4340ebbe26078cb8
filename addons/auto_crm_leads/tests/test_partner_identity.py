from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import AutoCrmCommon


@tagged("post_install", "-at_install")
class TestPartnerIdentity(AutoCrmCommon):
    def test_document_type_follows_partner_kind(self):
        person = self.env["res.partner"].create({"name": "Li Na"})
        company = self.env["res.partner"].create(
            {"name": "Jingyun Logistics", "is_company": True}
        )
        self.assertEqual(person.id_type, "cn_ric")
        self.assertEqual(company.id_type, "cn_uscc")

    def test_valid_numbers_are_normalised(self):
        person = self.env["res.partner"].create(
            {"name": "Li Na", "id_number": " 110105 19491231002x"}
        )
        self.assertEqual(person.id_number, self.RIC)
        company = self.env["res.partner"].create(
            {"name": "Jingyun", "is_company": True, "id_number": self.USCC}
        )
        self.assertEqual(company.id_number, self.USCC)

    def test_invalid_numbers_are_refused(self):
        cases = [
            ({"id_number": "110105194912310021"}, "check digit"),
            ({"id_number": "11010519491231002"}, "18 characters"),
            ({"id_number": "110105199913310024"}, "region or birth date"),
            ({"id_number": "91110108551385082A", "is_company": True}, "check digit"),
        ]
        for vals, reason in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, reason),
                self.cr.savepoint(),
            ):
                self.env["res.partner"].create({"name": "Bad ID", **vals})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Bad ID")]))

    def test_birth_dates_in_the_future_are_refused(self):
        with (
            self.assertRaisesRegex(ValidationError, "in the future"),
            self.cr.savepoint(),
        ):
            self.env["res.partner"].create({"name": "Unborn", "birthday": "2090-01-01"})
        # A resident ID of someone born in 2090: valid digits, impossible date.
        with (
            self.assertRaisesRegex(ValidationError, "birth date is in the future"),
            self.cr.savepoint(),
        ):
            self.customer_a.id_number = "110105209001010025"
        self.assertFalse(self.customer_a.id_number)

    def test_other_documents_are_not_checked(self):
        partner = self.env["res.partner"].create(
            {"name": "Hans Müller", "id_type": "other", "id_number": "C01X00T47"}
        )
        self.assertEqual(partner.id_number, "C01X00T47")

    def test_number_is_masked_without_the_data_officer_right(self):
        self.customer_a.id_number = self.RIC
        as_consultant = self.customer_a.with_user(self.consultant_a)
        self.assertEqual(as_consultant.id_number_masked, "110105********002X")
        with self.assertRaises(AccessError):
            as_consultant.read(["id_number"])
        as_officer = self.customer_a.with_user(self.data_officer)
        self.assertEqual(as_officer.read(["id_number"])[0]["id_number"], self.RIC)

    def test_form_masks_the_number_the_data_officer_reveals(self):
        # The form shows the number masked to everybody; the data officer
        # reveals it with a button, and the access is logged.
        self.customer_a.id_number = self.RIC
        for user in (self.consultant_a, self.data_officer):
            with Form(self.customer_a.with_user(user)) as form:
                self.assertNotIn("id_number", form._view["fields"])
                self.assertEqual(form.id_number_masked, "110105********002X")
        shown = self.customer_a.with_user(
            self.data_officer
        ).action_auto_reveal_personal_data()
        self.assertIn(self.RIC, shown["params"]["message"])

    def test_consultant_enters_a_number_without_reading_it_back(self):
        as_consultant = self.customer_a.with_user(self.consultant_a)
        as_consultant.id_number_masked = self.RIC.lower()
        self.assertEqual(self.customer_a.id_number, self.RIC)
        # Saving the masked value again leaves the stored number untouched.
        as_consultant.write(
            {"id_number_masked": "110105********002X", "phone": "138 0013 8000"}
        )
        self.assertEqual(self.customer_a.id_number, self.RIC)
        with self.assertRaisesRegex(ValidationError, "check digit"):
            as_consultant.id_number_masked = "110105194912310021"
        as_consultant.id_number_masked = False
        self.assertFalse(self.customer_a.id_number)

    def test_profile_translated_message(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["auto_crm_leads"], ["zh_CN"])
        partner = self.env["res.partner"].with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "校验位"):
            partner.create({"name": "Bad ID", "id_number": "110105194912310021"})
        vehicle = self.env["fleet.vehicle"].with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "车架号"):
            vehicle.create(
                {"model_id": self.car_model.id, "vin_sn": "LFV2A21K6H3000001"}
            )
