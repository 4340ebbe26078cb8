from odoo.tests import Form, tagged

from .common import AutoClubCommon


@tagged("post_install", "-at_install")
class TestClubDesk(AutoClubCommon):
    """The club manager's screens: events are theirs, tickets are 门票, the
    check-in desk says 已签到, the waiting list shows the event's date."""

    def test_club_events_belong_to_the_club_manager(self):
        # Created by the system (demo data, imports): the club's manager.
        event = self._event()
        self.assertEqual(self.env.user, self.env.ref("base.user_root"))
        self.assertEqual(event.user_id, self.club_manager)
        # Created by a manager of the club: theirs.
        co_manager = self.other_club_manager
        self.club.manager_ids = [(4, co_manager.id)]
        own = self._event().with_user(co_manager).copy({"name": "Copy"})
        self.assertEqual(own.user_id, self.club_manager, "a copy keeps its owner")
        mine = (
            self.env["event.event"]
            .with_user(co_manager)
            .create(
                {
                    "name": "Co-managed Salon",
                    "auto_club_id": self.club.id,
                    "date_begin": event.date_begin,
                    "date_end": event.date_end,
                }
            )
        )
        self.assertEqual(mine.user_id, co_manager)
        # On the form, choosing the club proposes its manager.
        with Form(self.env["event.event"]) as form:
            form.name = "Salon"
            form.date_begin = event.date_begin
            form.date_end = event.date_end
            self.assertEqual(form.user_id, self.env.user)
            form.auto_club_id = self.other_club
            self.assertEqual(form.user_id, self.other_club_manager)
        # Events without a club follow Odoo.
        plain = self.env["event.event"].create(
            {
                "name": "Open Day",
                "date_begin": event.date_begin,
                "date_end": event.date_end,
            }
        )
        self.assertEqual(plain.user_id, self.env.user)

    def test_demo_events_belong_to_their_clubs_managers(self):
        events = self.env["event.event"].search([("auto_club_id", "!=", False)])
        self.assertTrue(events)
        odoobot = self.env.ref("base.user_root")
        self.assertNotIn(odoobot, events.user_id)
        for event in events:
            self.assertIn(event.user_id, event.auto_club_id.manager_ids, event.name)

    def test_event_terms_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["event", "auto_club"], ["zh_CN"], overwrite=True
        )
        manager_env = self.env(user=self.club_manager, context={"lang": "zh_CN"})
        Registration = manager_env["event.registration"]
        labels = Registration.fields_get(["event_ticket_id", "state", "date_closed"])
        self.assertEqual(labels["event_ticket_id"]["string"], "门票类型")
        states = dict(labels["state"]["selection"])
        self.assertEqual(states["done"], "已签到")
        self.assertEqual(states["open"], "已报名")
        self.assertEqual(labels["date_closed"]["string"], "签到时间")
        list_arch = Registration.get_views([(False, "list")])["views"]["list"]["arch"]
        self.assertIn("报名日期", list_arch, "the registration date says so")
        self.assertNotIn("活动日期", list_arch)
        form_arch = manager_env["event.event"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn("门票", form_arch)
        ended = manager_env.ref("event.event_stage_done")
        self.assertEqual(ended.name, "已结束", "the stage of the events held")
        # No event screen calls a ticket a work order.
        views = self.env["ir.ui.view"].search([("model", "like", "event.")])
        for view in views.with_context(lang="zh_CN"):
            self.assertNotIn("工单", view.arch_db, view.xml_id)

    def test_waiting_list_shows_the_events_date(self):
        event = self._event(seats_limited=True, seats_max=1)
        owners = [self._owner(f"Owner {index}") for index in range(3)]
        for owner in owners:
            self._member(owner)
        self._register(event, owners[0])
        waiting = self._register(event, owners[1]) | self._register(event, owners[2])
        self.assertEqual(waiting.mapped("auto_waitlisted"), [True, True])
        action = event.with_user(self.club_manager).action_auto_view_waitlist()
        view = self.env.ref("auto_club.event_registration_view_list_waitlist")
        self.assertEqual(action["views"][0], (view.id, "list"))
        Registration = self.env["event.registration"].with_user(self.club_manager)
        arch = Registration.get_views([(view.id, "list")])["views"]["list"]["arch"]
        self.assertIn('name="event_begin_date"', arch)
        self.assertNotIn('name="create_date"', arch)
        rows = Registration.search(action["domain"], order="auto_waitlist_date, id")
        self.assertEqual(rows, waiting)
        self.assertEqual(set(rows.mapped("event_begin_date")), {event.date_begin})
        # Every waiting list of the clubs, from the club menu.
        menu = self.env.ref("auto_club.menu_auto_club_waitlists")
        self.assertIn(
            menu.id,
            self.env["ir.ui.menu"].with_user(self.club_manager)._visible_menu_ids(),
        )
