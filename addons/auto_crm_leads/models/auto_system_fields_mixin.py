from odoo import api, models
from odoo.exceptions import AccessError


class AutoSystemFieldsMixin(models.AbstractModel):
    """Fields that record what the system observed (a balance, a time a step
    was done, a deadline missed) are written by the system only: refused in
    ``create`` and ``write`` from any user, whatever the client (web, JSON-RPC,
    import). The suite's own code writes them with ``sudo()`` once it has
    checked the operation the user asked for. ``readonly`` in a view is
    presentation, this is the control. Fields restricted to groups are
    refused in ``create`` as Odoo refuses them in ``write`` (the suite's
    fields: other modules' values may come from Odoo's defaults, e.g.
    res.users filling in its contact's on creation, as Odoo allows)."""

    _name = "auto.system.fields.mixin"
    _description = "Fields Only the System Writes"

    def _auto_system_fields(self):
        """Names of the fields only the system writes; models add theirs."""
        return set()

    @api.model_create_multi
    def create(self, vals_list):
        self._auto_check_system_fields(vals_list, creating=True)
        self.check_field_access_rights(
            "write",
            [
                name
                for name in {name for vals in vals_list for name in vals}
                if name in self._fields
                and (self._fields[name]._module or "").startswith("auto_")
            ],
        )
        return super().create(vals_list)

    def write(self, vals):
        self._auto_check_system_fields([vals])
        return super().write(vals)

    def copy_data(self, default=None):
        # What the system observed on a record is not the copy's: a duplicate
        # starts without it (and a user may duplicate the record at all).
        vals_list = super().copy_data(default=default)
        system = self._auto_system_fields() - set(default or ())
        for vals in vals_list:
            for name in system & set(vals):
                del vals[name]
        return vals_list

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
