"""18.0.1.1.0: a job under warranty is worth nothing to the customer's tier
and RFM when no quotation priced it (the manufacturer pays its parts). The
work orders auto_aftersales' 18.0.1.2.0 marked Under Warranty, updated before
this module, get their value again; tiers follow at the nightly refresh."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    repairs = env["repair.order"].search(
        [("under_warranty", "=", True), ("sale_order_id", "=", False)]
    )
    env.add_to_compute(repairs._fields["auto_spend_amount"], repairs)
    repairs.flush_recordset(["auto_spend_amount"])
