from datetime import timedelta

import pytz

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    auto_brand_ids = fields.Many2many(
        "fleet.vehicle.model.brand",
        string="Authorised Brands",
        help="Brands this dealership is franchised for. Customer vehicles of other "
        "brands are flagged as other-brand vehicles.",
    )
    auto_privacy_request_days = fields.Integer(
        string="Days to Answer a Personal Data Request",
        default=15,
        help="A customer's request to export or erase their data is due this "
        "many days after it is received.",
    )
    auto_showroom_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Showroom Hours",
        help="Follow-up deadlines count from the showroom's next opening time: "
        "a lead received at night is due after the showroom opens. Empty: "
        "they count around the clock.",
    )

    def _auto_opening_time(self, when):
        """``when`` (naive UTC) if the showroom is open then, else its next
        opening time within a week (past that, ``when``: a calendar with no
        hours)."""
        self.ensure_one()
        calendar = self.auto_showroom_calendar_id
        if not calendar:
            return when
        start = pytz.utc.localize(when)
        intervals = calendar._work_intervals_batch(start, start + timedelta(days=7))
        for interval_start, interval_stop, _attendance in intervals[False]:
            if interval_stop > start:
                opening = max(interval_start, start)
                return opening.astimezone(pytz.utc).replace(tzinfo=None)
        return when
