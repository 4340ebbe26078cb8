import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.sql_db import db_connect
from odoo.tests import Form, tagged

from odoo.addons.auto_crm_leads.tests.common import real_env, second_waits_then_fails

from .common import AutoLoyaltyCommon


@tagged("post_install", "-at_install")
class TestPoints(AutoLoyaltyCommon):
    def _redeem(self, card, points, **vals):
        wizard = (
            self.env["auto.loyalty.redeem.wizard"]
            .with_user(self.advisor)
            .create({"card_id": card.id, "points": points, **vals})
        )
        return wizard.action_confirm()

    def test_done_work_order_earns_once(self):
        repair = self._work_order(parts=2)  # 2 x 680 at list price, maintenance
        self.assertEqual(repair.auto_spend_amount, 1360)
        self._complete(repair)
        # Maintenance rule: 2 points per yuan.
        self.assertEqual(self.card_a.points_balance, 2720)
        self.assertEqual(repair.auto_points_earned, 2720)
        earn = self.card_a.move_ids
        self.assertEqual(earn.move_type, "earn")
        self.assertEqual(earn.source_ref, repair)
        self.assertEqual(earn.expiry_date, fields.Date.add(earn.date.date(), months=24))
        # Earning again for the same work order changes nothing.
        self.card_a._auto_earn(repair, [(self.part, 1360)], "maintenance")
        self.assertEqual(self.card_a.points_balance, 2720)
        self.assertEqual(len(self.card_a.move_ids), 1)

    def test_campaign_multiplies_and_warranty_earns_nothing(self):
        self.env["auto.loyalty.campaign"].create(
            {
                "name": "Double points",
                "multiplier": 2,
                "date_from": self.today,
                "date_to": self.today,
                "service_type": "repair",
            }
        )
        repair = self._work_order(parts=1, auto_service_type="repair")
        self._complete(repair)
        self.assertEqual(self.card_a.points_balance, 680 * 1 * 2)
        self.assertIn("Double points", self.card_a.move_ids.description)
        warranty = self._work_order(parts=1, auto_service_type="warranty")
        self._complete(warranty)
        self.assertEqual(self.card_a.points_balance, 1360)
        self.assertEqual(
            warranty.auto_spend_amount, 0, "the manufacturer pays: no spend"
        )
        self.assertEqual(repair.auto_spend_amount, 680)

    def test_redeem_on_work_order_adds_deduction(self):
        self._credit(self.card_a, 5000)
        repair = self._work_order(parts=1)
        self._redeem(self.card_a, 3000, purpose="work_order", repair_id=repair.id)
        self.assertEqual(self.card_a.points_balance, 2000)
        self.assertEqual(repair.auto_points_redeemed, 3000)
        deduction = repair.sale_order_id.order_line.filtered(
            lambda line: (
                line.product_id == self.env.ref("auto_loyalty.product_points_deduction")
            )
        )
        self.assertEqual(deduction.price_unit, -300.0)  # 0.1 per point
        # Not more than the job is worth (680 - 300 left = 380, i.e. 3,800 points).
        self._credit(self.card_a, 5000)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._redeem(self.card_a, 3801, purpose="work_order", repair_id=repair.id)
        # Nor on another customer's job.
        other = self._work_order(partner_id=self.customer_b.id, auto_vehicle_id=False)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._redeem(self.card_a, 10, purpose="work_order", repair_id=other.id)
        self.assertEqual(self.card_a.points_balance, 7000)

    def test_redeem_more_than_balance_writes_nothing(self):
        self._credit(self.card_a, 100)
        for points in (101, 0, -5):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self._redeem(
                    self.card_a,
                    points,
                    purpose="merchandise",
                    product_id=self.accessory.id,
                )
        self.assertEqual(self.card_a.points_balance, 100)
        self.assertEqual(len(self.card_a.move_ids), 1)
        self._redeem(
            self.card_a, 100, purpose="merchandise", product_id=self.accessory.id
        )
        self.assertEqual(self.card_a.points_balance, 0)

    def test_transfer_between_members_with_limits(self):
        self._credit(self.card_a, 30000)
        Wizard = self.env["auto.loyalty.transfer.wizard"].with_user(self.advisor)

        def transfer(partner, points):
            Wizard.create(
                {"card_id": self.card_a.id, "partner_id": partner.id, "points": points}
            ).action_confirm()

        transfer(self.customer_b, 1500)
        self.assertEqual(self.card_a.points_balance, 28500)
        self.assertEqual(self.card_b.points_balance, 1500)
        stranger = self.env["res.partner"].create({"name": "Not a member"})
        for partner, points in (
            (self.customer_a, 10),  # to oneself
            (stranger, 10),  # to a non-member
            (self.customer_b, -10),  # negative
            (self.customer_b, 6000),  # beyond one transfer's limit
        ):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                transfer(partner, points)
        for _ in range(3):
            transfer(self.customer_b, 5000)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            transfer(self.customer_b, 4000)  # 20,000 a year
        self.assertEqual(self.card_b.points_balance, 16500)
        self.assertEqual(self.card_a.points_balance + self.card_b.points_balance, 30000)

    def test_expiry_takes_oldest_points_first(self):
        Move = self.env["auto.loyalty.move"]
        self._credit(self.card_a, 100, expiry_date=self.today - timedelta(days=10))
        self._credit(self.card_a, 200, expiry_date=self.today - timedelta(days=1))
        self._credit(self.card_a, 300, expiry_date=self.today + timedelta(days=30))
        self._redeem(
            self.card_a, 150, purpose="merchandise", product_id=self.accessory.id
        )
        # The 150 redeemed took the first lot and half the second: 150 expire.
        self.env.flush_all()
        # The expiry line is worded in each installed language, looked up
        # once per process (ormcache), not per run.
        for lang, _name in self.env["res.lang"].get_installed():
            self.env["res.lang"]._get_data(code=lang)
        with self.assertQueryCount(__system__=2):
            Move._cron_auto_expire_points()
        expired = self.card_a.move_ids.filtered(lambda move: move.move_type == "expire")
        self.assertEqual(expired.points, -150)
        self.assertEqual(self.card_a.points_balance, 300)
        # Nothing more expires until the last lot's date.
        Move._cron_auto_expire_points()
        self.assertEqual(self.card_a.points_balance, 300)

    def test_ledger_is_append_only_and_corrected_by_counter_moves(self):
        move = self._credit(self.card_a, 500)
        with self.assertRaises(UserError):
            move.write({"points": 800})
        with self.assertRaises(UserError):
            move.unlink()
        move.action_reverse()
        self.assertEqual(self.card_a.points_balance, 0)
        with self.assertRaises(UserError), self.cr.savepoint():
            move.action_reverse()  # once
        # A correction may not take back points already spent.
        other = self._credit(self.card_b, 500)
        self._redeem(
            self.card_b, 400, purpose="merchandise", product_id=self.accessory.id
        )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            other.action_reverse()
        self.assertEqual(self.card_b.points_balance, 100)

    def test_consultant_sees_own_members_only(self):
        self.customer_a.user_id = self.consultant_a
        self.customer_b.user_id = self.consultant_b
        self.env.flush_all()
        Card = self.env["auto.loyalty.card"].with_user(self.consultant_a)
        self.assertEqual(
            Card.search([("id", "in", (self.card_a | self.card_b).ids)]), self.card_a
        )
        with self.assertRaises(AccessError):
            self.env["auto.loyalty.tier"].with_user(self.consultant_a).create(
                {"name": "Bronze", "min_spend": 1}
            )

    def test_roles_without_card_access_still_open_their_forms(self):
        # A data officer opens the customer page, a parts clerk the work
        # order: membership stays hidden from them rather than failing.
        with Form(self.customer_a.with_user(self.data_officer)) as form:
            self.assertNotIn("auto_points_balance", form._view["fields"])
        repair = self._work_order()
        with Form(repair.with_user(self.clerk)) as form:
            self.assertNotIn("auto_member_tier_id", form._view["fields"])
        with Form(self.customer_a.with_user(self.advisor)) as form:
            self.assertEqual(form.auto_loyalty_card_id, self.card_a)

    def test_member_list_reads_balances_in_constant_queries(self):
        for index in range(10):
            partner = self.env["res.partner"].create({"name": f"Member {index}"})
            card = self.env["auto.loyalty.card"].create({"partner_id": partner.id})
            self._credit(card, 10 + index)
        Card = self.env["auto.loyalty.card"].with_user(self.advisor)
        spec = {
            "name": {},
            "partner_id": {"fields": {"display_name": {}}},
            "tier_id": {"fields": {"display_name": {}}},
            "points_balance": {},
        }
        self.env.invalidate_all()
        # 11: the user's companies are read once, for the multi-company rule.
        with self.assertQueryCount(__system__=11, test_service_advisor=11):
            Card.web_search_read([], spec, limit=5)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=11, test_service_advisor=11):
            Card.web_search_read([], spec, limit=12)


@tagged("post_install", "-at_install")
class TestConcurrentRedemption(AutoLoyaltyCommon):
    """Two real transactions redeem the same points at once."""

    def test_concurrent_redemptions_never_go_negative(self):
        db = db_connect(self.env.cr.dbname)

        def env_for(cr):
            return real_env(
                self.registry, cr, {"tracking_disable": True, "mail_create_nolog": True}
            )

        with db.cursor() as setup_cr:
            env = env_for(setup_cr)
            partner = env["res.partner"].create({"name": "Concurrent member"})
            card = env["auto.loyalty.card"].create({"partner_id": partner.id})
            env["auto.loyalty.move"].create(
                {
                    "card_id": card.id,
                    "move_type": "import",
                    "points": 100,
                    "description": "Legacy balance",
                }
            )
            setup_cr.commit()
        self.addCleanup(self._delete_committed, db, card.id, partner.id)

        def redeem(cr):
            env_for(cr)["auto.loyalty.move"].create(
                {
                    "card_id": card.id,
                    "move_type": "redeem",
                    "points": -80,
                    "description": "Redeemed",
                }
            )
            env_for(cr).flush_all()

        # The first holds the card's row until it commits.
        error = second_waits_then_fails(self, db, redeem)
        self.assertIsNotNone(error, "the second redemption failed")
        with db.cursor() as cr:
            cr.execute(
                "SELECT points_balance FROM auto_loyalty_card WHERE id = %s", [card.id]
            )
            self.assertEqual(cr.fetchone()[0], 20)
            cr.execute(
                "SELECT count(*) FROM auto_loyalty_move WHERE card_id = %s "
                "AND move_type = 'redeem'",
                [card.id],
            )
            self.assertEqual(cr.fetchone()[0], 1)

    @staticmethod
    def _delete_committed(db, card_id, partner_id):
        with db.cursor() as cr:
            cr.execute("DELETE FROM auto_loyalty_move WHERE card_id = %s", [card_id])
            cr.execute(
                "DELETE FROM auto_loyalty_tier_history WHERE card_id = %s", [card_id]
            )
            cr.execute("DELETE FROM auto_loyalty_card WHERE id = %s", [card_id])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [partner_id])
            cr.commit()


@tagged("post_install", "-at_install")
class TestImport(AutoLoyaltyCommon):
    def _wizard(self, text):
        return (
            self.env["auto.loyalty.import.wizard"]
            .with_user(self.loyalty_admin)
            .create({"file": base64.b64encode(text.encode()), "filename": "dms.csv"})
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = cls.env["res.partner"].create(
            {"name": "Newcomer", "phone": "13912345678"}
        )

    def test_dry_run_reports_bad_rows_and_imports_nothing(self):
        future = (self.today + timedelta(days=300)).isoformat()
        wizard = self._wizard(
            "customer,points,expiry_date,reference\n"
            f"{self.card_a.name},1200,{future},OLD-1\n"
            "139 1234 5678,300,,OLD-2\n"
            "18800000000,50,,OLD-3\n"
            f"{self.card_b.name},-5,,OLD-4\n"
            f"{self.card_b.name},ten,,OLD-5\n"
            f"{self.card_a.name},10,,OLD-6\n"
            f"{self.card_b.name},10,2020-01-01,OLD-7\n"
        )
        wizard.action_check()
        errors = wizard.line_ids.sorted("row").mapped("error")
        self.assertEqual(errors[:2], [False, False])
        self.assertTrue(all(errors[2:]), errors)
        self.assertEqual((wizard.good_count, wizard.bad_count), (2, 5))
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertFalse(self.card_a.move_ids)
        self.assertFalse(self.newcomer.auto_loyalty_card_ids)

    def test_good_file_imports_balances_and_enrols(self):
        wizard = self._wizard(
            f"customer,points\n{self.card_a.name},1200\n13912345678,300\n"
        )
        wizard.action_check()
        wizard.action_import()
        self.assertEqual(self.card_a.points_balance, 1200)
        card = self.newcomer.auto_loyalty_card_ids
        self.assertEqual(card.points_balance, 300)
        self.assertEqual(card.move_ids.move_type, "import")
        with self.assertRaises(AccessError):
            self.env["auto.loyalty.import.wizard"].with_user(self.advisor).create(
                {"file": base64.b64encode(b"customer,points\n")}
            )


@tagged("post_install", "-at_install")
class TestEarnOnPaidSale(AutoLoyaltyCommon):
    def test_paid_sales_order_earns_once(self):
        order = self._purchase(self.customer_a, 800)
        self.assertFalse(self.card_a.move_ids, "confirmed is not paid")
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertFalse(self.card_a.move_ids, "invoiced is not paid")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.card_a.points_balance, 800)  # 1 point per yuan
        self.assertEqual(self.card_a.move_ids.source_ref, order)

    def test_balances_and_tiers_are_not_edited_by_hand(self):
        self._credit(self.card_a, 50)
        with self.assertRaises(UserError):
            self.card_a.with_user(self.loyalty_admin).write({"points_balance": 5000})
        with self.assertRaises(AccessError):
            self.card_a.with_user(self.advisor).write({"state": "closed"})
        self.assertEqual(self.card_a.points_balance, 50)
