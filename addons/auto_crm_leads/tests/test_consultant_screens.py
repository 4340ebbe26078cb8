from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import tagged

from .common import AutoCrmCommon


@tagged("post_install", "-at_install")
class TestConsultantScreens(AutoCrmCommon):
    """What a sales consultant reads in a day: My Follow-ups (whom to call,
    on which number), the lead, the customer's 360° page, the vehicles."""

    def _arch(self, model, view_type, view=None):
        views = (
            self.env[model]
            .with_user(self.consultant_a)
            .get_views([(view and self.env.ref(view).id, view_type)])
        )
        return etree.fromstring(views["views"][view_type]["arch"])

    def _first_follow_up(self):
        """The first follow-up of customer_a's graded lead, as its consultant."""
        lead = self.env["crm.lead"].create(
            {
                "name": "Walk-in",
                "type": "opportunity",
                "partner_id": self.customer_a.id,
                "user_id": self.consultant_a.id,
                "auto_grade": "A",
            }
        )
        return lead._auto_cadence_activities()[:1].with_user(self.consultant_a)

    def test_follow_up_shows_the_customer_and_their_mobile(self):
        self.customer_a.write({"mobile": "+8613800138000", "phone": False})
        activity = self._first_follow_up()
        self.assertTrue(activity, "grading the lead plans its follow-up")
        self.assertEqual(activity.auto_partner_id, self.customer_a)
        self.assertEqual(activity.auto_partner_phone, "+8613800138000")
        # Read as the list reads it, by a colleague without the right to the
        # customers' contact details: the number is masked.
        colleague = self.env["res.users"].create(
            {
                "name": "Trainee",
                "login": "trainee_follow_ups",
                "groups_id": [
                    (
                        6,
                        0,
                        [self.env.ref("sales_team.group_sale_salesman_all_leads").id],
                    )
                ],
            }
        )
        shown = activity.with_user(colleague).web_read({"auto_partner_phone": {}})
        self.assertNotEqual(shown[0]["auto_partner_phone"], "+8613800138000")
        self.assertIn("*", shown[0]["auto_partner_phone"])

    def test_list_calls_the_customer_and_fits_the_deadline(self):
        arch = self._arch(
            "mail.activity", "list", "auto_crm_leads.mail_activity_view_list_follow_up"
        )
        phone = arch.xpath("//field[@name='auto_partner_phone']")
        self.assertEqual(phone[0].get("widget"), "phone", "click to call")
        self.assertTrue(arch.xpath("//field[@name='auto_partner_id']"))
        user = arch.xpath("//field[@name='user_id']")[0]
        self.assertEqual(user.get("optional"), "hide", "the list is the user's own")
        deadline = arch.xpath("//field[@name='auto_deadline']")[0]
        self.assertIn("'show_seconds': false", deadline.get("options"))
        self.assertTrue(deadline.get("width"), "a Chinese date and time fit in")

    def test_only_missed_deadlines_are_red(self):
        """A call due later today is not late, wherever the consultant is
        (the server decides, not the browser's clock against UTC)."""
        activity = self._first_follow_up()
        now = fields.Datetime.now()
        activity.sudo().auto_deadline = now + timedelta(hours=2)
        self.assertFalse(activity.auto_is_late)
        activity.sudo().auto_deadline = now - timedelta(minutes=1)
        self.assertTrue(activity.auto_is_late)
        arch = self._arch(
            "mail.activity", "list", "auto_crm_leads.mail_activity_view_list_follow_up"
        )
        self.assertEqual(arch.get("decoration-danger"), "auto_is_late")
        self.assertEqual(
            (arch.get("action"), arch.get("type")),
            ("action_open_document", "object"),
            "a click on the row opens the lead",
        )

    def test_lead_shows_the_customers_mobile(self):
        arch = self._arch("crm.lead", "form")
        mobile = arch.xpath(
            "//group[@name='opportunity_partner']//field[@name='mobile']"
        )
        self.assertEqual(mobile[0].get("widget"), "phone")
        next_contact = arch.xpath("//field[@name='auto_next_contact']")[0]
        self.assertIn("'show_seconds': false", next_contact.get("options"))
        self.customer_a.mobile = "+8613800138000"
        lead = self.env["crm.lead"].create(
            {"name": "Walk-in", "type": "opportunity", "partner_id": self.customer_a.id}
        )
        self.assertEqual(lead.with_user(self.consultant_a).mobile, "+8613800138000")

    def test_customer_page_opens_on_its_360_tab(self):
        arch = self._arch("res.partner", "form")
        pages = arch.xpath("//notebook/page[@autofocus='autofocus']")
        self.assertEqual([page.get("name") for page in pages], ["auto_customer_360"])

    def test_odometers_in_whole_kilometres(self):
        Vehicle = self.env["fleet.vehicle"].with_user(self.consultant_a)
        self.assertEqual(
            tuple(Vehicle.fields_get(["odometer"])["odometer"]["digits"]), (16, 0)
        )
        arch = self._arch(
            "fleet.vehicle", "form", "auto_crm_leads.fleet_vehicle_view_form"
        )
        reading = arch.xpath("//field[@name='odometer_log_ids']//field[@name='value']")
        self.assertEqual(reading[0].get("digits"), "[16, 0]")

    def test_open_is_not_translated_as_being_followed_up(self):
        """A lead neither won nor lost is open (进行中), and the list's button
        opens the lead (打开线索): neither reads 跟进中."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["auto_crm_leads"], ["zh_CN"], overwrite=True
        )
        env = self.env(context={"lang": "zh_CN"})
        outcomes = dict(
            env["crm.lead"]._fields["auto_outcome"]._description_selection(env)
        )
        self.assertEqual(outcomes["open"], "进行中")
        arch = etree.fromstring(
            env["mail.activity"].get_views(
                [
                    (
                        self.env.ref(
                            "auto_crm_leads.mail_activity_view_list_follow_up"
                        ).id,
                        "list",
                    )
                ]
            )["views"]["list"]["arch"]
        )
        button = arch.xpath("//button[@name='action_open_document']")[0]
        self.assertEqual(button.get("string"), "打开线索")
