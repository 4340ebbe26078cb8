import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.auto_crm_leads.tools.consent import skip_message

_logger = logging.getLogger(__name__)

REMINDER_KINDS = [
    ("maintenance", "Maintenance Due"),
    ("first_maintenance", "First Free Maintenance"),
    ("insurance", "Insurance Renewal"),
    ("inspection", "Annual Inspection"),
    ("warranty", "Warranty Expiry"),
    ("lost_customer", "Lost Customer Return"),
    ("birthday", "Birthday"),
    ("anniversary", "Purchase Anniversary"),
]
# Reminders about a person rather than one of their vehicles.
CUSTOMER_KINDS = ("lost_customer", "birthday")
# A due date found up to this many days late still reminds (a stopped
# scheduler, a date typed in late); older ones are history.
GRACE_DAYS = 7


class AutoServiceReminder(models.Model):
    """Proactive service reminders (提醒关怀): which event, how many days ahead,
    an activity for the advisor and/or a message to the customer. Each due
    event reminds once; the log remembers it."""

    _name = "auto.service.reminder"
    _description = "Service Reminder"
    _check_company_auto = True
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Company", help="Empty for every company."
    )
    kind = fields.Selection(REMINDER_KINDS, required=True)
    days_ahead = fields.Integer(
        string="Days Ahead",
        default=7,
        required=True,
        help="How many days before the due date the reminder is planned.",
    )
    interval_days = fields.Integer(
        string="Interval (days)",
        help="Maintenance: days between two services. First maintenance: days "
        "after delivery. Lost customer: days without a visit.",
    )
    interval_km = fields.Integer(
        string="Interval (km)",
        help="Maintenance: km between two services (due earlier when the "
        "vehicle's average daily mileage gets there first). First "
        "maintenance: km after delivery.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity",
        ondelete="restrict",
        help="Planned for the vehicle's service advisor (else the owner's "
        "consultant, else the default responsible).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Default Responsible",
        domain="[('share', '=', False)]",
        check_company=True,
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Message Template",
        domain="[('model', '=', target_model)]",
        help="Sent to the customer when the reminder fires.",
    )
    purpose_id = fields.Many2one(
        "privacy.activity",
        string="Purpose",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "auto_crm_leads.privacy_activity_service_reminders",
            raise_if_not_found=False,
        ),
        help="What the reminder is for, in the register of purposes: it "
        "reaches only the customers whose consent covers it on the "
        "activity's channel (and e-mail for the message). A recall reminder "
        "is no marketing: give it the Recall notices purpose.",
    )
    target_model = fields.Char(compute="_compute_target_model")
    log_ids = fields.One2many("auto.service.reminder.log", "reminder_id")
    log_count = fields.Integer(string="Sent", compute="_compute_log_count")
    skipped_count = fields.Integer(
        string="Skipped (Consent)",
        compute="_compute_log_count",
        help="Due events whose customer was not contacted: no consent for the "
        "purpose on the channel, on the opt-out list, or no address.",
    )
    skipped_message = fields.Text(
        string="Skipped Customers", compute="_compute_log_count"
    )

    _sql_constraints = [
        (
            "days_ahead_positive",
            "CHECK(days_ahead >= 0)",
            "A reminder cannot be planned after its due date.",
        ),
    ]

    @api.depends("kind")
    def _compute_target_model(self):
        for reminder in self:
            reminder.target_model = (
                "res.partner" if reminder.kind in CUSTOMER_KINDS else "fleet.vehicle"
            )

    def _compute_log_count(self):
        groups = self.env["auto.service.reminder.log"]._read_group(
            [("reminder_id", "in", self.ids)],
            ["reminder_id", "state", "skip_reason", "skip_channel_id"],
            ["__count"],
        )
        for reminder in self:
            own = [group for group in groups if group[0] == reminder]
            reminder.log_count = sum(g[4] for g in own if g[1] != "skipped")
            skipped = [g for g in own if g[1] == "skipped"]
            reminder.skipped_count = sum(g[4] for g in skipped)
            reminder.skipped_message = "\n".join(
                skip_message(self.env, reason, count, reminder.purpose_id, channel)
                for _reminder, _state, reason, channel, count in skipped
                if reason and channel
            )

    @api.constrains("kind", "interval_days", "interval_km", "mail_template_id")
    def _check_auto_settings(self):
        for reminder in self:
            needs_interval = reminder.kind in (
                "maintenance",
                "first_maintenance",
                "lost_customer",
            )
            if needs_interval and reminder.interval_days <= 0:
                raise ValidationError(
                    self.env._(
                        "The reminder %(name)s needs an interval in days.",
                        name=reminder.name,
                    )
                )
            if reminder.interval_days < 0 or reminder.interval_km < 0:
                raise ValidationError(self.env._("Intervals cannot be negative."))
            template = reminder.mail_template_id
            if template and template.model != reminder.target_model:
                raise ValidationError(
                    self.env._(
                        "The message template of %(name)s must be written for "
                        "%(model)s.",
                        name=reminder.name,
                        model=self.env["ir.model"]._get(reminder.target_model).name,
                    )
                )

    def action_view_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_aftersales.auto_service_reminder_log_action"
        )
        action["domain"] = [("reminder_id", "=", self.id)]
        return action

    def action_view_skipped(self):
        """The due events whose customer was not contacted, and why."""
        action = self.action_view_logs()
        action["domain"] = [("reminder_id", "=", self.id), ("state", "=", "skipped")]
        action["context"] = {"group_by": ["skip_reason"]}
        return action

    # Scheduler ------------------------------------------------------------

    @api.model
    def _cron_auto_send_reminders(self, batch_size=5000):
        """Fire every due reminder once. Each run handles up to ``batch_size``
        events per reminder; the cron runner runs it again while more are
        due."""
        today = fields.Date.context_today(self)
        sent = 0
        more = False
        for reminder in self.search([]):
            count = reminder._auto_fire(today, batch_size)
            sent += count
            more = more or count == batch_size
        self.env["ir.cron"]._auto_notify_batch(sent, remaining=more)
        _logger.info("Service reminders fired: %s", sent)
        return sent

    def _auto_fire(self, today, limit):
        """Log up to ``limit`` due events of this reminder (the unique log
        keeps each one single even under concurrent runs), then plan the
        activities and send the messages to the customers who consented.
        Returns how many fired (contacted or skipped: each is logged)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH due AS (%(due)s)
                INSERT INTO auto_service_reminder_log (
                    reminder_id, vehicle_id, partner_id, user_id, company_id,
                    due_date, event_key, state, create_uid, create_date,
                    write_uid, write_date)
                SELECT %(reminder)s, due.vehicle_id, due.partner_id, due.user_id,
                       COALESCE(vehicle.company_id, %(company)s,
                                responsible.company_id),
                       due.due_date, due.event_key, 'sent',
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM due
             LEFT JOIN fleet_vehicle vehicle ON vehicle.id = due.vehicle_id
             LEFT JOIN res_users responsible ON responsible.id = due.user_id
                 WHERE due.due_date BETWEEN %(since)s AND %(until)s
                   AND NOT EXISTS (
                        SELECT 1 FROM auto_service_reminder_log log
                         WHERE log.reminder_id = %(reminder)s
                           AND log.partner_id = due.partner_id
                           AND log.vehicle_id IS NOT DISTINCT FROM due.vehicle_id
                           AND log.event_key = due.event_key)
                 ORDER BY due.due_date
                 LIMIT %(limit)s
                    ON CONFLICT DO NOTHING
             RETURNING id
                """,
                due=self._auto_due_query(today),
                reminder=self.id,
                company=self.company_id.id or None,
                since=today - timedelta(days=GRACE_DAYS),
                until=today + timedelta(days=self.days_ahead),
                limit=limit,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
        logs = self.env["auto.service.reminder.log"].browse(
            row[0] for row in self.env.cr.fetchall()
        )
        if logs:
            self._auto_notify(logs, today)
        return len(logs)

    def _auto_notify(self, logs, today):
        """Plan the activities and send the messages of the logged events
        whose customer consented to the reminder's purpose on the channel
        (the activity's; e-mail for the message), in one consent check per
        channel; the others are marked skipped on their log, with why."""
        logs.fetch(["vehicle_id", "partner_id", "user_id", "due_date"])
        records = logs._auto_target_records()
        partners = logs.partner_id
        skipped = {}  # log -> (reason, channel)
        contacted = self.env["auto.service.reminder.log"]
        if self.activity_type_id:
            channel = self.activity_type_id._auto_contact_channel()
            check = partners._auto_consent_filter(self.purpose_id, channel)
            allowed = logs._auto_split_by_consent(check, skipped)
            self.env["mail.activity"]._auto_insert_activities(
                self.target_model,
                self.activity_type_id,
                [
                    (
                        record.id,
                        record.display_name,
                        log.user_id.id,
                        self.env._(
                            "%(reminder)s: due %(date)s",
                            reminder=self.name,
                            date=log.due_date,
                        ),
                        # The start of the assignee's day, where they work.
                        log.user_id._auto_local_datetime(today),
                    )
                    for log, record in zip(logs, records, strict=True)
                    if log.user_id and log in allowed
                ],
                fields.Datetime.now(),
            )
            contacted |= allowed
        if self.mail_template_id:
            check = partners._auto_consent_filter(self.purpose_id, "email")
            allowed = logs._auto_split_by_consent(check, skipped)
            self.mail_template_id.send_mail_batch(
                [
                    record.id
                    for log, record in zip(logs, records, strict=True)
                    if log in allowed
                ]
            )
            contacted |= allowed
        logs._auto_mark_skipped(skipped, contacted)
        if skipped:
            _logger.info(
                "Service reminder %s: %s of %s customers not contacted "
                "(consent for %s)",
                self.name,
                len(logs - contacted),
                len(logs),
                self.purpose_id.name,
            )

    def _auto_due_query(self, today):
        """One row per event this reminder is about: vehicle (or NULL for a
        customer reminder), customer, who follows it up, due date and a key
        naming the event, so it reminds once."""
        self.ensure_one()
        if self.kind in CUSTOMER_KINDS:
            return self._auto_customer_due_query(today)
        due, event_key, joins = self._auto_vehicle_due(today)
        return SQL(
            """
            SELECT vehicle.id AS vehicle_id, vehicle.owner_id AS partner_id,
                   COALESCE(%(follower)s, %(fallback)s) AS user_id,
                   %(due)s AS due_date, %(event_key)s AS event_key
              FROM fleet_vehicle vehicle
              JOIN res_partner owner ON owner.id = vehicle.owner_id
              %(joins)s
             WHERE vehicle.active AND %(company)s
            """,
            follower=self.env["res.partner"]._auto_follow_up_user_sql(
                SQL("vehicle.owner_id"),
                vehicle=SQL("vehicle.id"),
                company=self.company_id.id,
            ),
            fallback=self.user_id.id or None,
            due=due,
            event_key=event_key,
            joins=joins,
            company=self._auto_company_condition("vehicle"),
        )

    def _auto_company_condition(self, alias):
        if not self.company_id:
            return SQL("TRUE")
        return SQL("%s.company_id = %s", SQL.identifier(alias), self.company_id.id)

    def _auto_vehicle_due(self, today):
        """(due date, event key, joins) of a vehicle reminder, in SQL."""
        if self.kind == "insurance":
            return (
                SQL("vehicle.insurance_renewal_date"),
                SQL("vehicle.insurance_renewal_date::text"),
                SQL(),
            )
        if self.kind == "inspection":
            return (
                SQL("vehicle.inspection_due_date"),
                SQL("vehicle.inspection_due_date::text"),
                SQL(),
            )
        if self.kind == "warranty":
            return (
                SQL("vehicle.warranty_end_date"),
                SQL("vehicle.warranty_end_date::text"),
                SQL(),
            )
        if self.kind == "anniversary":
            due = self._auto_next_anniversary(SQL("vehicle.purchase_date"), today)
            return due, SQL("(%s)::text", due), SQL()
        return self._auto_maintenance_due()

    def _auto_next_anniversary(self, date_sql, today):
        """The date's next anniversary, counting the grace days as not past."""
        this_year = SQL(
            "(%(date)s + make_interval(years => (extract(year FROM %(today)s::date)"
            " - extract(year FROM %(date)s))::int))::date",
            date=date_sql,
            today=today,
        )
        return SQL(
            "(CASE WHEN %(this_year)s < %(since)s::date"
            " THEN (%(this_year)s + interval '1 year')::date"
            " ELSE %(this_year)s END)",
            this_year=this_year,
            since=today - timedelta(days=GRACE_DAYS),
        )

    def _auto_maintenance_due(self):
        """Maintenance is due ``interval_days`` after the last one, or earlier
        when the vehicle's average daily mileage (first to last odometer
        reading) reaches ``interval_km`` first. Without any maintenance yet,
        the first free maintenance counts from delivery at 0 km."""
        if self.kind == "maintenance":
            last_service = SQL(
                """
                CROSS JOIN LATERAL (
                    SELECT repair.id AS repair_id,
                           (repair.auto_done_date AT TIME ZONE 'UTC')::date AS day,
                           COALESCE(repair.auto_odometer_in, 0) AS km
                      FROM repair_order repair
                     WHERE repair.auto_vehicle_id = vehicle.id
                       AND repair.state = 'done'
                       AND repair.auto_service_type = 'maintenance'
                     ORDER BY repair.auto_done_date DESC
                     LIMIT 1
                ) last_service
                """
            )
            event_key = SQL("'repair:' || last_service.repair_id")
        else:
            last_service = SQL(
                """
                CROSS JOIN LATERAL (
                    SELECT vehicle.delivery_date AS day, 0 AS km
                     WHERE vehicle.delivery_date IS NOT NULL
                       AND NOT EXISTS (
                            SELECT 1 FROM repair_order repair
                             WHERE repair.auto_vehicle_id = vehicle.id
                               AND repair.state = 'done'
                               AND repair.auto_service_type = 'maintenance')
                ) last_service
                """
            )
            event_key = SQL("'delivery:' || last_service.day")
        joins = SQL(
            """
            %(last_service)s
            LEFT JOIN LATERAL (
                SELECT min(date) AS first_day, max(date) AS last_day,
                       min(value) AS first_km, max(value) AS last_km
                  FROM fleet_vehicle_odometer
                 WHERE vehicle_id = vehicle.id
            ) readings ON TRUE
            """,
            last_service=last_service,
        )
        by_date = SQL("last_service.day + %s", self.interval_days)
        if not self.interval_km:
            return by_date, event_key, joins
        by_km = SQL(
            """
            CASE WHEN readings.last_day > readings.first_day
                  AND readings.last_km > readings.first_km
            THEN readings.last_day + ceil(
                (last_service.km + %(km)s - readings.last_km)
                / ((readings.last_km - readings.first_km)
                   / (readings.last_day - readings.first_day))
            )::int END
            """,
            km=self.interval_km,
        )
        return SQL("LEAST(%s, %s)", by_date, by_km), event_key, joins

    def _auto_customer_due_query(self, today):
        if self.kind == "birthday":
            due = self._auto_next_anniversary(SQL("customer.birthday"), today)
            source = SQL(
                """
                SELECT customer.id AS partner_id, %(due)s AS due_date
                  FROM res_partner customer
                 WHERE customer.birthday IS NOT NULL AND customer.active
                """,
                due=due,
            )
        else:
            source = SQL(
                """
                SELECT repair.partner_id,
                       (max(repair.auto_done_date) AT TIME ZONE 'UTC')::date
                       + %(days)s AS due_date
                  FROM repair_order repair
                 WHERE repair.state = 'done' AND repair.partner_id IS NOT NULL
                 GROUP BY repair.partner_id
                """,
                days=self.interval_days,
            )
        # Customers who own a vehicle here, followed up by whoever follows
        # them up (res.partner._auto_follow_up_user_sql).
        return SQL(
            """
            SELECT NULL::int AS vehicle_id, source.partner_id,
                   COALESCE(%(follower)s, %(fallback)s) AS user_id,
                   source.due_date, source.due_date::text AS event_key
              FROM (%(source)s) source
              JOIN res_partner customer ON customer.id = source.partner_id
             WHERE EXISTS (
                    SELECT 1 FROM fleet_vehicle vehicle
                     WHERE vehicle.owner_id = source.partner_id AND vehicle.active
                       AND %(company)s)
            """,
            source=source,
            follower=self.env["res.partner"]._auto_follow_up_user_sql(
                SQL("source.partner_id"), company=self.company_id.id
            ),
            fallback=self.user_id.id or None,
            company=self._auto_company_condition("vehicle"),
        )
