from odoo import api, fields, models
from odoo.exceptions import UserError


class AutoConsentComposerMixin(models.AbstractModel):
    """Odoo's composers sending one message to many records (mass e-mail,
    mass SMS) say what the message is for and send it only to the customers
    the consent check lets through: the others' messages are cancelled as
    opted out, counted and listed in the composer before sending."""

    _name = "auto.consent.composer.mixin"
    _description = "Consent Check of a Mass Message"

    auto_purpose_id = fields.Many2one(
        "privacy.activity",
        string="Purpose",
        help="What the message is for. A marketing purpose reaches only the "
        "customers who consented to it on this channel.",
    )
    auto_consent_message = fields.Text(
        string="Skipped Customers", compute="_compute_auto_consent_message"
    )

    def _auto_consent_channel(self):
        """The channel code of the composer: ``sms`` or ``email``."""
        raise NotImplementedError

    def _auto_consent_mass(self):
        """Whether the composer sends one message per record to many."""
        raise NotImplementedError

    def _auto_consent_records(self):
        raise NotImplementedError

    def _auto_consent_check(self, records):
        """The consent check on the records' customers, and the ids of the
        records none of whose customers may be contacted."""
        partners_by_record = records._mail_get_partners()
        partners = self.env["res.partner"].union(*partners_by_record.values())
        check = partners._auto_consent_filter(
            self.auto_purpose_id, self._auto_consent_channel()
        )
        # A record without a customer (an attendee by e-mail only) has given
        # no consent, nor objected: it gets what needs no consent.
        needs_consent = self.auto_purpose_id.sudo().auto_legal_basis == "consent"
        skipped_ids = {
            record_id
            for record_id, record_partners in partners_by_record.items()
            if (record_partners or needs_consent)
            and not record_partners & check.allowed
        }
        return check, skipped_ids

    @api.depends("auto_purpose_id")
    def _compute_auto_consent_message(self):
        for composer in self:
            records = composer._auto_consent_mass() and composer._auto_consent_records()
            if not records or not composer.auto_purpose_id:
                composer.auto_consent_message = False
                continue
            check, skipped_ids = composer._auto_consent_check(records)
            lines = [check.message()] if check.reasons else []
            without = len(skipped_ids) - len(
                [
                    partners
                    for partners in records.browse(list(skipped_ids))
                    ._mail_get_partners()
                    .values()
                    if partners
                ]
            )
            if without:
                lines.append(
                    self.env._(
                        "%(count)s records skipped: no customer whose consent is known",
                        count=without,
                    )
                )
            composer.auto_consent_message = "\n".join(lines) or False

    def _auto_consent_skipped_ids(self, records):
        """Ids of the records not to send to; refuses a mass message without
        a purpose from a user."""
        if not self._auto_consent_mass():
            return set()
        if not self.auto_purpose_id and self.env.is_superuser():
            # Odoo's own schedulers (an event's reminders to its attendees)
            # send what the customer's registration or contract asks for.
            self.auto_purpose_id = self.env.ref(
                "auto_crm_leads.privacy_activity_contract_messages"
            )
        if not self.auto_purpose_id:
            raise UserError(
                self.env._(
                    "Choose the purpose of this message before sending it to "
                    "several customers: marketing reaches only those who "
                    "consented."
                )
            )
        return self._auto_consent_check(records)[1]

    def action_auto_view_skipped(self):
        self.ensure_one()
        check, _skipped = self._auto_consent_check(self._auto_consent_records())
        return check.action_view_skipped()
