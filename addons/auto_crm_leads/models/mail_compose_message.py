from odoo import models


class MailComposeMessage(models.TransientModel):
    _name = "mail.compose.message"
    _inherit = ["mail.compose.message", "auto.consent.composer.mixin"]

    def _auto_consent_channel(self):
        return "email"

    def _auto_consent_mass(self):
        return self.composition_mode == "mass_mail"

    def _auto_consent_records(self):
        return self.model and self.env[self.model].browse(self._evaluate_res_ids())

    def _process_mail_values_state(self, mail_values_dict):
        mail_values_dict = super()._process_mail_values_state(mail_values_dict)
        records = self.env[self.model].browse(list(mail_values_dict))
        for record_id in self._auto_consent_skipped_ids(records):
            mail_values = mail_values_dict[record_id]
            if mail_values.get("state") != "cancel":
                mail_values.update(
                    state="cancel", failure_type="mail_optout", is_notification=False
                )
        return mail_values_dict
