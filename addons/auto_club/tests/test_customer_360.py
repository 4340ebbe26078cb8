from odoo.tests import tagged

from .common import AutoClubCommon


@tagged("post_install", "-at_install")
class TestCustomer360(AutoClubCommon):
    """The Customer 360° page gathers every addon's part of the customer:
    opening it costs the same queries for a customer with a long history."""

    def _open_form(self, partner, user):
        """The customer as the web client reads it, and what it reads."""
        Partner = self.env["res.partner"].with_user(user)
        fields_info = Partner.get_views([(False, "form")])["models"]["res.partner"][
            "fields"
        ]
        spec = {}
        for name in fields_info:
            field = Partner._fields[name]
            spec[name] = {"fields": {"display_name": {}}} if field.relational else {}
        self.env.invalidate_all()
        return Partner.browse(partner.id), spec

    def _history(self, partner, size):
        for _index in range(size):
            vehicle = self._create_vehicle(owner_id=partner.id)
            self._complete(
                self._work_order(partner_id=partner.id, auto_vehicle_id=vehicle.id)
            )
        event = self._event(name=f"Salon for {partner.name}", auto_attend_points=5)
        self._register(event, partner).action_set_done()

    def test_customer_page_in_constant_queries(self):
        short, long = self._owner("Short History"), self._owner("Long History")
        self._member(short)
        self._member(long)
        self._history(short, 1)
        self._history(long, 6)
        record, spec = self._open_form(short, self.advisor)
        record.web_read(spec)  # warms the registry's caches
        for partner in (short, long):
            record, spec = self._open_form(partner, self.advisor)
            # 61 under pytest-odoo; Odoo's runner reads one cache more.
            with self.assertQueryCount(62):
                values = record.web_read(spec)[0]
        self.assertEqual(len(values["vehicle_ids"]), 7)
        self.assertEqual(len(values["auto_club_member_ids"]), 1)
        self.assertTrue(values["auto_loyalty_card_id"])
