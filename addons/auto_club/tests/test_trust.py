from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.sql_db import db_connect
from odoo.tests import new_test_user, tagged

from odoo.addons.auto_crm_leads.tests.common import real_env, second_waits_then_fails

from .common import AutoClubCommon


@tagged("post_install", "-at_install")
class TestClubTrust(AutoClubCommon):
    """Registrations, the waiting list and attendance hold for any client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = new_test_user(
            cls.env, login="test_technician", groups="base.group_user"
        )

    def test_consultants_see_their_own_customers_registrations(self):
        self.customer_a.user_id = self.consultant_a
        self.customer_b.user_id = self.consultant_b
        start = fields.Datetime.now()
        event = self.env["event.event"].create(
            {
                "name": "Open day",
                "date_begin": start,
                "date_end": start + timedelta(hours=4),
            }
        )
        own = self._register(event, self.customer_a)
        other = self._register(event, self.customer_b)
        walk_in = self.env["event.registration"].create(
            {"event_id": event.id, "name": "Walk-in visitor"}
        )
        Registration = self.env["event.registration"].with_user(self.consultant_a)
        self.assertEqual(
            Registration.search([("id", "in", (own | other | walk_in).ids)]),
            own | walk_in,
        )
        with self.assertRaises(AccessError):
            other.with_user(self.consultant_a).read(["phone"])

    def test_other_roles_read_no_member_or_masked_phones(self):
        with self.assertRaises(AccessError):
            self.member_a.with_user(self.technician).read(["phone"])
        event = self._event()
        registration = self._register(event, self.customer_a)
        as_manager = registration.with_user(self.club_manager)
        self.assertEqual(as_manager.read(["phone"])[0]["phone"], "+86138****8765")
        self.assertEqual(
            self.member_a.with_user(self.club_manager).read(["phone"])[0]["phone"],
            "+86138****8765",
        )

    def test_the_waiting_list_order_is_the_systems(self):
        event = self._event(seats_limited=True, seats_max=1)
        self._register(event, self.customer_a)
        waiting = self._register(
            event, self._member(self._owner("Chen Jie")).partner_id
        )
        self.assertTrue(waiting.auto_waitlisted)
        as_manager = waiting.with_user(self.club_manager)
        for vals in (
            {"auto_waitlist_date": fields.Datetime.now() - timedelta(days=30)},
            {"auto_waitlisted": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_manager.write(vals)

    def test_attendance_is_recorded_from_the_events_day(self):
        next_week = self._event(
            auto_attend_points=200, start=fields.Datetime.now() + timedelta(days=7)
        )
        registration = self._register(next_week, self.customer_a)
        with self.assertRaisesRegex(ValidationError, "checked in from that day"):
            registration.with_user(self.club_manager).action_set_done()
        self.assertEqual(registration.state, "open")
        self.assertEqual(self.card_a.points_balance, 0, "no points for it either")
        today = self._event(auto_attend_points=200)
        self._register(today, self.customer_a).with_user(
            self.club_manager
        ).action_set_done()
        self.assertEqual(self.card_a.points_balance, 200)

    def test_each_store_sees_its_own_clubs_and_offers(self):
        hangzhou, hangzhou_advisor = self._second_store()
        offer = self.env["auto.club.offer"].create(
            {
                "name": "Car wash 20 % off",
                "offer_type": "labour",
                "date_from": fields.Date.today(),
                "date_to": fields.Date.today() + timedelta(days=30),
            }
        )
        for records in (self.club, self.member_a, offer):
            with self.subTest(model=records._name):
                Model = self.env[records._name].with_user(hangzhou_advisor)
                self.assertFalse(Model.search([("id", "in", records.ids)]))
        hangzhou_club = self.env["auto.club"].create(
            {"name": "Hangzhou owners", "company_id": hangzhou.id}
        )
        self.assertEqual(
            self.env["auto.club"].with_user(hangzhou_advisor).search([]),
            hangzhou_club,
        )

    def test_records_of_one_store_link_only_to_that_stores(self):
        """A manager of both stores cannot link a record of one store to a
        record of the other (each relation checks the company, as Odoo's
        repair does); within a store, the same link is made."""
        hangzhou, hangzhou_advisor = self._second_store()
        main = self.env.company
        manager = new_test_user(
            self.env,
            login="test_group_manager",
            groups="base.group_multi_company,"
            "auto_loyalty.group_auto_loyalty_manager,"
            "auto_aftersales.group_auto_aftersales_manager",
            company_id=main.id,
            company_ids=(main | hangzhou).ids,
        )
        env = self.env(
            user=manager, context={"allowed_company_ids": [main.id, hangzhou.id]}
        )
        hangzhou_club = self.env["auto.club"].create(
            {"name": "Hangzhou owners", "company_id": hangzhou.id}
        )
        hangzhou_vehicle = self._create_vehicle(
            license_plate="浙A12345", company_id=hangzhou.id
        )
        hangzhou_customer = self.env["res.partner"].create(
            {"name": "Hangzhou customer", "company_id": hangzhou.id}
        )
        today = fields.Date.today()
        links = {
            "auto.club.offer": {
                "name": "Car wash 20 % off",
                "offer_type": "labour",
                "date_from": today,
                "date_to": today + timedelta(days=30),
                "club_ids": [fields.Command.set(hangzhou_club.ids)],
            },
            "auto.club": {
                "name": "Beijing owners",
                "manager_ids": [fields.Command.set(hangzhou_advisor.ids)],
            },
            "auto.loyalty.card": {"partner_id": hangzhou_customer.id},
            "helpdesk.ticket": {
                "name": "Noise",
                "description": "<p>Rattles</p>",
                "partner_id": self.customer_a.id,
                "auto_vehicle_id": hangzhou_vehicle.id,
            },
            "auto.service.reminder": {
                "name": "Insurance renewal",
                "kind": "insurance",
                "user_id": hangzhou_advisor.id,
            },
        }
        for model, vals in links.items():
            with self.subTest(model=model):
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    env[model].create({"company_id": main.id, **vals})
                record = env[model].create({"company_id": hangzhou.id, **vals})
                self.assertEqual(record.company_id, hangzhou)


@tagged("post_install", "-at_install")
class TestLastSeat(AutoClubCommon):
    """Two desks sell an event's last seat at once, in real transactions:
    one gets it, the other is retried and finds the event full."""

    def test_concurrent_registrations_cannot_both_take_the_last_seat(self):
        db = db_connect(self.env.cr.dbname)

        def env_for(cr):
            return real_env(self.registry, cr, {"tracking_disable": True})

        with db.cursor() as setup_cr:
            env = env_for(setup_cr)
            start = fields.Datetime.now() + timedelta(days=3)
            event = env["event.event"].create(
                {
                    "name": "Last seat",
                    "date_begin": start,
                    "date_end": start + timedelta(hours=2),
                    "seats_limited": True,
                    "seats_max": 1,
                }
            )
            partners = env["res.partner"].create(
                [{"name": "First desk's customer"}, {"name": "Second desk's"}]
            )
            setup_cr.commit()
        self.addCleanup(self._delete_committed, db, event.id, partners.ids)

        def register(cr, partner):
            env_for(cr)["event.registration"].create(
                {"event_id": event.id, "partner_id": partner.id}
            )
            env_for(cr).flush_all()

        desks = iter(partners)  # the first desk holds the event until commit
        error = second_waits_then_fails(self, db, lambda cr: register(cr, next(desks)))
        # Odoo retries a request that failed to serialise: the retry, in a
        # fresh transaction, counts the seat taken.
        self.assertIsInstance(error, SerializationFailure)
        with db.cursor() as cr:
            with self.assertRaisesRegex(ValidationError, "not enough seats"):
                register(cr, partners[1])
            cr.rollback()
            cr.execute(
                "SELECT count(*) FROM event_registration WHERE event_id = %s "
                "AND state IN ('open', 'done')",
                [event.id],
            )
            self.assertEqual(cr.fetchone()[0], 1)

    @staticmethod
    def _delete_committed(db, event_id, partner_ids):
        with db.cursor() as cr:
            cr.execute("DELETE FROM event_registration WHERE event_id = %s", [event_id])
            cr.execute("DELETE FROM event_event WHERE id = %s", [event_id])
            cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", [partner_ids])
            cr.commit()
