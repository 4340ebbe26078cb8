from odoo import fields, models

from odoo.addons.auto_crm_leads.tools.privacy import PersonalData


class ResPartner(models.Model):
    _inherit = "res.partner"

    auto_club_member_ids = fields.One2many(
        "auto.club.member", "partner_id", string="Club Memberships"
    )

    def _auto_personal_data(self):
        sections = super()._auto_personal_data()
        ids = sections[0].records.ids
        env = sections[0].records.env
        return [
            *sections,
            PersonalData(
                "memberships",
                env._("Club memberships"),
                env["auto.club.member"]
                .with_context(active_test=False)
                .search([("partner_id", "in", ids)]),
            ),
            PersonalData(
                "invitations",
                env._("Club invitations"),
                env["auto.club.invitation"].search([("partner_id", "in", ids)]),
            ),
            PersonalData(
                "registrations",
                env._("Event registrations"),
                env["event.registration"]
                .with_context(active_test=False)
                .search([("partner_id", "in", ids)]),
                wipe=dict.fromkeys(["name", "email", "phone", "company_name"], False),
                identifying=("name", "email", "phone"),
            ),
            PersonalData(
                "sms",
                env._("SMS queued"),
                env["sms.sms"].search([("partner_id", "in", ids)]),
                identifying=("number",),
                delete=True,
                export_fields=["number", "body", "state"],
            ),
        ]
