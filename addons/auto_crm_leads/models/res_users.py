from datetime import datetime, time

import pytz

from odoo import models

# When a scheduler plans the day's activities, in the assignee's time zone.
WORKDAY_START = time(9)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _auto_local_datetime(self, day, at=WORKDAY_START):
        """The UTC datetime (naive, as Odoo stores them) of ``day`` at the
        local time ``at`` of this user: in their time zone, else their
        company's, else UTC."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or self.company_id.partner_id.tz or "UTC")
        local = tz.localize(datetime.combine(day, at))
        return local.astimezone(pytz.utc).replace(tzinfo=None)
