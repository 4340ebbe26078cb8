from odoo.tests import tagged

from .common import AutoCrmCommon


@tagged("post_install", "-at_install")
class TestConversionReport(AutoCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source = cls.env["utm.source"].create({"name": "Autohome"})
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "Price"})

    def _opportunities(self, consultant, grades):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"Walk-in {index}",
                    "type": "opportunity",
                    "user_id": consultant.id,
                    "source_id": self.source.id,
                    "auto_grade": grade,
                    "expected_revenue": 200000,
                }
                for index, grade in enumerate(grades)
            ]
        )

    def _by_grade(self, user=None):
        Report = self.env["auto.lead.conversion.report"]
        if user:
            Report = Report.with_user(user)
        return {
            (grade, outcome): (count, conversion)
            for grade, outcome, count, conversion in Report._read_group(
                [("source_id", "=", self.source.id)],
                ["auto_grade", "outcome"],
                ["__count", "conversion:avg"],
            )
        }

    def test_outcomes_and_conversion_as_just_edited(self):
        """Won in a won stage, lost once archived with a reason, open else;
        read in the same transaction as the edits."""
        hot = self._opportunities(self.consultant_a, "HHHH")
        hot[0].action_set_won()
        hot[1].action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertEqual(
            self._by_grade(),
            {("H", "won"): (1, 100), ("F", "lost"): (1, 0), ("H", "open"): (2, 0)},
        )
        self.assertEqual(hot.mapped("auto_outcome"), ["won", "lost", "open", "open"])
        conversion = self.env["auto.lead.conversion.report"]._read_group(
            [("lead_id", "in", hot.ids)], [], ["conversion:avg"]
        )
        self.assertEqual(conversion, [(25,)], "one of four won")
        hot[1].toggle_active()
        self.assertEqual(self._by_grade()[("N", "open")], (1, 0), "restored: open")
        self.assertEqual(hot[1].auto_outcome, "open", "the lead reads it anew")

    def test_consultants_see_their_own_conversion(self):
        self._opportunities(self.consultant_a, "AB")[0].action_set_won()
        self._opportunities(self.consultant_b, "A")
        self.assertEqual(
            self._by_grade(self.consultant_a),
            {("A", "won"): (1, 100), ("B", "open"): (1, 0)},
        )
        self.assertEqual(self._by_grade(self.consultant_b), {("A", "open"): (1, 0)})
        self.assertEqual(
            sum(count for count, _avg in self._by_grade(self.sales_manager).values()),
            3,
        )
