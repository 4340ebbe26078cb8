from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.auto_aftersales.tests.common import AutoAftersalesCommon


class AutoLoyaltyCommon(AutoAftersalesCommon):
    """Members with cards and a way to give customers a purchase history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.users"])
        # The seeded earning rules apply; campaigns are the tests' own.
        cls.env["auto.loyalty.campaign"].search([]).active = False
        cls.card_a = cls.env["auto.loyalty.card"].create(
            {"partner_id": cls.customer_a.id}
        )
        cls.card_b = cls.env["auto.loyalty.card"].create(
            {"partner_id": cls.customer_b.id}
        )
        # Win-back calls are telemarketing: these customers agreed by phone.
        cls._auto_record_consent(
            cls.customer_a | cls.customer_b, ["telemarketing"], ["phone"]
        )
        cls.accessory = cls.env["product.product"].create(
            {"name": "Roof box", "type": "consu", "list_price": 1.0}
        )
        cls.loyalty_admin = new_test_user(
            cls.env,
            login="test_loyalty_admin",
            groups="auto_loyalty.group_auto_loyalty_manager",
        )
        cls.silver = cls.env.ref("auto_loyalty.tier_silver")
        cls.gold = cls.env.ref("auto_loyalty.tier_gold")

    def _purchase(self, partner, amount, days_ago=0):
        """A confirmed sales order of ``amount`` (untaxed) ``days_ago``."""
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.accessory.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": False,
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        return order

    def _credit(self, card, points, move_type="import", expiry_date=None):
        return self.env["auto.loyalty.move"].create(
            {
                "card_id": card.id,
                "move_type": move_type,
                "points": points,
                "description": "Legacy balance",
                "expiry_date": expiry_date,
            }
        )
