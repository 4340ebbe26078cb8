from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import AutoClubCommon


@tagged("post_install", "-at_install")
class TestClubMembership(AutoClubCommon):
    def test_joining_rules_refuse_with_the_reason(self):
        with self.assertRaisesRegex(
            ValidationError, "Zhao Qiang owns no Volkswagen vehicle"
        ):
            self._member(self.customer_b)
        beijing = self.env.ref("base.state_cn_BJ")
        regional = self.env["auto.club"].create(
            {
                "name": "Beijing Drivers",
                "club_type": "region",
                "state_ids": [fields.Command.set(beijing.ids)],
                "tier_ids": [fields.Command.set(self.gold.ids)],
            }
        )
        with self.assertRaisesRegex(ValidationError, "does not live in"):
            self._member(self.customer_a, regional)
        self.customer_a.state_id = beijing
        with self.assertRaisesRegex(ValidationError, "the club takes Gold members"):
            self._member(self.customer_a, regional)
        self.assertFalse(
            self.customer_a.auto_club_member_ids.filtered(
                lambda m: m.club_id == regional
            )
        )
        # Reactivating a member checks the rules again.
        self.member_a.action_leave()
        self.env["fleet.vehicle"].search(
            [("owner_id", "=", self.customer_a.id)]
        ).owner_id = False
        with self.assertRaisesRegex(ValidationError, "owns no Volkswagen"):
            self.member_a.action_reactivate()

    def test_joining_gives_a_card_and_records_the_vehicle(self):
        owner = self._owner("New Owner")
        self.assertFalse(owner.auto_loyalty_card_ids)
        member = self._member(owner)
        self.assertEqual(member.card_id.state, "active")
        self.assertEqual(member.vehicle_id.owner_id, owner)
        self.assertEqual(self.club.member_count, 2)
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self._member(owner)

    def test_club_manager_sees_own_clubs_only(self):
        own_event = self._event()
        other_event = self._event(club=self.other_club, name="BYD Meetup")
        other_member = self._member(self.customer_b, self.other_club)
        self.assertEqual(
            (self.club.event_count, self.club.upcoming_event_count), (1, 1)
        )
        self._register(own_event, self.customer_a)
        self._register(other_event, self.customer_b)
        as_manager = self.env(user=self.club_manager)
        self.assertEqual(as_manager["auto.club"].search([]), self.club)
        self.assertEqual(as_manager["auto.club.member"].search([]), self.member_a)
        events = as_manager["event.event"].search(
            [("id", "in", (own_event | other_event).ids)]
        )
        self.assertEqual(events, own_event)
        self.assertEqual(
            as_manager["event.registration"]
            .search([("event_id", "in", (own_event | other_event).ids)])
            .partner_id,
            self.customer_a,
        )
        with self.assertRaises(AccessError):
            other_member.with_user(self.club_manager).read(["partner_id"])
        with self.assertRaises(AccessError):
            other_event.with_user(self.club_manager).write({"name": "Taken over"})
        # The manager enrols and runs their own club's events.
        owner = self._owner("Walk-in Owner")
        as_manager["auto.club.member"].create(
            {"club_id": self.club.id, "partner_id": owner.id}
        )
        with Form(own_event.with_user(self.club_manager)) as form:
            form.auto_attend_points = 30
        self.assertEqual(own_event.auto_attend_points, 30)

    def test_staff_open_the_customer_page_with_its_clubs(self):
        for user in (self.data_officer, self.call_agent, self.consultant_a):
            with Form(self.customer_a.with_user(user)) as form:
                self.assertEqual(form.auto_club_member_ids.ids, self.member_a.ids)

    def test_invite_a_segment_and_follow_it_to_attendance(self):
        event = self._event(auto_attend_points=10)
        owners = [self._owner(f"Fan {index}") for index in range(3)]
        for owner in owners[:2]:
            self._member(owner)
        wizard = Form(
            self.env["auto.club.invite.wizard"]
            .with_user(self.club_manager)
            .with_context(active_id=event.id, active_model="event.event")
        )
        # By SMS first: the member with a mobile.
        self.assertEqual(wizard.channel, "sms")
        self.assertEqual(wizard.partner_count, 1)
        # customer_a (member, e-mail) and two members; not the non-member.
        wizard.channel = "email"
        self.assertEqual(wizard.partner_count, 3)
        wizard.save().action_invite()
        invitations = self.env["auto.club.invitation"].search(
            [("event_id", "=", event.id)]
        )
        self.assertEqual(
            invitations.partner_id, self.customer_a | owners[0] | owners[1]
        )
        self.assertEqual(set(invitations.mapped("state")), {"invited"})
        mails = self.env["mail.mail"].search(
            [("model", "=", "auto.club.invitation"), ("res_id", "in", invitations.ids)]
        )
        self.assertEqual(len(mails), 3)
        registration = self._register(event, owners[0])
        invitation = invitations.filtered(lambda i: i.partner_id == owners[0])
        self.assertEqual(invitation.state, "registered")
        registration.action_set_done()
        self.assertEqual(invitation.state, "attended")
        self.assertEqual(event.auto_invited_count, 3)
        # Everybody in the segment is invited: a second round finds nobody.
        again = Form(
            self.env["auto.club.invite.wizard"].with_context(
                active_id=event.id, active_model="event.event"
            )
        )
        self.assertEqual(again.partner_count, 0)
        with self.assertRaisesRegex(UserError, "Nobody in this segment"):
            again.save().action_invite()

    def _invite_wizard(self, event, channel="email"):
        wizard = Form(
            self.env["auto.club.invite.wizard"]
            .with_user(self.club_manager)
            .with_context(active_id=event.id, active_model="event.event")
        )
        wizard.channel = channel
        return wizard

    def test_invitations_only_with_consent_to_club_events(self):
        """A member who never agreed to club events by SMS gets no SMS
        invitation; the wizard says how many are skipped and why, and lists
        them."""
        event = self._event()
        never_asked = self._owner("Never Asked", consent=False)
        never_asked.mobile = "+86 138 0000 0009"
        by_email = self._owner("Email Only", consent=False)
        by_email.mobile = "+86 138 0000 0010"
        self._auto_record_consent(by_email, ["club_events"], ["email"])
        for owner in (never_asked, by_email):
            self._member(owner)
        wizard = self._invite_wizard(event, "sms")
        self.assertEqual(wizard.partner_count, 1, "customer_a agreed to SMS")
        self.assertEqual(wizard.skipped_count, 2)
        self.assertEqual(
            wizard.skipped_message,
            "2 customers skipped: no consent for SMS (Owner club and member events)",
        )
        wizard = wizard.save()
        self.assertEqual(
            self.env["res.partner"].search(wizard.action_view_skipped()["domain"]),
            never_asked | by_email,
        )
        wizard.action_invite()
        invitations = self.env["auto.club.invitation"].search(
            [("event_id", "=", event.id)]
        )
        self.assertEqual(invitations.partner_id, self.customer_a)
        sms = self.env["sms.sms"].search(
            [("partner_id", "in", (never_asked | by_email).ids)]
        )
        self.assertFalse(sms, "no SMS queued for those without consent")
        self.assertTrue(
            self.env["sms.sms"].search([("partner_id", "=", self.customer_a.id)])
        )
        # By e-mail, the one who agreed to e-mails is invited.
        self._invite_wizard(event, "email").save().action_invite()
        invitations = self.env["auto.club.invitation"].search(
            [("event_id", "=", event.id)]
        )
        self.assertEqual(invitations.partner_id, self.customer_a | by_email)

    def test_withdrawal_takes_effect_on_the_next_invitation(self):
        first, second = self._event(), self._event()
        self._invite_wizard(first).save().action_invite()
        self.assertIn(
            self.customer_a,
            self.env["auto.club.invitation"]
            .search([("event_id", "=", first.id)])
            .partner_id,
        )
        self._auto_record_consent(
            self.customer_a, ["club_events"], ["email"], decision="withdrawn"
        )
        wizard = self._invite_wizard(second)
        # Withdrawn, and on the e-mail opt-out list unless another marketing
        # consent on e-mail is still given: either way, skipped.
        skipped = r"1 customers skipped: (on the opt-out list for E-mail|consent .*)"
        self.assertRegex(wizard.skipped_message, skipped)
        with self.assertRaisesRegex(UserError, "skipped"):
            wizard.save().action_invite()
        self.assertFalse(
            self.env["auto.club.invitation"].search([("event_id", "=", second.id)])
        )

    def test_offers_valid_today(self):
        today = fields.Date.context_today(self.env.user)
        Offer = self.env["auto.club.offer"]
        current = Offer.create(
            {
                "name": "Labour -10%",
                "offer_type": "labour",
                "discount": 10,
                "date_from": today,
                "date_to": today,
            }
        )
        Offer.create(
            {
                "name": "Old wash",
                "offer_type": "labour",
                "date_from": fields.Date.subtract(today, days=10),
                "date_to": fields.Date.subtract(today, days=1),
            }
        )
        self.assertEqual(
            Offer.search(
                [("is_valid", "=", True), ("name", "in", ("Labour -10%", "Old wash"))]
            ),
            current,
        )
        with self.assertRaisesRegex(ValidationError, "needs its merchant"):
            Offer.create({"name": "Car wash", "date_from": today, "date_to": today})
