from datetime import datetime

from odoo.tests import tagged

from .common import AutoCrmCommon

# mail_activity's columns when the schedulers' planner
# (mail.activity._auto_insert_activities) was last checked against mail. When
# mail or another module changes the table, check that the planner still
# writes what the new columns need, then update this list.
KNOWN_COLUMNS = {
    "id",
    "res_model_id",
    "res_id",
    "activity_type_id",
    "user_id",
    "request_partner_id",
    "recommended_activity_type_id",
    "previous_activity_type_id",
    "create_uid",
    "write_uid",
    "res_model",
    "res_name",
    "summary",
    "user_tz",
    "date_deadline",
    "date_done",
    "note",
    "automated",
    "active",
    "create_date",
    "write_date",
    "calendar_event_id",
    "auto_cadence_id",
    "auto_on_time",
    "auto_escalated",
    "auto_is_escalation",
    "auto_deadline",
}
# Set by the database or the clock, not by the caller.
NOT_COMPARED = {"id", "create_date", "write_date"}


@tagged("post_install", "-at_install")
class TestActivityPlanner(AutoCrmCommon):
    def test_mail_activity_has_the_shape_the_planner_knows(self):
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'mail_activity'"
        )
        columns = {column for (column,) in self.env.cr.fetchall()}
        self.assertEqual(
            columns,
            KNOWN_COLUMNS,
            "mail_activity changed: review _auto_insert_activities, then KNOWN_COLUMNS",
        )

    def test_planned_activity_is_what_the_orm_creates(self):
        """A row of the planner reads as the activity mail.activity's create
        makes from the same values, on every stored field."""
        self.consultant_a.tz = "Asia/Shanghai"
        lead = self.env["crm.lead"].create({"name": "Walk-in: Sagitar"})
        activity_type = self.env.ref("auto_crm_leads.mail_activity_type_escalation")
        # 17:30 UTC is the next morning in Shanghai: the day is the assignee's.
        deadline = datetime(2026, 3, 2, 17, 30)
        Activity = self.env["mail.activity"]
        before = Activity.search([]).ids
        Activity._auto_insert_activities(
            "crm.lead",
            activity_type,
            [(lead.id, lead.display_name, self.consultant_a.id, "Late", deadline)],
            datetime(2026, 3, 2, 8, 0),
            escalation=True,
        )
        planned = Activity.search([("id", "not in", before)])
        created = Activity.sudo().create(
            {
                "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "res_id": lead.id,
                "activity_type_id": activity_type.id,
                "user_id": self.consultant_a.id,
                "summary": "Late",
                "date_deadline": "2026-03-03",
                "auto_deadline": deadline,
                "auto_is_escalation": True,
                "automated": True,
            }
        )
        self.env.invalidate_all()
        stored = [
            name
            for name, field in Activity._fields.items()
            if field.store and field.column_type and name not in NOT_COMPARED
        ]
        self.assertEqual(len(planned), 1)
        self.assertEqual(
            planned.read(stored)[0] | {"id": None},
            created.read(stored)[0] | {"id": None},
        )
        self.assertEqual(planned.date_deadline.isoformat(), "2026-03-03")
