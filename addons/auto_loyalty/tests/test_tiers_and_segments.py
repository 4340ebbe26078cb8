from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from .common import AutoLoyaltyCommon


@tagged("post_install", "-at_install")
class TestTiersAndSegments(AutoLoyaltyCommon):
    def test_tier_moves_up_and_down_with_spend_over_the_window(self):
        # Tracked as in production, not as in the other tests, in a transaction
        # after the card's creation (whose own tracking mail.thread discards).
        self.env.cr.precommit.run()
        self.card_a = self.card_a.with_context(
            tracking_disable=False, mail_notrack=False
        )
        Card = self.card_a.browse()
        self.assertFalse(self.card_a.tier_id)
        self._purchase(self.customer_a, 60000, days_ago=300)
        self.card_a._auto_recompute_tiers()
        self.env.cr.precommit.run()  # the review's transaction commits
        self.assertEqual(self.card_a.tier_id, self.silver)
        self._purchase(self.customer_a, 45000, days_ago=10)
        # Reviewed once a day: today's review is done.
        self.assertEqual(Card._cron_auto_recompute_tiers(), 0)
        self.card_a._auto_recompute_tiers()
        self.env.cr.precommit.run()
        self.assertEqual(self.card_a.tier_id, self.gold)
        self.assertEqual(self.card_a.spend_amount, 105000)
        # Three months on, the first purchase has left the 12-month window.
        with freeze_time(self.today + relativedelta(months=3)):
            Card._cron_auto_recompute_tiers()
        self.assertFalse(self.card_a.tier_id)
        self.assertEqual(
            self.card_a.tier_history_ids.sorted("id").mapped("reason"),
            ["join", "upgrade", "downgrade"],
        )
        history = self.card_a.tier_history_ids.sorted("id")[-1]
        self.assertEqual(history.old_tier_id, self.gold)
        self.assertEqual(history.spend_amount, 45000)
        # Each change shows in the card's chatter, as the ORM's tracking would.
        self.env.cr.precommit.run()
        tracked = self.card_a.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "tier_id"
        )
        self.assertEqual(
            sorted(
                zip(
                    tracked.mapped("old_value_char"),
                    tracked.mapped("new_value_char"),
                    strict=True,
                )
            ),
            sorted(
                [
                    ("", self.silver.name),
                    (self.silver.name, self.gold.name),
                    (self.gold.name, ""),
                ]
            ),
        )

    def test_tier_benefits_on_work_orders(self):
        self._purchase(self.customer_a, 120000, days_ago=5)
        self.card_a._auto_recompute_tiers()
        repair = self._work_order(parts=1)
        self.assertEqual(repair.auto_member_tier_id, self.gold)
        self.assertEqual(repair.priority, "1")  # priority repair
        repair.action_create_sale_order()
        self.assertEqual(repair.sale_order_id.order_line.discount, 10.0)

    def test_tier_review_is_constant_in_queries(self):
        Card = self.env["auto.loyalty.card"]
        self.env.flush_all()
        with self.assertQueryCount(__system__=4):
            Card._cron_auto_recompute_tiers()
        partners = self.env["res.partner"].create([{"name": f"M{i}"} for i in range(8)])
        cards = Card.create([{"partner_id": partner.id} for partner in partners])
        for partner in partners:
            self._purchase(partner, 70000, days_ago=3)
        self.env.flush_all()
        with freeze_time(self.today + timedelta(days=1)):
            with self.assertQueryCount(__system__=4):
                Card._cron_auto_recompute_tiers()
        self.assertEqual(set(cards.mapped("tier_id")), {self.silver})

    def test_tier_review_in_batches_the_cron_runner_repeats(self):
        cron = self.env.ref("auto_loyalty.ir_cron_auto_recompute_tiers")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        with freeze_time(self.today + timedelta(days=1)):
            due = self.env["auto.loyalty.card"].search_count([("state", "=", "active")])
            # As Odoo's cron runner calls the job: a full batch reports that
            # more remain, so the runner calls it again.
            runner, progress = cron._add_progress()
            runner.env["auto.loyalty.card"]._cron_auto_recompute_tiers(batch_size=2)
            self.assertEqual((progress.done, progress.remaining), (2, 1))
            runner, progress = cron._add_progress()
            runner.env["auto.loyalty.card"]._cron_auto_recompute_tiers(batch_size=due)
            self.assertEqual((progress.done, progress.remaining), (due - 2, 0))
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers,
            "the runner repeats the job by itself: no trigger",
        )

    def test_rfm_segments_crafted_histories(self):
        Partner = self.env["res.partner"]
        loyal, newcomer, dozing, gone = Partner.create(
            [{"name": name} for name in ("Loyal", "Newcomer", "Dozing", "Gone")]
        )
        for days in (10, 60, 120, 200):
            self._purchase(loyal, 4000, days_ago=days)  # 4 visits, 16,000
        self._purchase(newcomer, 5000, days_ago=20)  # 1 recent visit
        self._purchase(dozing, 800, days_ago=250)  # 1 visit 8 months ago
        self._purchase(gone, 20000, days_ago=500)  # nothing this year
        self.env.flush_all()
        # 11 are the win-back calls' consent check, once per batch of 1000
        # customers: the purpose, channel, phones, consents, opt-out list,
        # and one update per reason of the episodes not called.
        with self.assertQueryCount(__system__=25):
            Partner._cron_auto_rfm()
        self.assertEqual(
            [p.auto_rfm_segment for p in (loyal, newcomer, dozing, gone)],
            ["high_value", "potential", "sleeping", "lost"],
        )
        self.assertEqual(loyal.auto_rfm_frequency, 4)
        self.assertEqual(loyal.auto_rfm_monetary, 16000)
        self.assertEqual((gone.auto_rfm_r, gone.auto_rfm_f), (1, 1))

    def test_rfm_quintiles(self):
        self.env["ir.config_parameter"].set_param("auto_loyalty.rfm_method", "quintile")
        Partner = self.env["res.partner"]
        customers = Partner.create([{"name": f"Q{i}"} for i in range(5)])
        for index, customer in enumerate(customers):
            for visit in range(index + 1):
                # Amounts apart by tenfolds: the demo's car buyers spend
                # hundreds of thousands and share the monetary quintiles.
                self._purchase(
                    customer, 10 ** (index + 3), days_ago=100 - 20 * index + visit
                )
        Partner._cron_auto_rfm()
        # Other customers of the database share the quintiles: check the order.
        for score in ("auto_rfm_f", "auto_rfm_m"):
            scores = customers.mapped(score)
            self.assertEqual(scores, sorted(scores))
            self.assertLess(scores[0], scores[-1])
            self.assertEqual(scores[-1], 5)

    def _winback_calls(self, partner):
        return partner.activity_ids.filtered(
            lambda act: (
                act.activity_type_id
                == self.env.ref("auto_loyalty.mail_activity_type_winback")
            )
        )

    def test_no_winback_call_without_consent(self):
        """A customer who went quiet without consent to telemarketing calls
        opens an episode (the recall rate counts them) but gets no call; the
        episode says why."""
        Partner = self.env["res.partner"]
        self.vehicle.auto_service_advisor_id = self.advisor
        self._auto_record_consent(
            self.customer_a, ["telemarketing"], ["phone"], decision="withdrawn"
        )
        self._purchase(self.customer_a, 3000, days_ago=400)
        Partner._cron_auto_rfm()
        winback = self.customer_a.auto_winback_ids
        self.assertEqual(len(winback), 1)
        self.assertFalse(self._winback_calls(self.customer_a))
        self.assertEqual(
            (winback.skip_reason, winback.skip_channel_id.code),
            ("withdrawn", "phone"),
        )
        not_called = self.env["auto.loyalty.winback"].search(
            [("skip_reason", "!=", False), ("partner_id", "=", self.customer_a.id)]
        )
        self.assertEqual(not_called, winback)

    def test_winback_purpose_is_the_companys_setting(self):
        """Win-back calls serve the purpose set in Settings > Loyalty,
        telemarketing unless a manager changes it: changed, a customer who
        agreed to telemarketing calls only is not called, one who agreed to
        the new purpose is."""
        telemarketing = self.env.ref("auto_crm_leads.privacy_activity_telemarketing")
        new_cars = self.env.ref("auto_crm_leads.privacy_activity_new_car_marketing")
        # Every company has it, those there before the module too.
        self.assertFalse(
            self.env["res.company"]
            .search([])
            .filtered(lambda company: company.auto_winback_purpose_id != telemarketing)
        )
        admin = self.env.ref("base.user_admin")
        self.assertEqual(admin.company_id, self.advisor.company_id)
        settings = self.env["res.config.settings"].with_user(admin).create({})
        self.assertEqual(settings.auto_winback_purpose_id, telemarketing)
        settings.auto_winback_purpose_id = new_cars
        settings.execute()
        self.assertEqual(self.advisor.company_id.auto_winback_purpose_id, new_cars)

        self.vehicle.auto_service_advisor_id = self.advisor
        self.customer_b.write({"user_id": self.advisor.id, "mobile": "13800138021"})
        self._auto_record_consent(self.customer_b, ["new_car_marketing"], ["phone"])
        self._purchase(self.customer_a, 3000, days_ago=400)
        self._purchase(self.customer_b, 3000, days_ago=400)
        self.env["res.partner"]._cron_auto_rfm()
        self.assertFalse(self._winback_calls(self.customer_a))
        self.assertEqual(
            (
                self.customer_a.auto_winback_ids.skip_reason,
                self.customer_a.auto_winback_ids.skip_channel_id.code,
            ),
            ("not_asked", "phone"),
        )
        self.assertEqual(len(self._winback_calls(self.customer_b)), 1)
        self.assertFalse(self.customer_b.auto_winback_ids.skip_reason)

    def test_winback_withdrawal_takes_effect_on_the_next_episode(self):
        Partner = self.env["res.partner"]
        self.vehicle.auto_service_advisor_id = self.advisor
        self._purchase(self.customer_a, 3000, days_ago=400)
        Partner._cron_auto_rfm()
        self.assertEqual(len(self._winback_calls(self.customer_a)), 1)
        # Back, then quiet again after withdrawing: no second call.
        with freeze_time(self.today + timedelta(days=5)):
            self._purchase(self.customer_a, 2000, days_ago=0)
            Partner._cron_auto_rfm()
        self._auto_record_consent(
            self.customer_a, ["telemarketing"], ["phone"], decision="withdrawn"
        )
        with freeze_time(self.today + timedelta(days=500)):
            Partner._cron_auto_rfm()
        episodes = self.customer_a.auto_winback_ids
        self.assertEqual(len(episodes), 2)
        self.assertEqual(len(self._winback_calls(self.customer_a)), 1)
        self.assertEqual(episodes.sorted("id")[-1].skip_reason, "withdrawn")

    def test_winback_planned_once_and_recall_counted(self):
        Partner = self.env["res.partner"]
        self.vehicle.auto_service_advisor_id = self.advisor
        self.advisor.tz = "Asia/Shanghai"
        self._purchase(self.customer_a, 3000, days_ago=400)
        Partner._cron_auto_rfm()
        Partner._cron_auto_rfm()
        self.assertEqual(self.customer_a.auto_rfm_segment, "lost")
        winback = self.customer_a.auto_winback_ids
        self.assertEqual(len(winback), 1)
        self.assertEqual(winback.user_id, self.advisor)
        activities = self.customer_a.activity_ids.filtered(
            lambda act: (
                act.activity_type_id
                == self.env.ref("auto_loyalty.mail_activity_type_winback")
            )
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.advisor)
        # Planned for 09:00 where the advisor works: 01:00 UTC in Beijing.
        self.assertEqual(
            activities.auto_deadline,
            datetime.combine(activities.date_deadline, time(1)),
        )
        # The customer comes back: the episode is recalled, no new one opens.
        with freeze_time(self.today + timedelta(days=5)):
            self._purchase(self.customer_a, 2000, days_ago=0)
            Partner._cron_auto_rfm()
        self.assertEqual(winback.state, "recalled")
        self.assertEqual(winback.recalled, 100)
        self.assertEqual(len(self.customer_a.auto_winback_ids), 1)
        self.assertNotIn(self.customer_a.auto_rfm_segment, ("sleeping", "lost"))
