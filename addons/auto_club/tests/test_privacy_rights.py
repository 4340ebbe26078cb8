import base64
import json
import re
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.auto_crm_leads.tools import privacy

from .common import AutoClubCommon

# Models that reference a customer without being a kind of record of their
# own: each is exported, and erased, with the records they belong to.
WITHIN_OTHER_SECTIONS = {
    "mail.notification": "who a message reached: part of the messages",
    "calendar.attendee": "the invitations of the meetings",
    "account.move.line": "the lines of the invoices",
    "sale.order.line": "the lines of the sales orders",
}
# Tables the database scan skips: Odoo's bus keeps the notifications it
# pushed to browsers for a minute, then deletes them (bus.bus._gc_messages).
TRANSIENT_TABLES = {"bus_bus"}


def resident_id(prefix):
    """A valid resident identity number (GB 11643) from its 17 digits."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(
        int(digit) * weight for digit, weight in zip(prefix, weights, strict=True)
    )
    return prefix + "10X98765432"[total % 11]


@tagged("post_install", "-at_install")
class TestPrivacyRights(AutoClubCommon):
    """A customer known to every addon asks for a copy of their data, then
    for its erasure."""

    NAME = "钱多多"
    EMAIL = "qian.duoduo@example.cn"
    MOBILE = "+86 139 2233 4455"
    STREET = "锦绣路 8848 弄"
    ACCOUNT = "6222020200112233445"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.id_number = resident_id("31011519880808123")
        cls.person = env["res.partner"].create(
            {
                "name": cls.NAME,
                "email": cls.EMAIL,
                "mobile": cls.MOBILE,
                "street": cls.STREET,
                "city": "上海",
                "id_number": cls.id_number,
                "birthday": "1988-08-08",
                "comment": f"<p>{cls.NAME} prefers calls after six.</p>",
            }
        )
        person = cls.person
        cls._auto_record_consent(person, ["club_events", "telemarketing"])
        cls.vehicle = cls._create_vehicle(owner_id=person.id, license_plate="沪A88488")
        cls.lead = env["crm.lead"].create(
            {
                "name": f"{cls.NAME} - Tiguan L",
                "partner_id": person.id,
                "contact_name": cls.NAME,
                "email_from": cls.EMAIL,
                "phone": cls.MOBILE,
            }
        )
        cls.lead.message_post(
            body=f"Called {cls.NAME} on {cls.MOBILE}", message_type="comment"
        )
        # The customer's own e-mail, with their driving licence
        cls.lead.message_post(
            body=f"我是{cls.NAME}, 请回电 {cls.MOBILE}",
            author_id=person.id,
            email_from=f"{cls.NAME} <{cls.EMAIL}>",
            message_type="email",
            attachments=[(f"{cls.NAME} 驾驶证.jpg", b"licence scan")],
        )
        station = env["stock.warehouse"].search(
            [
                ("company_id", "=", env.company.id),
                ("auto_is_service_station", "=", True),
            ],
            limit=1,
        )
        cls.work_order = env["repair.order"].create(
            {
                "partner_id": person.id,
                "auto_vehicle_id": cls.vehicle.id,
                "picking_type_id": station.repair_type_id.id,
                "internal_notes": f"<p>{cls.NAME} waits in the lounge</p>",
            }
        )
        cls.ticket = env["helpdesk.ticket"].create(
            {
                "name": f"Complaint of {cls.NAME}",
                "description": f"<p>{cls.NAME} ({cls.MOBILE}) was kept waiting</p>",
                "partner_id": person.id,
                "auto_request_type": "complaint",
            }
        )
        env["ir.attachment"].create(
            {
                "name": "complaint letter.pdf",
                "raw": b"letter",
                "res_model": "helpdesk.ticket",
                "res_id": cls.ticket.id,
            }
        )
        cls.card = env["auto.loyalty.card"].create({"partner_id": person.id})
        AutoClubCommon._credit(cls, cls.card, 800)
        AutoClubCommon._credit(cls, cls.card, -300, move_type="adjust")
        env["auto.club.member"].create(
            {"club_id": cls.club.id, "partner_id": person.id}
        )
        cls.registration = AutoClubCommon._register(
            cls, AutoClubCommon._event(cls), person, name=cls.NAME, email=cls.EMAIL
        )
        env["sms.sms"].create(
            {"partner_id": person.id, "number": cls.MOBILE, "body": "Welcome"}
        )
        env["res.partner.bank"].create(
            {"partner_id": person.id, "acc_number": cls.ACCOUNT}
        )
        env["calendar.event"].create(
            {
                "name": f"Test drive of {cls.NAME}",
                "start": fields.Datetime.now(),
                "stop": fields.Datetime.now(),
                "partner_ids": [Command.link(person.id)],
            }
        )
        cls.invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": person.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Tiguan L", "quantity": 1, "price_unit": 200000}
                    )
                ],
            }
        )
        cls.invoice.action_post()
        person.with_user(cls.data_officer).action_auto_reveal_personal_data()

    # helpers

    def _request(self, request_type):
        return (
            self.env["auto.privacy.request"]
            .with_user(self.data_officer)
            .create(
                {
                    "partner_id": self.person.id,
                    "request_type": request_type,
                    "source": "showroom",
                    "identity_checked": True,
                }
            )
        )

    def _values(self):
        return [
            self.NAME,
            self.EMAIL,
            "+8613922334455",
            "13922334455",
            self.STREET,
            self.id_number,
            self.ACCOUNT,
        ]

    def _scan(self):
        """Every text of every table where one of the person's values is
        readable: {(table, column, id)}."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """SELECT c.table_name, c.column_name
                 FROM information_schema.columns c
                 JOIN information_schema.tables t
                   ON t.table_schema = c.table_schema
                  AND t.table_name = c.table_name
                WHERE c.table_schema = 'public'
                  AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('character varying', 'text', 'jsonb')"""
        )
        columns = {}
        for table, column in cr.fetchall():
            if table not in TRANSIENT_TABLES:
                columns.setdefault(table, []).append(column)
        regex = privacy.pattern(self._values())
        hits = set()
        for table, names in columns.items():
            cr.execute(
                SQL(
                    "SELECT %s FROM %s WHERE %s",
                    SQL(", ").join(SQL.identifier(name) for name in {"id", *names}),
                    SQL.identifier(table),
                    SQL(" OR ").join(
                        SQL("%s::text ~* %s", SQL.identifier(name), regex)
                        for name in names
                    ),
                )
            )
            for row in cr.dictfetchall():
                hits.update(
                    (table, name, row.get("id"))
                    for name in names
                    if row[name] and re.search(regex, str(row[name]), re.I)
                )
        return hits

    def _models_holding_the_person(self):
        """Every model with a record pointing to the person."""
        env = self.env(su=True, context={"active_test": False})
        fields_ = env["ir.model.fields"].search(
            [
                ("relation", "=", "res.partner"),
                ("ttype", "in", ("many2one", "many2many")),
                ("store", "=", True),
                ("name", "not in", ("create_uid", "write_uid")),
            ]
        )
        holding = set()
        for field in fields_:
            model = env.get(field.model)
            if (
                model is None
                or model._transient
                or model._abstract
                or not model._auto
                or field.name not in model._fields
            ):
                continue
            if model.search_count([(field.name, "in", self.person.ids)], limit=1):
                holding.add(field.model)
        return holding

    # tests

    def test_export_holds_every_model_of_the_person(self):
        request = self._request("export")
        request.with_user(self.data_officer).action_export()
        self.assertEqual(request.state, "done")
        data = json.loads(base64.b64decode(request.export_json_id.datas))
        exported = {section["model"] for section in data["sections"] if section["rows"]}
        missing = (
            self._models_holding_the_person() - exported - set(WITHIN_OTHER_SECTIONS)
        )
        self.assertFalse(missing, "every model holding the customer is exported")
        sections = {section["key"]: section for section in data["sections"]}
        self.assertEqual(sections["profile"]["rows"][0]["id_number"], self.id_number)
        self.assertEqual(sum(row["points"] for row in sections["points"]["rows"]), 500)
        self.assertIn(
            self.vehicle.vin_sn or self.vehicle.license_plate,
            json.dumps(sections["vehicles"]["rows"], ensure_ascii=False),
        )
        self.assertTrue(
            any(
                self.MOBILE.replace(" ", "") in (row["body"] or "").replace(" ", "")
                for row in sections["messages"]["rows"]
            )
        )
        # Odoo's tests render the report's HTML, not wkhtmltopdf's PDF of it.
        readable = base64.b64decode(request.export_pdf_id.datas).decode()
        self.assertIn(self.id_number, readable)
        self.assertIn(self.vehicle.license_plate, readable)
        self.assertIn("Exported", request.outcome)

    def test_erasure_leaves_no_personal_value_and_the_histories_add_up(self):
        self.assertTrue(
            {table for table, _column, _id in self._scan()}
            >= {"res_partner", "crm_lead", "mail_message", "helpdesk_ticket"},
            "the scan finds the customer before the erasure",
        )
        balance = self.card.points_balance
        request = self._request("erasure")
        request.with_user(self.data_officer).action_erase()
        self.assertEqual(request.state, "done")
        # Nothing readable but the invoice, as issued
        self.assertEqual(
            self._scan(),
            {("account_move", "invoice_partner_display_name", self.invoice.id)},
        )
        self.assertIn("30", request.outcome)
        # The histories still add up
        self.assertEqual(self.card.points_balance, balance)
        self.assertEqual(
            sum(
                self.env["auto.loyalty.move"]
                .search([("card_id", "=", self.card.id)])
                .mapped("points")
            ),
            500,
        )
        self.assertFalse(self.vehicle.owner_id, "the person left the vehicle")
        self.assertEqual(self.work_order.auto_vehicle_id, self.vehicle)
        self.assertEqual(self.invoice.amount_untaxed, 200000)
        # Nobody contacts them again, and the lead is anonymous
        self.assertFalse(self.person.active)
        self.assertTrue(self.person.auto_erased_date)
        self.assertFalse(
            self.person.privacy_consent_ids.filtered(
                lambda consent: consent.auto_status == "given"
            )
        )
        self.assertFalse(self.lead.email_from or self.lead.phone)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", self.ticket.id)]
            )
        )

    def test_erasure_is_all_or_nothing(self):
        request = self._request("erasure")

        def fail(env, kept):
            raise UserError("disk full")

        with patch.object(privacy, "restore_kept", fail):
            action = request.with_user(self.data_officer).action_erase()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertEqual(request.state, "open")
        self.assertIn("disk full", request.message_ids[0].body)
        self.assertEqual(self.person.name, self.NAME)
        self.assertEqual(self.person.sudo().id_number, self.id_number)
        self.assertEqual(self.lead.email_from, self.EMAIL)
        self.assertEqual(self.vehicle.owner_id, self.person)
        self.assertTrue(
            self.person.privacy_consent_ids.filtered(
                lambda consent: consent.auto_status == "given"
            )
        )

    def test_a_member_is_erased_not_deleted(self):
        with self.assertRaisesRegex(UserError, "Data Protection > Requests"):
            self.person.unlink()

    def test_requests_are_the_data_officers(self):
        self.env.company.auto_privacy_request_days = 10
        request = self._request("erasure")
        self.assertEqual(
            request.date_due, fields.Date.add(request.date_received, days=10)
        )
        self.assertEqual(request.activity_ids.date_deadline, request.date_due)
        request.date_received = fields.Date.subtract(fields.Date.today(), days=11)
        self.assertIn(
            request,
            self.env["auto.privacy.request"].search([("is_overdue", "=", True)]),
        )
        with self.assertRaises(AccessError):
            request.with_user(self.consultant_a).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.env["auto.privacy.request"].with_user(self.consultant_a).create(
                {"partner_id": self.person.id, "request_type": "export"}
            )
        with self.assertRaises(AccessError):
            request.with_user(self.data_officer).write({"state": "done"})
        unchecked = self._request("export")
        unchecked.identity_checked = False
        with self.assertRaisesRegex(UserError, "identity"):
            unchecked.with_user(self.data_officer).action_export()
        with self.assertRaisesRegex(UserError, "Say why"):
            unchecked.with_user(self.data_officer).action_refuse()
        unchecked.refusal_reason = "No identity card shown"
        unchecked.with_user(self.data_officer).action_refuse()
        self.assertEqual(unchecked.state, "refused")
        self.assertFalse(unchecked.activity_ids)
