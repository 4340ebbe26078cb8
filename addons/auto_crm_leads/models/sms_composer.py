from odoo import models


class SmsComposer(models.TransientModel):
    _name = "sms.composer"
    _inherit = ["sms.composer", "auto.consent.composer.mixin"]

    def _auto_consent_channel(self):
        return "sms"

    def _auto_consent_mass(self):
        return self.composition_mode == "mass" or (
            self.composition_mode == "comment" and not self.comment_single_recipient
        )

    def _auto_consent_records(self):
        return self._get_records()

    def _action_send_sms_comment(self, records=None):
        # Posted on each record: those whose customers are skipped get none.
        records = records if records is not None else self._get_records()
        skipped = self._auto_consent_skipped_ids(records)
        return super()._action_send_sms_comment(
            records.filtered(lambda record: record.id not in skipped)
        )

    def _get_optout_record_ids(self, records, recipients_info):
        return [
            *super()._get_optout_record_ids(records, recipients_info),
            *self._auto_consent_skipped_ids(records),
        ]
