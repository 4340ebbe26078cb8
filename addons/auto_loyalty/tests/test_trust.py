from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AutoLoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyTrust(AutoLoyaltyCommon):
    """Points are money: a balance is only ever the sum of its ledger, and
    only the points desk (advisors, membership administrators) spends it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._credit(cls, cls.card_a, 1000)
        cls.hangzhou, cls.hangzhou_advisor = cls._second_store()

    def test_no_points_out_of_nothing(self):
        partner = self.env["res.partner"].create(
            {"name": "New member", "user_id": self.consultant_a.id}
        )
        Card = self.env["auto.loyalty.card"].with_user(self.consultant_a)
        for forged in (
            {"points_balance": 1_000_000},
            {"tier_id": self.gold.id},
            {"spend_amount": 500_000},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                Card.create({"partner_id": partner.id, **forged})
        with self.assertRaises(AccessError):
            Card.with_context(default_points_balance=1_000_000).create(
                {"partner_id": partner.id}
            )
        card = Card.create({"partner_id": partner.id})
        self.assertEqual(card.points_balance, 0)
        with self.assertRaises(AccessError):
            self.card_a.with_user(self.loyalty_admin).write({"tier_id": self.gold.id})
        with self.assertRaises(UserError):
            self.card_a.with_user(self.loyalty_admin).write({"partner_id": partner.id})
        with self.assertRaises(AccessError):
            self.env["auto.loyalty.move"].with_user(self.loyalty_admin).create(
                {
                    "card_id": self.card_a.id,
                    "move_type": "adjust",
                    "points": 10,
                    "description": "Back-dated",
                    "date": "2020-01-01 00:00:00",
                }
            )

    def test_only_the_points_desk_redeems_and_transfers(self):
        for user in (self.consultant_a, self.call_agent):
            for wizard, vals in (
                ("auto.loyalty.redeem.wizard", {"purpose": "merchandise"}),
                ("auto.loyalty.transfer.wizard", {"partner_id": self.customer_b.id}),
            ):
                with (
                    self.subTest(user=user.login, wizard=wizard),
                    self.assertRaises(AccessError),
                ):
                    self.env[wizard].with_user(user).create(
                        {"card_id": self.card_a.id, "points": 900, **vals}
                    )
                # Nor through a wizard someone else opened.
                opened = self.env[wizard].create(
                    {"card_id": self.card_a.id, "points": 900, **vals}
                )
                with (
                    self.subTest(user=user.login, wizard=wizard, opened=True),
                    self.assertRaises(AccessError),
                ):
                    opened.with_user(user).action_confirm()
        self.assertEqual(self.card_a.points_balance, 1000)
        self.env["auto.loyalty.redeem.wizard"].with_user(self.advisor).create(
            {
                "card_id": self.card_a.id,
                "points": 100,
                "purpose": "merchandise",
                "product_id": self.accessory.id,
            }
        ).action_confirm()
        self.assertEqual(self.card_a.points_balance, 900)

    def test_each_store_sees_its_own_members(self):
        Card = self.env["auto.loyalty.card"]
        self.assertFalse(Card.with_user(self.hangzhou_advisor).search([]))
        with self.assertRaises(AccessError):
            self.card_a.with_user(self.hangzhou_advisor).read(["points_balance"])
        self.assertFalse(
            self.env["auto.loyalty.move"].with_user(self.hangzhou_advisor).search([])
        )

    def test_other_apps_users_read_members_work_orders_and_contacts(self):
        """An accountant or a stock user, who may not read membership cards,
        opens a member's contact or work order without an error and sees no
        card; a work order they open still gets the tier's benefits; each
        role sees the cards its record rules allow."""
        self._purchase(self.customer_a, 120000, days_ago=5)
        self.card_a._auto_recompute_tiers()
        self.assertEqual(self.card_a.tier_id, self.gold)
        accountant = new_test_user(
            self.env, login="test_accountant", groups="account.group_account_invoice"
        )
        stock_user = new_test_user(
            self.env, login="test_stock_user", groups="stock.group_stock_user"
        )
        repair = (
            self.env["repair.order"]
            .with_user(stock_user)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "picking_type_id": self.station.repair_type_id.id,
                }
            )
        )
        self.assertEqual(repair.priority, "1", "the gold member's priority repair")
        self.env.invalidate_all()
        [values] = repair.with_user(stock_user).read(["auto_member_tier_id"])
        self.assertFalse(values["auto_member_tier_id"])
        for user in (accountant, stock_user):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                [values] = self.customer_a.with_user(user).read(
                    ["auto_loyalty_card_id"]
                )
                self.assertFalse(values["auto_loyalty_card_id"])
        self.assertEqual(repair.with_user(self.advisor).auto_member_tier_id, self.gold)
        self.assertEqual(
            self.customer_a.with_user(self.consultant_a).auto_loyalty_card_id,
            self.card_a,
            "consultant A's customer",
        )
        self.assertFalse(
            self.customer_a.with_user(self.consultant_b).auto_loyalty_card_id,
            "not consultant B's customer",
        )

    def test_copies_start_without_what_the_system_recorded(self):
        """Duplicating a contact, or a user (whose contact res.users copies),
        works for whoever may do it; the copy has no RFM history of its own."""
        self.customer_a.sudo().write(
            {"auto_rfm_segment": "high_value", "auto_rfm_frequency": 4}
        )
        copy = self.customer_a.with_user(self.consultant_a).copy()
        self.assertFalse(copy.auto_rfm_segment)
        self.assertEqual(copy.auto_rfm_frequency, 0)
        self.consultant_b.partner_id.sudo().auto_rfm_segment = "regular"
        user_admin = new_test_user(
            self.env,
            login="test_user_admin",
            groups="base.group_system,base.group_partner_manager",
        )
        user = self.consultant_b.with_user(user_admin).copy(
            {"name": "Consultant C", "login": "test_consultant_c"}
        )
        self.assertFalse(user.partner_id.auto_rfm_segment)

    def test_store_earning_rules_apply_to_their_store_only(self):
        self.env["auto.loyalty.earn.rule"].create(
            {
                "name": "Hangzhou triple points",
                "sequence": 0,
                "points_per_unit": 3,
                "company_id": self.hangzhou.id,
            }
        )
        repair = self._work_order(parts=1)  # at the Beijing station: 680
        self._complete(repair)
        self.assertEqual(repair.auto_points_earned, 1360, "Beijing's 2 per yuan")
        rules = self.env["auto.loyalty.earn.rule"]
        self.assertNotIn(
            "Hangzhou triple points",
            rules.with_user(self.advisor).search([]).mapped("name"),
        )

    def test_consultants_see_their_own_members_history_only(self):
        self.customer_a.user_id = self.consultant_a
        self.customer_b.user_id = self.consultant_b
        Winback = self.env["auto.loyalty.winback"]
        episodes = Winback.create(
            [
                {"partner_id": partner.id, "segment": "lost", "date_start": self.today}
                for partner in (self.customer_a, self.customer_b)
            ]
        )
        self._purchase(self.customer_a, 60000)
        self._purchase(self.customer_b, 60000)
        (self.card_a | self.card_b)._auto_recompute_tiers()
        history = self.env["auto.loyalty.tier.history"].search(
            [("card_id", "in", (self.card_a | self.card_b).ids)]
        )
        self.assertEqual(len(history), 2)
        for model, records, own in (
            ("auto.loyalty.winback", episodes, episodes[0]),
            (
                "auto.loyalty.tier.history",
                history,
                history.filtered(lambda line: line.card_id == self.card_a),
            ),
        ):
            with self.subTest(model=model):
                visible = (
                    self.env[model]
                    .with_user(self.consultant_a)
                    .search([("id", "in", records.ids)])
                )
                self.assertEqual(visible, own)
        # The recall rate is a KPI: episodes are the scheduler's.
        for vals in ({"state": "recalled"}, {"recalled": 100}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                episodes[0].with_user(self.loyalty_admin).write(vals)
        with self.assertRaises(AccessError):
            Winback.with_user(self.loyalty_admin).create(
                {"partner_id": self.customer_a.id, "segment": "lost"}
            )
