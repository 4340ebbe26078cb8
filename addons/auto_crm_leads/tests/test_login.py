from lxml import html

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestLoginPage(HttpCase):
    """The login page of a staff system: staff log in with the login the
    administrator gave them, and nobody signs up."""

    def test_no_sign_up_on_the_login_page(self):
        self.assertEqual(
            self.env["res.users"]._get_signup_invitation_scope(),
            "b2b",
            "accounts are made by the administrator, on invitation",
        )
        page = self.url_open("/web/login")
        self.assertEqual(page.status_code, 200)
        document = html.fromstring(page.content)
        self.assertFalse(document.xpath("//a[contains(@href, '/web/signup')]"))
        self.assertEqual(self.url_open("/web/signup").status_code, 404)

    def test_login_field_is_a_login(self):
        page = self.url_open("/web/login?lang=en_US")
        document = html.fromstring(page.content)
        label = document.xpath("//label[@for='login']")[0]
        self.assertEqual(label.text_content().strip(), "Login")
        login = document.xpath("//input[@name='login']")[0]
        self.assertEqual(login.get("placeholder"), "Login")
