from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.auto_loyalty.tests.common import AutoLoyaltyCommon


class AutoClubCommon(AutoLoyaltyCommon):
    """A Volkswagen club run by its club manager, a BYD club run by another,
    and a way to plan club events."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.club_manager = new_test_user(
            cls.env,
            login="test_club_manager",
            groups="auto_club.group_auto_club_manager",
            name="Club Manager",
        )
        cls.other_club_manager = new_test_user(
            cls.env,
            login="test_other_club_manager",
            groups="auto_club.group_auto_club_manager",
            name="Other Club Manager",
        )
        cls.club = cls.env["auto.club"].create(
            {
                "name": "VW Owners",
                "brand_ids": [fields.Command.set(cls.brand.ids)],
                "manager_ids": [fields.Command.set(cls.club_manager.ids)],
            }
        )
        cls.other_club = cls.env["auto.club"].create(
            {
                "name": "BYD Owners",
                "brand_ids": [fields.Command.set(cls.other_brand.ids)],
                "manager_ids": [fields.Command.set(cls.other_club_manager.ids)],
            }
        )
        # customer_a drives the VW Magotan, customer_b a BYD Han.
        cls.env["fleet.vehicle"].create(
            {"model_id": cls.other_model.id, "owner_id": cls.customer_b.id}
        )
        cls.customer_b.email = "zq@example.com"
        # The club invites customers who agreed to club events (e-mail, SMS).
        cls._auto_record_consent(cls.customer_a | cls.customer_b, ["club_events"])
        cls.member_a = cls.env["auto.club.member"].create(
            {"club_id": cls.club.id, "partner_id": cls.customer_a.id}
        )

    @classmethod
    def _owner(cls, name, model=None, consent=True):
        """A new VW owner with a card (no points), who agreed to club events
        unless ``consent`` is False."""
        partner = cls.env["res.partner"].create(
            {"name": name, "email": f"{name.lower().replace(' ', '.')}@example.com"}
        )
        if consent:
            cls._auto_record_consent(partner, ["club_events"])
        cls.env["fleet.vehicle"].create(
            {"model_id": (model or cls.car_model).id, "owner_id": partner.id}
        )
        return partner

    def _member(self, partner, club=None):
        return self.env["auto.club.member"].create(
            {"club_id": (club or self.club).id, "partner_id": partner.id}
        )

    def _event(self, club=None, start=None, **vals):
        """A two-hour club event, by default starting now: its attendees can
        be checked in."""
        start = start or fields.Datetime.now()
        return self.env["event.event"].create(
            {
                "name": "Tech Salon",
                "auto_club_id": (club or self.club).id,
                "auto_event_kind": "tech_salon",
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
                **vals,
            }
        )

    def _register(self, event, partner, **vals):
        return self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": partner.id, **vals}
        )
