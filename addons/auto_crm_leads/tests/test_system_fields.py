import threading
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.sql_db import db_connect
from odoo.tests import tagged

from .common import AutoCrmCommon, real_env

NOW = datetime(2026, 3, 2, 8, 0, 0)


class FollowUpCommon(AutoCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {"name": "Showroom", "user_id": cls.sales_manager.id}
        )

    @classmethod
    def _lead_vals(cls, **vals):
        return {
            "name": "Walk-in: Magotan",
            "type": "opportunity",
            "partner_id": cls.customer_a.id,
            "user_id": cls.consultant_a.id,
            "team_id": cls.team.id,
            **vals,
        }

    def _escalations(self, lead):
        return lead.activity_ids.filtered("auto_is_escalation")


@tagged("post_install", "-at_install")
class TestFollowUpEvidence(FollowUpCommon):
    """What the cadence observed is written by the system only: the consultant
    it judges cannot rewrite it, whatever the client."""

    @freeze_time(NOW)
    def test_consultant_cannot_rewrite_a_follow_up(self):
        lead = self.env["crm.lead"].create(self._lead_vals())
        follow_up = lead._auto_cadence_activities()[0].with_user(self.consultant_a)
        forgeries = [
            {"auto_on_time": 100},
            {"auto_escalated": True},
            {"auto_deadline": NOW + timedelta(days=30)},
            {"auto_cadence_id": False},
            {"auto_is_escalation": True},
        ]
        for vals in forgeries:
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                follow_up.write(vals)
        Activity = self.env["mail.activity"].with_user(self.consultant_a)
        planned = {
            "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "res_id": lead.id,
            "user_id": self.consultant_a.id,
            "summary": "Call back",
        }
        with self.assertRaises(AccessError):
            Activity.create(
                {**planned, "auto_cadence_id": follow_up.auto_cadence_id.id}
            )
        with self.assertRaises(AccessError):
            Activity.with_context(default_auto_on_time=100).create(planned)
        # Doing the follow-up is the consultant's: the system records it.
        follow_up.action_feedback(feedback="Cares about fuel use")
        done = follow_up.with_context(active_test=False).sudo()
        self.assertEqual((done.active, done.auto_on_time), (False, 100))
        for vals in ({"active": True}, {"date_done": NOW.date()}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                follow_up.with_context(active_test=False).write(vals)

    def test_escalation_is_closed_by_its_manager_only(self):
        with freeze_time(NOW):
            lead = self.env["crm.lead"].create(self._lead_vals())
        with freeze_time(NOW + timedelta(hours=2)):
            self.env["mail.activity"]._cron_auto_escalate_overdue()
        escalation = self._escalations(lead)
        self.assertEqual(escalation.user_id, self.sales_manager)
        as_consultant = escalation.with_user(self.consultant_a)
        for attempt in (
            as_consultant.unlink,
            as_consultant.action_feedback,
            lambda: as_consultant.write({"user_id": self.consultant_a.id}),
            lambda: as_consultant.write({"date_deadline": NOW.date()}),
        ):
            with self.subTest(attempt=attempt), self.assertRaises(AccessError):
                attempt()
        self.assertTrue(escalation.exists())
        escalation.with_user(self.sales_manager).action_feedback(feedback="Talked")
        self.assertFalse(escalation.exists())

    def test_a_missed_follow_up_stays_missed(self):
        """An agreed time moves the next follow-up, not one already late:
        done afterwards, it still counts as late."""
        with freeze_time(NOW):
            lead = self.env["crm.lead"].create(self._lead_vals())
            first = lead._auto_cadence_activities().sorted("auto_deadline")[0]
            deadline = first.auto_deadline
        with freeze_time(NOW + timedelta(hours=2)):
            self.env["mail.activity"]._cron_auto_escalate_overdue()
            as_consultant = lead.with_user(self.consultant_a)
            as_consultant.auto_next_contact = NOW + timedelta(days=1)
            self.assertEqual(first.auto_deadline, deadline)
            self.assertTrue(first.auto_escalated)
            first.with_user(self.consultant_a).action_feedback()
        self.assertEqual(first.with_context(active_test=False).auto_on_time, 0)


@tagged("post_install", "-at_install")
class TestConcurrentEscalation(AutoCrmCommon):
    """Two escalation runs overlap (the scheduled one and a manual one, or
    two workers): a lead's overdue follow-ups are escalated together, once.
    Real transactions, so committed data: the demo's consultant and manager."""

    def test_overlapping_runs_escalate_a_lead_once(self):
        db = db_connect(self.env.cr.dbname)
        consultant = self.env.ref("auto_crm_leads.user_consultant1_demo")
        manager = self.env.ref("auto_crm_leads.user_sales_manager_demo")
        with db.cursor() as setup_cr:
            env = real_env(self.registry, setup_cr, {"tracking_disable": True})
            team = env["crm.team"].create(
                {"name": "Concurrent showroom", "user_id": manager.id}
            )
            lead = env["crm.lead"].create(
                {
                    "name": "Concurrent lead",
                    "type": "opportunity",
                    "user_id": consultant.id,
                    "team_id": team.id,
                }
            )
            follow_ups = lead._auto_cadence_activities().sorted("auto_deadline")
            # Late the longest of the database: the runs' batch of one lead.
            for day, follow_up in enumerate(follow_ups, start=1):
                setup_cr.execute(
                    "UPDATE mail_activity SET auto_deadline = %s WHERE id = %s",
                    [datetime(2000, 1, day), follow_up.id],
                )
            setup_cr.commit()
        self.addCleanup(self._delete_committed, db, lead.id, team.id)
        self.assertEqual(len(follow_ups), 3)

        def escalate(cr):
            env = real_env(self.registry, cr)
            return env["mail.activity"]._auto_escalate_batch(1)

        outcome = {}
        first_escalated = threading.Event()
        may_commit = threading.Event()

        def first_run():
            with db.cursor() as cr:
                outcome["first"] = escalate(cr)
                first_escalated.set()
                may_commit.wait(30)
                cr.commit()

        with db.cursor() as editing_cr:
            # Someone is saving the second follow-up as the first run starts.
            editing_cr.execute(
                "SELECT id FROM mail_activity WHERE id = %s FOR UPDATE",
                [follow_ups[1].id],
            )
            thread = threading.Thread(target=first_run)
            thread.start()
            first_escalated.wait(2)
            editing_cr.rollback()
        self.assertTrue(first_escalated.wait(30), "the first run escalated")
        with db.cursor() as cr:  # while the first run has not committed
            outcome["second"] = escalate(cr)
            cr.commit()
        may_commit.set()
        thread.join(30)
        self.assertEqual(
            (outcome["first"], outcome["second"]),
            (3, 0),
            "the first run escalated all three, the second none",
        )
        with db.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM mail_activity WHERE res_model = 'crm.lead' "
                "AND res_id = %s AND auto_is_escalation",
                [lead.id],
            )
            self.assertEqual(cr.fetchone()[0], 1, "one escalation for the lead")

    def _delete_committed(self, db, lead_id, team_id):
        """Through the ORM, which also deletes the lead's chatter, follow-ups
        and escalation and the team's mail alias: a team left half-deleted
        breaks the next tests (crm's own create teams with the same alias)."""
        with db.cursor() as cr:
            env = real_env(self.registry, cr)
            env["crm.lead"].with_context(active_test=False).browse(lead_id).unlink()
            env["crm.team"].with_context(active_test=False).browse(team_id).unlink()
            cr.commit()
