from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AutoClubCommon


@tagged("post_install", "-at_install")
class TestClubEvents(AutoClubCommon):
    def test_ineligible_registrations_are_refused_with_the_reason(self):
        event = self._event()
        with self.assertRaisesRegex(
            ValidationError, "not an active member of VW Owners"
        ):
            self._register(event, self.customer_b)
        self.member_a.action_suspend()
        with self.assertRaisesRegex(ValidationError, "not an active member"):
            self._register(event, self.customer_a)
        self.member_a.action_reactivate()
        premium = self._event(name="Gala", auto_event_kind="premium")
        self.assertEqual(
            premium.auto_tier_ids, self.env.ref("auto_loyalty.tier_diamond")
        )
        with self.assertRaisesRegex(ValidationError, "for Diamond members"):
            self._register(premium, self.customer_a)
        self.assertFalse(
            self.env["event.registration"].search(
                [("event_id", "in", (event | premium).ids)]
            )
        )
        # A registration cannot be handed over to an ineligible customer.
        registration = self._register(event, self.customer_a)
        with self.assertRaisesRegex(ValidationError, "not an active member"):
            registration.partner_id = self.customer_b

    def test_full_event_waitlists_and_promotes_in_order(self):
        event = self._event(seats_limited=True, seats_max=2)
        owners = [self._owner(f"Owner {index}") for index in range(4)]
        for owner in owners:
            self._member(owner)
        first, second, third, fourth = (
            self._register(event, owner) for owner in owners
        )
        self.assertEqual((first | second).mapped("state"), ["open", "open"])
        self.assertEqual((third | fourth).mapped("auto_waitlisted"), [True, True])
        self.assertEqual((third | fourth).mapped("state"), ["draft", "draft"])
        self.assertEqual(event.auto_waitlist_count, 2)
        second.action_cancel()
        self.assertEqual(third.state, "open")
        self.assertFalse(third.auto_waitlisted)
        self.assertEqual(fourth.state, "draft")
        # More seats move the rest of the queue up.
        event.seats_max = 3
        self.assertEqual(fourth.state, "open")
        self.assertEqual(event.seats_available, 0)

    def test_seat_paid_once_and_given_back_on_cancel(self):
        event = self._event(auto_seat_points=100)
        self._credit(self.card_a, 150)
        registration = self._register(event, self.customer_a)
        self.assertEqual(self.card_a.points_balance, 50)
        registration.action_confirm()
        registration.write({"state": "open"})
        self.assertEqual(self.card_a.points_balance, 50)
        self.assertEqual(event.auto_points_collected, 100)
        registration.action_cancel()
        self.assertEqual(self.card_a.points_balance, 150)
        event.invalidate_recordset()
        self.assertEqual(event.auto_points_collected, 0)
        registration.action_confirm()
        self.assertEqual(self.card_a.points_balance, 50)
        # Not enough points: refused, and nothing is registered or taken.
        other = self._event(name="Road Trip", auto_seat_points=80)
        with self.assertRaisesRegex(
            ValidationError, "has 50 points; a seat at Road Trip costs 80"
        ):
            self._register(other, self.customer_a)
        self.assertEqual(self.card_a.points_balance, 50)
        self.assertFalse(other.registration_ids)

    def test_a_waiting_member_who_cannot_pay_keeps_waiting(self):
        event = self._event(seats_limited=True, seats_max=1, auto_seat_points=100)
        rich = self._owner("Rich Owner")
        self._member(rich)
        self._credit(rich.auto_loyalty_card_id, 300)
        self._credit(self.card_a, 100)
        holder = self._register(event, self.customer_a)
        poor = self._owner("Poor Owner")
        self._member(poor)
        self._credit(poor.auto_loyalty_card_id, 100)
        waiting_poor = self._register(event, poor)
        waiting_rich = self._register(event, rich)
        # While waiting, the member spends the points elsewhere.
        self._credit(poor.auto_loyalty_card_id, -60, move_type="redeem")
        self.assertTrue(waiting_poor.auto_waitlisted and waiting_rich.auto_waitlisted)
        holder.action_cancel()
        self.assertEqual(waiting_poor.state, "draft")
        self.assertIn("could not be confirmed", waiting_poor.message_ids[0].body)
        self.assertEqual(waiting_rich.state, "open")
        self.assertEqual(rich.auto_loyalty_card_id.points_balance, 200)

    def test_attendance_points_once_even_if_checked_in_twice(self):
        event = self._event(auto_attend_points=200)
        registration = self._register(event, self.customer_a)
        registration.action_set_done()
        registration.action_set_done()
        registration.write({"state": "done"})
        moves = self.env["auto.loyalty.move"].search(
            [("card_id", "=", self.card_a.id), ("move_type", "=", "earn")]
        )
        self.assertEqual(moves.mapped("points"), [200])
        self.assertEqual(self.card_a.points_balance, 200)
        self.assertEqual(event.auto_points_given, 200)
        self.assertEqual(event.auto_attendance_rate, 100)

    def test_test_drive_attendees_become_leads_from_the_event(self):
        event = self._event(name="ID.4 Test Drive", auto_event_kind="test_drive")
        attendee = self._register(event, self.customer_a)
        self.assertFalse(attendee.lead_ids)
        attendee.action_set_done()
        lead = attendee.lead_ids
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.event_id, event)
        self.assertEqual(lead.source_id, event.auto_source_id)
        self.assertEqual(lead.source_id.name, "ID.4 Test Drive")
        self.assertEqual(lead.user_id, self.consultant_a)
        self.assertTrue(lead.auto_test_drive_done)
        # The cadence engine plans the consultant's first follow-up.
        self.assertTrue(
            lead.activity_ids.filtered(lambda a: a.user_id == self.consultant_a)
        )
        attendee.action_set_done()
        self.assertEqual(len(attendee.lead_ids), 1)
        # Other kinds of event make no lead.
        salon = self._event()
        self._register(salon, self.customer_a).action_set_done()
        self.assertFalse(self.env["crm.lead"].search([("event_id", "=", salon.id)]))

    def test_summary_after_the_event(self):
        event = self._event(auto_attend_points=50)
        owners = [self._owner(f"Guest {index}") for index in range(3)]
        registrations = self._register(event, self.customer_a)
        for owner in owners:
            self._member(owner)
            registrations |= self._register(event, owner)
        registrations[:2].action_set_done()
        registrations[0].write({"auto_rating": "5", "auto_feedback": "Great"})
        registrations[1].auto_rating = "3"
        self.assertEqual(event.auto_attendance_rate, 50)
        self.assertEqual(event.auto_points_given, 100)
        self.assertEqual(event.auto_rating_avg, 4)
        self.assertEqual(event.auto_feedback_count, 2)

    def test_event_summaries_read_in_constant_queries(self):
        events = self._event()
        for index in range(4):
            events |= self._event(name=f"Event {index}", auto_attend_points=10)
            self._register(events[-1], self.customer_a).action_set_done()
        fields_to_read = [
            "auto_waitlist_count",
            "auto_invited_count",
            "auto_attendance_rate",
            "auto_points_given",
            "auto_points_collected",
            "auto_rating_avg",
        ]
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            events[:2].read(fields_to_read)
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            events.read(fields_to_read)
