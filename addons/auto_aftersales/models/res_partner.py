from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.auto_crm_leads.tools.privacy import PersonalData, documents


class ResPartner(models.Model):
    _inherit = "res.partner"

    auto_repair_ids = fields.One2many(
        "repair.order", "partner_id", string="Service History"
    )

    def _auto_contact_masked_records(self):
        # A parts supplier's numbers are the parts clerk's to call.
        return (
            super()
            ._auto_contact_masked_records()
            .filtered(lambda partner: not partner.supplier_rank)
        )

    def _auto_personal_data(self):
        sections = super()._auto_personal_data()
        ids = sections[0].records.ids
        env = sections[0].records.env
        tickets = env["helpdesk.ticket"].search(
            ["|", ("partner_id", "in", ids), ("commercial_partner_id", "in", ids)]
        )
        return [
            *sections,
            PersonalData(
                "work_orders",
                env._("Work orders"),
                env["repair.order"].search([("partner_id", "in", ids)]),
            ),
            PersonalData(
                "tickets",
                env._("Service requests and complaints"),
                tickets,
                wipe=dict.fromkeys(
                    ["partner_name", "partner_email", "auto_caller_phone"], False
                ),
                identifying=("partner_name", "partner_email", "auto_caller_phone"),
            ),
            documents(
                "ticket_documents",
                env._("Documents of the service requests"),
                [tickets],
            ),
            PersonalData(
                "reminders",
                env._("Service reminders"),
                env["auto.service.reminder.log"].search([("partner_id", "in", ids)]),
            ),
            PersonalData(
                "sale_orders",
                env._("Sales orders"),
                env["sale.order"].search([("partner_id", "in", ids)]),
            ),
            PersonalData(
                "invoices",
                env._("Invoices"),
                env["account.move"].search(
                    [
                        ("commercial_partner_id", "in", ids),
                        ("state", "=", "posted"),
                    ]
                ),
                kept=env._(
                    "as issued: accounting records are kept 30 years "
                    "(会计档案管理办法, art. 14)"
                ),
                export_fields=[
                    "name",
                    "move_type",
                    "invoice_date",
                    "amount_total",
                    "currency_id",
                    "invoice_partner_display_name",
                ],
            ),
        ]

    # Who follows the customer up -----------------------------------------

    @api.model
    def _auto_follow_up_user_sql(self, partner, vehicle=None, company=None):
        """The one rule of who follows a customer up, as an SQL expression of
        a ``res_users`` id (NULL when nobody): the service advisor of the
        vehicle the follow-up is about, else of the customer's first vehicle
        that has one, else the customer's salesperson.

        ``partner`` and ``vehicle`` are SQL expressions of the customer's and
        of the vehicle's id; ``company`` (an id) restricts the customer's
        vehicles to that company's. For the set-based schedulers; the ORM
        paths use :meth:`_auto_follow_up_user`, which runs the same rule."""
        own_vehicles = SQL("TRUE")
        if company:
            own_vehicles = SQL("advised.company_id = %s", company)
        return SQL(
            """
            COALESCE(
                (SELECT advised.auto_service_advisor_id FROM fleet_vehicle advised
                  WHERE advised.id = %(vehicle)s),
                (SELECT advised.auto_service_advisor_id FROM fleet_vehicle advised
                  WHERE advised.owner_id = %(partner)s AND advised.active
                    AND advised.auto_service_advisor_id IS NOT NULL
                    AND %(own_vehicles)s
                  ORDER BY advised.id LIMIT 1),
                (SELECT customer.user_id FROM res_partner customer
                  WHERE customer.id = %(partner)s))
            """,
            vehicle=vehicle if vehicle is not None else SQL("NULL::int"),
            partner=partner,
            own_vehicles=own_vehicles,
        )

    def _auto_follow_up_user(self, vehicles=None, company=None):
        """Who follows each of these customers up, in one query: a mapping
        {customer: res.users} (an empty recordset when nobody). The advisor
        of the customer's vehicle among ``vehicles`` comes first; see
        :meth:`_auto_follow_up_user_sql` for the rule."""
        if not self:
            return {}
        self.flush_model(["user_id"])
        self.env["fleet.vehicle"].flush_model(
            ["owner_id", "active", "company_id", "auto_service_advisor_id"]
        )
        vehicle = SQL("NULL::int")
        if vehicles:
            vehicle = SQL(
                """(SELECT given.id FROM fleet_vehicle given
                     WHERE given.id = ANY(%s) AND given.owner_id = partner.id
                       AND given.auto_service_advisor_id IS NOT NULL
                     ORDER BY given.id LIMIT 1)""",
                vehicles.ids,
            )
        self.env.cr.execute(
            SQL(
                "SELECT partner.id, %s FROM unnest(%s::int[]) AS partner(id)",
                self._auto_follow_up_user_sql(
                    SQL("partner.id"), vehicle=vehicle, company=company
                ),
                self.ids,
            )
        )
        users = dict(self.env.cr.fetchall())
        return {
            partner: self.env["res.users"].browse(users.get(partner.id) or [])
            for partner in self
        }
