from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

SOURCES = [
    ("showroom", "Showroom form"),
    ("phone", "Phone call"),
    ("portal", "Web / portal"),
    ("import", "Import"),
    ("reply", "Customer's reply"),
    ("staff", "Told to staff"),
    ("blacklist", "Opt-out list"),
    ("erasure", "Erasure request"),
]
# Erasure (next to come) may blank these, as the system, on request.
ERASABLE_FIELDS = {"note", "metadata"}


class AutoConsentEvent(models.Model):
    """The consent history (同意记录): every decision of a customer on a purpose
    and a channel, appended, never changed or deleted. The last one by date
    is the current consent (``privacy.consent``)."""

    _name = "auto.consent.event"
    _inherit = ["auto.system.fields.mixin"]
    _description = "Consent Record"
    _order = "date desc, id desc"
    _rec_name = "consent_id"

    consent_id = fields.Many2one(
        "privacy.consent",
        string="Consent",
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="restrict",
    )
    activity_id = fields.Many2one(
        "privacy.activity", string="Purpose", required=True, ondelete="restrict"
    )
    channel_id = fields.Many2one(
        "auto.contact.channel", string="Channel", required=True, ondelete="restrict"
    )
    decision = fields.Selection(
        [("given", "Given"), ("withdrawn", "Withdrawn")], required=True
    )
    date = fields.Datetime(
        required=True,
        default=fields.Datetime.now,
        help="When the customer decided (the date on a signed form).",
    )
    source = fields.Selection(SOURCES, required=True, default="showroom")
    user_id = fields.Many2one(
        "res.users", string="Recorded By", readonly=True, ondelete="restrict"
    )
    text_id = fields.Many2one(
        "auto.consent.text",
        string="Text Version",
        ondelete="restrict",
        help="The version of the purpose's text the customer saw; the current "
        "one when left empty.",
    )
    lead_id = fields.Many2one("crm.lead", string="Lead", ondelete="set null")
    note = fields.Char()
    metadata = fields.Text(
        readonly=True, help="Where the answer came from (the link's browser, IP)."
    )
    is_marketing = fields.Boolean(
        related="activity_id.auto_is_marketing", string="Marketing", store=True
    )
    company_id = fields.Many2one(
        related="activity_id.company_id", store=True, index=True
    )

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {"consent_id", "metadata"}

    @api.constrains("date")
    def _check_date(self):
        now = fields.Datetime.now()
        for event in self:
            if event.date > now:
                raise ValidationError(
                    self.env._("A consent cannot be dated in the future.")
                )

    @api.constrains("activity_id", "channel_id", "text_id")
    def _check_purpose(self):
        for event in self:
            if event.channel_id not in event.activity_id.auto_channel_ids:
                raise ValidationError(
                    self.env._(
                        "%(purpose)s does not reach customers by %(channel)s.",
                        purpose=event.activity_id.display_name,
                        channel=event.channel_id.display_name,
                    )
                )
            if event.text_id and event.text_id.activity_id != event.activity_id:
                raise ValidationError(
                    self.env._(
                        "The text version %(text)s is not the text of %(purpose)s.",
                        text=event.text_id.display_name,
                        purpose=event.activity_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        activities = self.env["privacy.activity"]
        for vals in vals_list:
            # Who recorded it is whoever did, whatever a client sends.
            if not self.env.su or not vals.get("user_id"):
                vals["user_id"] = self.env.uid
            if not vals.get("text_id") and vals.get("activity_id"):
                activity = activities.browse(vals["activity_id"])
                vals["text_id"] = activity.sudo().auto_text_id.id
        events = super().create(vals_list)
        events._auto_apply()
        return events

    def write(self, vals):
        if not (
            self.env.context.get(MODULE_UNINSTALL_FLAG)
            or (
                self.env.su
                and self.env.context.get("auto_privacy_erasure")
                and set(vals) <= ERASABLE_FIELDS
            )
        ):
            raise AccessError(self._auto_history_error())
        return super().write(vals)

    def unlink(self):
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            raise AccessError(self._auto_history_error())
        return super().unlink()

    def _auto_history_error(self):
        return self.env._(
            "The consent history is kept as it was recorded: record a new "
            "decision instead of changing or deleting one."
        )

    def _auto_apply(self):
        """Make each new decision the current consent of its customer,
        purpose and channel, unless a later one is already recorded (an old
        signed form imported today), then keep the opt-out lists in step.
        The user's right to record it was checked by ``create``."""
        events = self.sudo()
        consents = (
            self.env["privacy.consent"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "in", events.partner_id.ids),
                    ("activity_id", "in", events.activity_id.ids),
                    ("auto_channel_id", "in", events.channel_id.ids),
                ]
            )
        )
        by_key = {
            (c.partner_id.id, c.activity_id.id, c.auto_channel_id.id): c
            for c in consents
        }
        for event in events.sorted(lambda e: (e.date, e.id)):
            key = (event.partner_id.id, event.activity_id.id, event.channel_id.id)
            consent = by_key.get(key)
            vals = {
                "accepted": event.decision == "given",
                "state": "answered",
                "auto_event_id": event.id,
            }
            if event.metadata:
                vals["last_metadata"] = event.metadata
            if not consent:
                consent = by_key[key] = consents.create(
                    {
                        "partner_id": event.partner_id.id,
                        "activity_id": event.activity_id.id,
                        "auto_channel_id": event.channel_id.id,
                        **vals,
                    }
                )
            elif consent.auto_event_id and (
                consent.auto_event_id.date,
                consent.auto_event_id.id,
            ) > (event.date, event.id):
                vals = {}
            if vals:
                consent.write(vals)
            super(AutoConsentEvent, event).write({"consent_id": consent.id})
        if not self.env.context.get("auto_consent_from_blacklist"):
            events.filtered("is_marketing").partner_id._auto_sync_blacklists()
