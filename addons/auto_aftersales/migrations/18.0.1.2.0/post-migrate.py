"""18.0.1.2.0: warranty and recall jobs are Under Warranty, their parts the
manufacturer's. The work orders a database already has are marked so where no
quotation priced them yet; a quoted job keeps the prices it was given."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["repair.order"].search(
        [
            ("auto_service_type", "in", ("warranty", "recall")),
            ("under_warranty", "=", False),
            ("sale_order_id", "=", False),
        ]
    ).under_warranty = True
