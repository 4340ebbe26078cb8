from odoo import api, models


class AutoBlacklistConsentMixin(models.AbstractModel):
    """An entry put on one of Odoo's opt-out lists (an unsubscribe link, a
    STOP reply, by hand) withdraws the marketing consents of its customers on
    that list's channels. A list says which customers its entries match
    (:meth:`_auto_consent_partner_domain`) and which channels it bars
    (``_auto_consent_blacklist``, the ``blacklist`` of
    ``auto.contact.channel``).

    Listed before the opt-out list in ``_inherit``: it wraps the list's own
    ``create``, which returns the entries already listed along with the new
    ones."""

    _name = "auto.blacklist.consent.mixin"
    _description = "Opt-out List Withdrawing Marketing Consents"

    # "mail" or "phone": the channels the list bars.
    _auto_consent_blacklist = None

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered("active")._auto_withdraw_consents()
        return records

    def write(self, vals):
        result = super().write(vals)
        if vals.get("active"):
            self._auto_withdraw_consents()
        return result

    def _auto_consent_partner_domain(self):
        """The customers these entries stand for."""
        raise NotImplementedError

    def _auto_withdraw_consents(self):
        if self and not self.env.context.get("auto_consent_from_blacklist"):
            partners = (
                self.env["res.partner"]
                .sudo()
                .search(self._auto_consent_partner_domain())
            )
            partners._auto_withdraw_marketing(self._auto_consent_blacklist)
