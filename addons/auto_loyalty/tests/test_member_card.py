from datetime import timedelta

from odoo.tests import tagged

from .common import AutoLoyaltyCommon


@tagged("post_install", "-at_install")
class TestMemberCard(AutoLoyaltyCommon):
    """What the card tells the member and the desk: ledger lines in the
    member's language, points about to expire, why there is no tier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.customer_a.lang = "zh_CN"
        cls.customer_b.lang = "en_US"

    # Ledger lines in the member's language -------------------------------------

    def test_ledger_lines_are_written_in_the_members_language(self):
        self._credit(self.card_a, 300)
        # The desk works in English; each member reads their own language.
        wizard = (
            self.env["auto.loyalty.transfer.wizard"]
            .with_user(self.loyalty_admin)
            .with_context(lang="en_US")
            .create(
                {
                    "card_id": self.card_a.id,
                    "partner_id": self.customer_b.id,
                    "points": 100,
                }
            )
        )
        wizard.action_confirm()
        sent, received = (
            self.env["auto.loyalty.move"].search(
                [("card_id", "=", card.id), ("move_type", "=", move_type)]
            )
            for card, move_type in (
                (self.card_a, "transfer_out"),
                (self.card_b, "transfer_in"),
            )
        )
        self.assertEqual(sent.description, f"转赠给 {self.customer_b.display_name}")
        self.assertEqual(
            received.description, f"Transfer from {self.customer_a.display_name}"
        )
        # A correction too, and the expiry scheduler's lines.
        correction = (
            self.env["auto.loyalty.move"].browse(
                sent.with_context(lang="en_US").action_reverse()["domain"][0][2]
            )
            - sent
        )
        self.assertEqual(correction.description, f"冲正：{sent.description}")
        # Due credits beyond what was spent expire (the transfer spent 100).
        self._credit(self.card_a, 500, expiry_date=self.today - timedelta(days=1))
        self._credit(self.card_b, 40, expiry_date=self.today - timedelta(days=1))
        self.env["auto.loyalty.move"].with_context(
            lang="en_US"
        )._cron_auto_expire_points()
        expired = {
            move.card_id: move.description
            for move in self.env["auto.loyalty.move"].search(
                [("move_type", "=", "expire")]
            )
        }
        self.assertEqual(expired[self.card_a], "积分过期")
        self.assertEqual(expired[self.card_b], "Points expired")

    # Points about to expire -------------------------------------------------

    def test_card_warns_of_points_expiring_soon(self):
        soon = self.today + timedelta(days=10)
        self._credit(self.card_a, 100, expiry_date=soon)
        self._credit(self.card_a, 80, expiry_date=self.today + timedelta(days=20))
        self._credit(self.card_a, 500, expiry_date=self.today + timedelta(days=90))
        # Redemptions spend the oldest points first.
        self._credit(self.card_a, -130, move_type="redeem")
        card = self.card_a.with_user(self.loyalty_admin)
        self.assertEqual(card.points_expiring, 50, "180 due within 30 days, less 130")
        self.assertEqual(
            card.points_expiring_date,
            self.today + timedelta(days=20),
            "the 100 points of day 10 are spent",
        )
        self.assertIn("50", card.points_expiring_warning)
        self.assertIn("30", card.points_expiring_warning)
        # The warning period is the manager's.
        self.env["ir.config_parameter"].set_param(
            "auto_loyalty.expiry_warning_days", 120
        )
        card.invalidate_recordset()
        self.assertEqual(card.points_expiring, 550)
        self.env["ir.config_parameter"].set_param("auto_loyalty.expiry_warning_days", 5)
        card.invalidate_recordset()
        self.assertFalse(card.points_expiring)
        self.assertFalse(card.points_expiring_warning)
        # The card form shows the banner.
        arch = card.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="points_expiring_warning"', arch)
        self.assertIn("alert-warning", arch)

    # Every active card has a tier or says why not ----------------------------

    def test_card_without_tier_says_why(self):
        card = self.card_a.with_user(self.loyalty_admin)
        self.assertFalse(card.tier_id)
        self.assertIn("below the lowest tier", card.tier_reason)
        self.assertIn(self.silver.name, card.tier_reason)
        self._purchase(self.customer_a, 60000)
        card._auto_recompute_tiers()
        card.invalidate_recordset()
        self.assertEqual(card.tier_id, self.silver)
        self.assertFalse(card.tier_reason)

    def test_card_says_when_no_tier_is_configured(self):
        card = self.card_b.with_user(self.loyalty_admin)
        tiers = self.env["auto.loyalty.tier"].search([])
        other_currency = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("id", "!=", card.company_id.currency_id.id)], limit=1)
        )
        tiers.currency_id = other_currency
        card.invalidate_recordset()
        self.assertIn("No membership tier is configured for", card.tier_reason)
        self.assertIn(card.company_id.currency_id.name, card.tier_reason)
        tiers.active = False
        card.invalidate_recordset()
        self.assertIn("No membership tier is configured", card.tier_reason)
        card.sudo().action_suspend()
        card.invalidate_recordset()
        self.assertFalse(card.tier_reason, "only active cards need a tier")
