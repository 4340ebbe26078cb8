"""18.0.1.1.0, before the update: a database from before post-service
follow-up rules had a purpose gets the new required column filled with its
default (satisfaction surveys) by the update itself, before post-migrate runs.
Note which rules had none, for post-migrate to give the rules of the data file
their own purpose (the next-maintenance reminder: service reminders)."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists, table_exists

# Read and dropped by post-migrate; lives as long as the update's connection.
UNSET_TABLE = "auto_followup_rule_purpose_unset"


def migrate(cr, version):
    if table_exists(cr, "auto_service_followup_rule") and not column_exists(
        cr, "auto_service_followup_rule", "purpose_id"
    ):
        cr.execute(
            SQL(
                "CREATE TEMP TABLE %s AS SELECT id FROM auto_service_followup_rule",
                SQL.identifier(UNSET_TABLE),
            )
        )
