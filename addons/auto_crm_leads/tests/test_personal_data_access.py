from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AutoCrmCommon


@tagged("post_install", "-at_install")
class TestPersonalDataAccess(AutoCrmCommon):
    """Revealing an identity number or phone in full is logged: who, whom,
    when; the log cannot be changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write({"id_number": cls.RIC, "mobile": "13800138001"})
        cls.log = cls.env["auto.personal.data.access"]

    def _entries(self):
        return self.log.search([("partner_id", "=", self.customer_a.id)])

    def test_data_officer_reveals_and_it_is_logged(self):
        self.assertFalse(self._entries())
        shown = self.customer_a.with_user(
            self.data_officer
        ).action_auto_reveal_personal_data()
        self.assertIn(self.RIC, shown["params"]["message"])
        self.assertIn("+8613800138001", shown["params"]["message"])
        entry = self._entries()
        self.assertEqual(entry.user_id, self.data_officer)
        self.assertEqual(entry.method, "reveal")
        self.assertIn("Identity Number", entry.revealed_fields)
        self.assertTrue(entry.date)
        with self.assertRaises(AccessError):
            self.customer_a.with_user(
                self.consultant_a
            ).action_auto_reveal_personal_data()

    def test_reading_or_exporting_the_number_is_logged(self):
        self.data_officer.groups_id += self.env.ref("base.group_allow_export")
        as_officer = self.customer_a.with_user(self.data_officer)
        self.assertEqual(as_officer.read(["id_number"])[0]["id_number"], self.RIC)
        as_officer.export_data(["name", "id_number"])
        self.assertEqual(self._entries().mapped("method"), ["export", "read"])
        # Reading the masked number is not revealing it.
        as_officer.read(["id_number_masked", "name"])
        self.assertEqual(len(self._entries()), 2)

    def test_log_cannot_be_changed_by_anyone(self):
        self.customer_a.with_user(self.data_officer).action_auto_reveal_personal_data()
        entry = self._entries()
        admin = self.env.ref("base.user_admin")
        for user in (self.data_officer, admin):
            with self.assertRaises(AccessError):
                entry.with_user(user).write({"user_id": self.consultant_a.id})
            with self.assertRaises(AccessError):
                entry.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.log.with_user(self.data_officer).create(
                {"user_id": self.consultant_a.id, "partner_id": self.customer_a.id}
            )
        with self.assertRaises(AccessError):
            self.log.with_user(self.consultant_a).search([])
        self.assertEqual(
            self.log.with_user(self.data_officer).search(
                [("partner_id", "=", self.customer_a.id)]
            ),
            entry,
        )
