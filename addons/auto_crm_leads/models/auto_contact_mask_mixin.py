from itertools import groupby

from odoo import api, models
from odoo.exceptions import AccessError

from ..tools.contact import is_masked, mask_email, mask_phone

CONTACT_GROUP = "auto_crm_leads.group_auto_contact_details"
MASKERS = {"phone": mask_phone, "email": mask_email}


class AutoContactMaskMixin(models.AbstractModel):
    """Customers' phones and e-mails (个人信息) in full for the roles that call
    or write to them (Customer Contact Details), masked for every other user
    in whatever the server hands out: reads (forms, lists, JSON-RPC, the
    chatter's contact cards), exports and groupings. Server code keeps the
    real values: SMS and e-mails still reach the customer."""

    _name = "auto.contact.mask.mixin"
    _description = "Masked Customer Contact Details"

    def _auto_contact_fields(self):
        """Field name -> "phone" or "email", for the fields holding a
        customer's contact details; models add theirs."""
        return {}

    def _auto_contact_masked_records(self):
        """The records of ``self`` whose details are a customer's (not a
        colleague's or a supplier's)."""
        return self

    def _auto_contact_masking(self):
        """The maskers of the contact fields, when the user reads them masked."""
        user = self.env.user
        if user._is_superuser() or user.has_group(CONTACT_GROUP):
            return {}
        return {
            name: MASKERS[kind]
            for name, kind in self._auto_contact_fields().items()
            if name in self._fields
        }

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        maskers = {
            name: mask
            for name, mask in self._auto_contact_masking().items()
            if name in fnames
        }
        if maskers and result:
            masked_ids = set(self._auto_contact_masked_records().ids)
            for vals in result:
                if vals["id"] in masked_ids:
                    for name, mask in maskers.items():
                        if isinstance(vals.get(name), str):
                            vals[name] = mask(vals[name])
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        maskers = self._auto_contact_masking()
        columns = {
            index: maskers[path[0]]
            for index, path in enumerate(fields)
            if len(path) == 1 and path[0] in maskers
        }
        if not columns:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        masked = self._auto_contact_masked_records()
        lines = []
        # A record's lines (its own, then those of its sub-records) follow it:
        # export consecutive records of one kind together, in their order.
        for is_customer, run in groupby(self, key=lambda record: record in masked):
            records = self.browse(record.id for record in run)
            run_lines = super(AutoContactMaskMixin, records)._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call
            )
            if is_customer:
                for line in run_lines:
                    for index, mask in columns.items():
                        if isinstance(line[index], str) and line[index]:
                            line[index] = mask(line[index])
            lines += run_lines
        return lines

    @api.model
    def read_group(self, domain, fields, groupby, *args, **kwargs):
        maskers = self._auto_contact_masking()
        groupby = [groupby] if isinstance(groupby, str) else groupby
        specs = [*(groupby or ()), *(spec for spec in fields if ":" in spec)]
        if {spec.split(":")[0] for spec in specs} & set(maskers):
            raise AccessError(
                self.env._(
                    "Customers' phones and e-mails cannot be grouped by or "
                    "listed without the Customer Contact Details right."
                )
            )
        return super().read_group(domain, fields, groupby, *args, **kwargs)

    def onchange(self, values, field_names, fields_spec):
        # A value the onchange brought (a customer picked on a registration)
        # is shown masked; one the user is typing is theirs.
        result = super().onchange(values, field_names, fields_spec)
        changed = result.get("value", {})
        for name, mask in self._auto_contact_masking().items():
            typed = values.get(name)
            if changed.get(name) and isinstance(changed[name], str):
                if not typed or is_masked(typed):
                    changed[name] = mask(changed[name])
        return result

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._auto_drop_masked_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._auto_drop_masked_values(dict(vals)))

    def _auto_drop_masked_values(self, vals):
        """A masked value sent back unchanged (a form saving what it showed)
        keeps the real one instead of overwriting it with stars."""
        for name in self._auto_contact_fields():
            if is_masked(vals.get(name)):
                vals.pop(name)
        return vals
