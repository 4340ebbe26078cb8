from odoo import api, models
from odoo.exceptions import AccessError


class AutoSystemFieldsMixin(models.AbstractModel):
    """Fields that record what the system observed (a balance, a time a step
    was done, a deadline missed) are written by the system only: refused in
    ``create`` and ``write`` from any user, whatever the client (web, JSON-RPC,
    import). The suite's own code writes them with ``sudo()`` once it has
    checked the operation the user asked for. ``readonly`` in a view is
    presentation, this is the control. Fields restricted to groups are
    refused in ``create`` as Odoo refuses them in ``write``."""

    _name = "auto.system.fields.mixin"
    _description = "Fields Only the System Writes"

    def _auto_system_fields(self):
        """Names of the fields only the system writes; models add theirs."""
        return set()

    @api.model_create_multi
    def create(self, vals_list):
        self._auto_check_system_fields(vals_list, creating=True)
        self.check_field_access_rights(
            "write", list({name for vals in vals_list for name in vals})
        )
        return super().create(vals_list)

    def write(self, vals):
        self._auto_check_system_fields([vals])
        return super().write(vals)

    @api.model
    def _auto_check_system_fields(self, vals_list, creating=False):
        if self.env.su:
            return
        system = self._auto_system_fields()
        forged = system & {name for vals in vals_list for name in vals}
        if creating:  # default_<field> in the context reaches create too
            forged |= {
                key[8:]
                for key in self.env.context
                if key.startswith("default_") and key[8:] in system
            }
        if forged:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s are recorded by the system and cannot "
                    "be set by hand.",
                    fields=", ".join(
                        sorted(
                            self._fields[name]._description_string(self.env)
                            for name in forged
                        )
                    ),
                    model=self.env["ir.model"]._get(self._name).name,
                )
            )
