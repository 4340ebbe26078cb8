from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.auto_crm_leads.tests.common import AutoTourCase


@tagged("post_install", "-at_install")
class TestClubTours(AutoTourCase):
    def _club_with_member(self, manager, club_name, member_name):
        """A club of ``manager`` and a member who owns one of its brand."""
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Brand"})
        model = self.env["fleet.vehicle.model"].create(
            {"name": "Tour Model", "brand_id": brand.id}
        )
        member = self.env["res.partner"].create({"name": member_name})
        self.env["fleet.vehicle"].create({"model_id": model.id, "owner_id": member.id})
        club = self.env["auto.club"].create(
            {
                "name": club_name,
                "brand_ids": [fields.Command.set(brand.ids)],
                "manager_ids": [fields.Command.set(manager.ids)],
            }
        )
        self.env["auto.club.member"].create(
            {"club_id": club.id, "partner_id": member.id}
        )
        return club, member

    def test_club_manager_plans_an_event_and_checks_a_member_in(self):
        manager = new_test_user(
            self.env,
            login="tour_club_manager",
            password="tour_club_manager",
            groups="auto_club.group_auto_club_manager",
            tz="Asia/Shanghai",
        )
        club, member = self._club_with_member(manager, "Tour Club", "Tour Member")
        # The event starts now: Odoo's default, the next half hour, is the
        # next day in Beijing from 23:30, when check-in is not open yet.
        self.env["ir.default"].set(
            "event.event",
            "date_begin",
            fields.Datetime.to_string(fields.Datetime.now().replace(microsecond=0)),
            user_id=manager.id,
        )
        self.start_tour(
            "/odoo/action-auto_club.event_event_action_club?view_type=list",
            "auto_club_event_tour",
            login=manager.login,
        )
        registration = self.env["event.registration"].search(
            [("event_id.name", "=", "Tour Tech Salon")]
        )
        self.assertEqual(registration.partner_id, member)
        self.assertEqual(registration.state, "done")
        self.assertEqual(registration.event_id.auto_club_id, club)

    def test_club_manager_checks_a_member_in_at_a_club_event(self):
        manager = self.env.ref("auto_club.user_club_manager_demo")
        club, member = self._club_with_member(
            manager, "Tour Checkin Club", "Tour Checkin Member"
        )
        now = fields.Datetime.now()
        event = self.env["event.event"].create(
            {
                "name": "Tour Owner Lecture",
                "auto_club_id": club.id,
                "date_begin": now - timedelta(hours=1),
                "date_end": now + timedelta(hours=2),
            }
        )
        self.assertEqual(event.user_id, manager)
        self.start_tour(
            "/odoo/action-auto_club.auto_club_action",
            "auto_club_checkin_tour",
            login=manager.login,
        )
        registration = event.registration_ids
        self.assertEqual(registration.partner_id, member)
        self.assertEqual(registration.state, "done")
        self.assertEqual(registration.create_uid, manager)
