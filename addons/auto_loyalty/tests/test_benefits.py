from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import AutoLoyaltyCommon


@tagged("post_install", "-at_install")
class TestTierBenefits(AutoLoyaltyCommon):
    """Each benefit a tier lists acts on the member's card and work orders
    (DOMAIN.md §4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.diamond = cls.env.ref("auto_loyalty.tier_diamond")
        cls.labour = cls.env["product.product"].create(
            {"name": "Maintenance labour", "type": "service", "list_price": 300.0}
        )

    def _reach(self, card, amount):
        self._purchase(card.partner_id, amount, days_ago=3)
        card._auto_recompute_tiers()

    def test_diamond_member_gets_a_dedicated_advisor(self):
        self.vehicle.auto_service_advisor_id = self.advisor
        self._reach(self.card_a, 120000)
        self.assertEqual(self.card_a.tier_id, self.gold)
        self.assertFalse(self.card_a.advisor_id, "gold has no dedicated advisor")
        self._purchase(self.customer_a, 500000, days_ago=3)
        # Cards created in the transaction are not tracked: as if committed.
        self.env.cr.precommit.clear()
        # As the scheduler runs: with the chatter.
        self.card_a.with_context(
            tracking_disable=False, mail_notrack=False
        )._auto_recompute_tiers()
        self.assertEqual(self.card_a.tier_id, self.diamond)
        self.assertEqual(self.card_a.advisor_id, self.advisor)
        self.env.cr.precommit.run()  # tracking is posted at commit
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "auto.loyalty.card"),
                ("mail_message_id.res_id", "=", self.card_a.id),
            ]
        )
        self.assertIn(
            "advisor_id",
            tracked.field_id.mapped("name"),
            "the assignment is logged on the card",
        )
        # Whoever opens the job, the member's advisor is proposed...
        repair = self._work_order(user=self.aftersales_manager)
        self.assertEqual(repair.user_id, self.advisor)
        self.assertEqual(repair.auto_dedicated_advisor_id, self.advisor)
        self.assertEqual(repair.auto_station_id, self.station)
        with Form(self.env["repair.order"].with_user(self.aftersales_manager)) as form:
            form.picking_type_id = self.station.repair_type_id
            form.auto_vehicle_id = self.vehicle
            self.assertEqual(form.user_id, self.advisor)
            self.assertEqual(form.picking_type_id, self.station.repair_type_id)
        # ... unless the job names another advisor.
        named = self._work_order(user_id=self.aftersales_manager.id)
        self.assertEqual(named.user_id, self.aftersales_manager)
        # A parts clerk, without loyalty rights, reads the job.
        self.assertEqual(
            repair.with_user(self.clerk).auto_dedicated_advisor_id, self.advisor
        )
        # Someone else's customer keeps the default advisor.
        other = self._work_order(partner_id=self.customer_b.id, auto_vehicle_id=False)
        self.assertEqual(other.user_id, self.advisor)  # the creating user
        self.assertFalse(other.auto_dedicated_advisor_id)

    def test_gold_member_is_offered_a_courtesy_car(self):
        start = fields.Datetime.now()
        two_hours = {
            "schedule_date": start,
            "auto_promised_date": start + timedelta(hours=2),
        }
        self.assertFalse(self._work_order(**two_hours).auto_courtesy_car)
        self._reach(self.card_a, 120000)
        self.assertTrue(self._work_order(**two_hours).auto_courtesy_car)
        self.card_a.action_suspend()
        self.assertFalse(
            self._work_order(**two_hours).auto_courtesy_car, "suspended card"
        )

    def test_free_washes_are_counted_and_refused_past_the_allowance(self):
        self.silver.free_washes = 2
        self._reach(self.card_a, 60000)
        card = self.card_a.with_user(self.advisor)
        self.assertEqual((card.wash_allowance, card.wash_remaining), (2, 2))
        card.action_use_wash()
        repair = self._work_order()
        self.assertEqual(repair.auto_wash_remaining, 1)
        repair.with_user(self.advisor).action_auto_use_wash()
        self.assertTrue(repair.auto_wash_used)
        self.assertEqual(card.wash_remaining, 0)
        self.assertEqual(card.wash_ids.repair_id, repair)
        with self.assertRaisesRegex(UserError, "all 2 free car washes"):
            card.action_use_wash()
        with self.assertRaisesRegex(UserError, "already"):
            repair.with_user(self.advisor).action_auto_use_wash()
        # Next year the allowance starts again.
        Wash = self.env["auto.loyalty.wash"]
        self.assertEqual(card.wash_used_count, 2)
        Wash.sudo().create({"card_id": card.id, "date": date(2000, 6, 1)})
        self.assertEqual(card.wash_used_count, 2)
        # When and by whom is observed; consultants do not record washes.
        with self.assertRaises(AccessError):
            Wash.with_user(self.advisor).create(
                {"card_id": card.id, "date": date(2020, 1, 1)}
            )
        with self.assertRaises(AccessError):
            Wash.with_user(self.consultant_a).create({"card_id": card.id})
        # A member without free washes is refused with a reason.
        with self.assertRaisesRegex(UserError, "includes no free car wash"):
            self.card_b.with_user(self.advisor).action_use_wash()

    def test_birthday_maintenance_labour_is_free_once_a_year(self):
        self._reach(self.card_a, 600000)
        today = fields.Date.today()
        self.customer_a.birthday = date(1985, today.month, 1)
        repair = self._work_order(parts=1)
        repair.with_user(self.advisor).action_create_sale_order()
        self.assertTrue(repair.auto_birthday_free)
        order = repair.sale_order_id
        order.order_line = [Command.create({"product_id": self.labour.id})]
        labour = order.order_line.filtered(lambda line: line.product_id == self.labour)
        self.assertEqual(labour.discount, 100.0)
        self.assertEqual(labour.price_subtotal, 0.0)
        parts = order.order_line - labour
        self.assertEqual(parts.discount, 20.0, "parts keep the tier's discount")
        # Once a year: the next maintenance pays its labour.
        second = self._work_order()
        second.with_user(self.advisor).action_create_sale_order()
        self.assertFalse(second.auto_birthday_free)
        second.sale_order_id.order_line = [
            Command.create({"product_id": self.labour.id})
        ]
        self.assertNotEqual(second.sale_order_id.order_line.discount, 100.0)
        # Cancelled, the free job gives the benefit back.
        repair.action_repair_cancel()
        third = self._work_order()
        third.action_create_sale_order()
        self.assertTrue(third.auto_birthday_free)
        # The advisor cannot grant it by hand.
        with self.assertRaises(AccessError):
            second.with_user(self.advisor).auto_birthday_free = True

    def test_no_birthday_benefit_outside_the_month_or_the_tier(self):
        today = fields.Date.today()
        self.customer_a.birthday = date(1985, today.month % 12 + 1, 1)
        self._reach(self.card_a, 600000)
        repair = self._work_order()
        repair.action_create_sale_order()
        self.assertFalse(repair.auto_birthday_free, "not the birthday month")
        self.customer_a.birthday = date(1985, today.month, 1)
        self.diamond.birthday_free_maintenance = False
        other = self._work_order()
        other.action_create_sale_order()
        self.assertFalse(other.auto_birthday_free, "the tier has no such benefit")
