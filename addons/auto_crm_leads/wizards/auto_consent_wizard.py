from odoo import fields, models
from odoo.exceptions import UserError

from ..models.auto_consent_event import SOURCES


class AutoConsentWizard(models.TransientModel):
    """Record a customer's consents in a few clicks: the purposes and channels
    they ticked (nothing is ticked in advance), given or withdrawn, and where
    it was said."""

    _name = "auto.consent.wizard"
    _description = "Record Consent"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    lead_id = fields.Many2one("crm.lead", string="Lead")
    activity_ids = fields.Many2many(
        "privacy.activity",
        string="Purposes",
        domain=[("auto_channel_ids", "!=", False)],
    )
    channel_ids = fields.Many2many("auto.contact.channel", string="Channels")
    decision = fields.Selection(
        [("given", "Given"), ("withdrawn", "Withdrawn")],
        required=True,
        default="given",
    )
    source = fields.Selection(SOURCES, required=True, default="showroom")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    note = fields.Char()

    def _prepare_event_vals(self, activity, channel):
        return {
            "partner_id": self.partner_id.id,
            "activity_id": activity.id,
            "channel_id": channel.id,
            "decision": self.decision,
            "source": self.source,
            "date": self.date,
            "note": self.note,
            "lead_id": self.lead_id.id,
        }

    def action_confirm(self):
        self.ensure_one()
        vals_list = [
            self._prepare_event_vals(activity, channel)
            for activity in self.activity_ids
            for channel in self.channel_ids & activity.auto_channel_ids
        ]
        if not vals_list:
            raise UserError(
                self.env._("Tick at least one purpose and one of the channels it uses.")
            )
        self.env["auto.consent.event"].create(vals_list)
        return {"type": "ir.actions.act_window_close"}
