from odoo import fields, models
from odoo.tools import SQL


class AutoKpi(models.Model):
    """The after-sales KPIs of DOMAIN.md §6, and the two sales ones measured
    at the delivery callback, which lives here."""

    _inherit = "auto.kpi"

    code = fields.Selection(
        selection_add=[
            ("sales_csat", "Sales Satisfaction"),
            ("delivery_callback", "7-day Post-delivery Callback Rate"),
            ("returning_customer", "Returning-customer Rate"),
            ("vas_penetration", "Value-added Service Penetration"),
            ("complaint_on_time", "Complaints Handled on Time"),
            ("nps", "Net Promoter Score"),
        ],
        ondelete={
            "sales_csat": "cascade",
            "delivery_callback": "cascade",
            "returning_customer": "cascade",
            "vas_penetration": "cascade",
            "complaint_on_time": "cascade",
            "nps": "cascade",
        },
    )

    def _auto_kpi_fact_methods(self):
        return {
            **super()._auto_kpi_fact_methods(),
            "sales_csat": self._auto_kpi_facts_sales_csat,
            "delivery_callback": self._auto_kpi_facts_delivery_callback,
            "returning_customer": self._auto_kpi_facts_returning_customer,
            "vas_penetration": self._auto_kpi_facts_vas_penetration,
            "complaint_on_time": self._auto_kpi_facts_complaint_on_time,
            "nps": self._auto_kpi_facts_nps,
        }

    def _auto_kpi_facts_sales_csat(self, date_from, date_to, today):
        """Vehicles delivered in the month whose owner answered the delivery
        callback, and of those the satisfied ones (a CSAT from the selling
        store's satisfied score on, 4 by default)."""
        return SQL(
            """
            SELECT date_trunc('month', vehicle.delivery_date)::date AS month,
                   COALESCE(vehicle.selling_company_id, vehicle.company_id)
                       AS company_id,
                   NULL::int AS team_id, vehicle.user_id,
                   (vehicle.auto_csat::int >= COALESCE(
                        store.auto_csat_satisfied_min, %(satisfied)s))::int
                       AS numerator,
                   1 AS denominator
              FROM fleet_vehicle vehicle
              LEFT JOIN res_company store
                     ON store.id = COALESCE(vehicle.selling_company_id,
                                            vehicle.company_id)
             WHERE vehicle.delivery_date >= %(date_from)s
               AND vehicle.delivery_date < %(date_to)s
               AND vehicle.auto_csat IS NOT NULL
            """,
            satisfied=self.env.company.auto_csat_satisfied_min,
            date_from=date_from,
            date_to=date_to,
        )

    def _auto_kpi_facts_delivery_callback(self, date_from, date_to, today):
        """Vehicles delivered in the month whose callback window is over (or
        whose callback is done), and of those the ones called back in time:
        the delivery follow-up marked done within its rule's window (7 days
        by default), to the end of that day. The rules of the vehicle's store
        apply, as when the callback was planned."""
        return SQL(
            """
            SELECT month, company_id, team_id, user_id,
                   called_in_time::int AS numerator, 1 AS denominator
              FROM (
                SELECT date_trunc('month', vehicle.delivery_date)::date AS month,
                       COALESCE(vehicle.selling_company_id, vehicle.company_id)
                           AS company_id,
                       NULL::int AS team_id, vehicle.user_id,
                       (vehicle.delivery_date + rule.window)::date AS last_day,
                       EXISTS (
                           SELECT 1 FROM mail_message message
                            WHERE message.model = 'fleet.vehicle'
                              AND message.res_id = vehicle.id
                              AND message.mail_activity_type_id = ANY(rule.types)
                              AND message.date >= vehicle.delivery_date
                              AND message.date < (vehicle.delivery_date
                                                  + rule.window)::date + 1
                       ) AS called_in_time
                  FROM fleet_vehicle vehicle
                  JOIN LATERAL (
                        SELECT array_agg(activity_type_id) AS types,
                               make_interval(hours => max(delay_hours)) AS window
                          FROM auto_service_followup_rule
                         WHERE active AND trigger = 'vehicle_delivered'
                           AND (company_id IS NULL
                                OR company_id = vehicle.company_id)
                       ) rule ON rule.types IS NOT NULL
                 WHERE vehicle.delivery_date >= %(date_from)s
                   AND vehicle.delivery_date < %(date_to)s
              ) delivery
             WHERE called_in_time OR last_day < %(today)s
            """,
            date_from=date_from,
            date_to=date_to,
            today=today,
        )

    def _auto_kpi_facts_returning_customer(self, date_from, date_to, today):
        """老客回厂率: vehicles due back in the month (last visit plus the
        maintenance reminder's interval, up to today) and, of those, the ones
        that came back within the month. Counted for the last visit's advisor."""
        interval = min(
            self.env["auto.service.reminder"]
            .search([("kind", "=", "maintenance")])
            .mapped("interval_days"),
            default=0,
        )
        if not interval:
            return self._auto_kpi_no_facts()
        return SQL(
            """
            SELECT date_trunc('month', due)::date AS month, company_id,
                   NULL::int AS team_id, user_id,
                   (next_visit IS NOT NULL
                    AND next_visit < date_trunc('month', due) + interval '1 month'
                   )::int AS numerator,
                   1 AS denominator
              FROM (
                SELECT repair.company_id, repair.user_id,
                       repair.auto_done_date::date + %(interval)s AS due,
                       lead(repair.auto_done_date::date) OVER (
                           PARTITION BY repair.auto_vehicle_id
                           ORDER BY repair.auto_done_date) AS next_visit
                  FROM repair_order repair
                 WHERE repair.state = 'done' AND repair.auto_vehicle_id IS NOT NULL
                   AND repair.auto_done_date IS NOT NULL
              ) visit
             WHERE due >= %(date_from)s AND due < %(date_to)s AND due <= %(today)s
               -- a visit between the last one and the month moved the due date
               AND (next_visit IS NULL OR next_visit >= date_trunc('month', due))
            """,
            interval=interval,
            date_from=date_from,
            date_to=date_to,
            today=today,
        )

    def _auto_kpi_facts_vas_penetration(self, date_from, date_to, today):
        """Work orders done in the month and, of those, the ones that sold a
        value-added product (extended warranty, accessories...)."""
        return SQL(
            """
            SELECT date_trunc('month', repair.auto_done_date)::date AS month,
                   repair.company_id, NULL::int AS team_id, repair.user_id,
                   EXISTS (
                       SELECT 1 FROM stock_move move
                         JOIN product_product product ON product.id = move.product_id
                         JOIN product_template template
                           ON template.id = product.product_tmpl_id
                        WHERE move.repair_id = repair.id
                          AND move.repair_line_type = 'add'
                          AND move.state != 'cancel'
                          AND template.auto_value_added
                   )::int AS numerator,
                   1 AS denominator
              FROM repair_order repair
             WHERE repair.state = 'done'
               AND repair.auto_done_date >= %(date_from)s
               AND repair.auto_done_date < %(date_to)s
            """,
            date_from=date_from,
            date_to=date_to,
        )

    def _auto_kpi_facts_complaint_on_time(self, date_from, date_to, today):
        """投诉处理及时率: complaints opened in the month that are resolved or
        past their resolution deadline, and of those the ones resolved
        within every deadline of their SLA."""
        return SQL(
            """
            SELECT date_trunc('month', ticket.create_date)::date AS month,
                   ticket.company_id, NULL::int AS team_id, ticket.user_id,
                   (ticket.auto_resolved_date IS NOT NULL
                    AND NOT COALESCE(ticket.auto_sla_breached, FALSE))::int
                       AS numerator,
                   1 AS denominator
              FROM helpdesk_ticket ticket
             WHERE ticket.auto_request_type = 'complaint'
               AND ticket.create_date >= %(date_from)s
               AND ticket.create_date < %(date_to)s
               AND (ticket.auto_resolved_date IS NOT NULL
                    OR ticket.auto_resolution_deadline < %(now)s)
            """,
            date_from=date_from,
            date_to=date_to,
            now=fields.Datetime.now(),
        )

    def _auto_kpi_facts_nps(self, date_from, date_to, today):
        """NPS of the answers given in the month after work orders, tickets
        and deliveries: promoters (9-10) minus detractors (0-6), per 100."""
        answers = SQL(" UNION ALL ").join(
            SQL(
                """
                SELECT record.auto_survey_date, record.company_id,
                       record.user_id, record.auto_nps_category
                  FROM %(table)s record
                 WHERE record.auto_nps IS NOT NULL
                   AND record.auto_survey_date >= %(date_from)s
                   AND record.auto_survey_date < %(date_to)s
                """,
                table=SQL.identifier(table),
                date_from=date_from,
                date_to=date_to,
            )
            for table in ("repair_order", "helpdesk_ticket", "fleet_vehicle")
        )
        return SQL(
            """
            SELECT date_trunc('month', answer.auto_survey_date)::date AS month,
                   answer.company_id, NULL::int AS team_id, answer.user_id,
                   CASE answer.auto_nps_category WHEN 'promoter' THEN 1
                        WHEN 'detractor' THEN -1 ELSE 0 END AS numerator,
                   1 AS denominator
              FROM (%(answers)s) answer
            """,
            answers=answers,
        )
