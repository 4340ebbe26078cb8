"""The rights of the person (PIPL art. 45 and 47): everything the suite holds
about one customer, as sections each addon adds to
``res.partner._auto_personal_data``, and how erasure treats each section.

Erasure anonymises rather than deletes: the vehicle's service history, the
points ledger and the records the law keeps must still add up. The person's
identifying values (name, mobile, e-mail, identity number, address...) are
collected from every section first, then replaced by ``ERASED`` in every text
of the person's records and of their chatter, and the sections' personal
fields are emptied."""

import re
from datetime import date, datetime

from markupsafe import Markup

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import SQL, html2plaintext

ERASED = "***"
# Fields an export leaves out: the record's machinery, not the person's data.
TECHNICAL_FIELDS = {
    "id",
    "create_uid",
    "write_uid",
    "write_date",
    "access_token",
    "access_url",
    "message_main_attachment_id",
    "display_name",
    "calendar_last_notif_ack",
    "email_domain_criterion",
    "autopost_bills",
}


class PersonalData:
    """One kind of record that holds the person.

    ``records``: the person's records of that model, as the system.
    ``wipe``: field -> value written on erasure (False empties it).
    ``identifying``: fields whose values identify the person: they are also
    replaced wherever else they appear in the person's texts.
    ``delete``: the records are removed on erasure (followers, opt-out rows).
    ``kept``: why the records are kept as they are (a duty of law); their own
    texts are not scrubbed, only their chatter.
    ``history``: the records must outlive the person (consent history, points
    ledger): deleting the customer is refused while they exist.
    ``prospect``: a prospect may hold such records; a customer holding any
    other kind (a vehicle, an order, a card) is more than a prospect, and
    retention does not erase them.
    ``export_fields``: what the export shows; default every stored field of
    the model but the technical ones."""

    def __init__(
        self,
        key,
        label,
        records,
        wipe=None,
        identifying=(),
        delete=False,
        kept=None,
        history=False,
        prospect=False,
        export_fields=None,
    ):
        self.key = key
        self.label = label
        self.records = records
        self.wipe = wipe or {}
        self.identifying = identifying
        self.delete = delete
        self.kept = kept
        self.history = history
        self.prospect = prospect
        self.export_fields = export_fields


def documents(key, label, records, prospect=False):
    """The files attached to ``records`` (a recordset per model), deleted on
    erasure: the person's scans, letters and copies of their data."""
    env = records[0].env
    domain = []
    for model_records in records:
        domain = [
            *(["|"] if domain else []),
            *domain,
            "&",
            ("res_model", "=", model_records._name),
            ("res_id", "in", model_records.ids),
        ]
    return PersonalData(
        key,
        label,
        env["ir.attachment"].sudo().search(domain),
        delete=True,
        prospect=prospect,
        export_fields=["name", "mimetype", "file_size", "create_date"],
    )


def identifying_values(sections):
    """The person's values to replace: every identifying field's value in
    every section, longest first (a full address before its street)."""
    values = set()
    for section in sections:
        for name in section.identifying:
            for value in section.records.mapped(name):
                if isinstance(value, str) and len(value.strip()) >= 2:
                    values.add(value.strip())
                    values.update(phone_variants(value.strip()))
    return sorted(values, key=lambda value: (-len(value), value))


def phone_variants(value):
    """A number as it may also be written: +86 13912345678, 13912345678."""
    digits = re.sub(r"[\s\-()]", "", value)
    if not re.fullmatch(r"\+?\d{7,15}", digits):
        return set()
    variants = {digits}
    if digits.startswith("+86"):
        variants.add(digits[3:])
    return variants


def pattern(values):
    """One case-insensitive regular expression matching any of the values."""
    return "|".join(re.escape(value) for value in values)


def text_columns(model):
    """The stored columns of a model where a person's value may be written:
    texts and custom properties (translated fields hold the model's own
    wording, not the person's)."""
    return [
        field.name
        for field in model._fields.values()
        if field.store
        and field.column_type
        and (
            (field.column_type[0] in ("varchar", "text") and not field.translate)
            or field.type == "properties"
        )
        and field.name not in ("access_token", "res_model", "model")
    ]


def matching(columns, regex):
    return SQL(" OR ").join(
        SQL("%s::text ~* %s", SQL.identifier(column), regex) for column in columns
    )


def scrub(records, values):
    """Replace the person's values in every text column of ``records``, in
    one query per model. SQL on purpose: append-only records (the points
    ledger) keep their amounts, dates and references; only the person's name
    leaves their labels."""
    if not records or not values:
        return
    columns = text_columns(records)
    if not columns:
        return
    env = records.env
    env.flush_all()
    regex = pattern(values)
    table = SQL.identifier(records._table)
    assignments = SQL(", ").join(
        SQL(
            "%s = regexp_replace(%s::text, %s, %s, 'gi')::%s",
            SQL.identifier(column),
            SQL.identifier(column),
            regex,
            ERASED,
            SQL(records._fields[column].column_type[1]),
        )
        for column in columns
    )
    matches = matching(columns, regex)
    env.cr.execute(
        SQL(
            "UPDATE %s SET %s WHERE id = ANY(%s) AND (%s)",
            table,
            assignments,
            list(records.ids),
            matches,
        )
    )
    records.invalidate_recordset(columns)


def remaining(records, values):
    """Which of ``records`` still hold one of the values in a text column."""
    columns = text_columns(records)
    if not records or not values or not columns:
        return records.browse()
    records.env.flush_all()
    matches = matching(columns, pattern(values))
    records.env.cr.execute(
        SQL(
            "SELECT id FROM %s WHERE id = ANY(%s) AND (%s)",
            SQL.identifier(records._table),
            list(records.ids),
            matches,
        )
    )
    return records.browse([row[0] for row in records.env.cr.fetchall()])


def person(sections):
    """The customers the sections belong to (none for leads alone)."""
    profile = next((section for section in sections if section.key == "profile"), None)
    if profile:
        return profile.records
    return sections[0].records.env["res.partner"].sudo()


def scope(sections):
    """The person's own records, model -> ids: what their chatter hangs on."""
    records = {}
    for section in sections:
        if not section.delete and section.records:
            ids = records.setdefault(section.records._name, set())
            ids.update(section.records.ids)
    return records


def messages(sections):
    """Every message on the person's records, by them or to them."""
    partners = person(sections)
    env = partners.env
    domain = [
        "|",
        ("author_id", "in", partners.ids),
        ("partner_ids", "in", partners.ids),
    ]
    for model, ids in scope(sections).items():
        domain = [
            "|",
            "&",
            ("model", "=", model),
            ("res_id", "in", list(ids)),
            *domain,
        ]
    return env["mail.message"].sudo().search(domain, order="date, id")


def mail_records(sections, person_messages):
    """The records around the person's messages whose texts may repeat the
    person's values: tracked values, queued e-mails, SMS numbers of the
    notifications, activities, documents."""
    partners = person(sections)
    env = partners.sudo().env
    on_records = []
    for model, ids in scope(sections).items():
        on_records = [
            *(["|"] if on_records else []),
            *on_records,
            "&",
            ("res_model", "=", model),
            ("res_id", "in", list(ids)),
        ]
    return [
        person_messages,
        env["mail.tracking.value"].search(
            [("mail_message_id", "in", person_messages.ids)]
        ),
        env["mail.mail"].search(
            [
                "|",
                ("mail_message_id", "in", person_messages.ids),
                ("recipient_ids", "in", partners.ids),
            ]
        ),
        env["mail.notification"].search(
            [
                "|",
                ("mail_message_id", "in", person_messages.ids),
                ("res_partner_id", "in", partners.ids),
            ]
        ),
        env["mail.activity"].with_context(active_test=False).search(on_records),
        env["ir.attachment"].search(
            ["|", ("id", "in", person_messages.attachment_ids.ids), *on_records]
        ),
    ]


def exportable(records):
    return [
        name
        for name, field in records._fields.items()
        if field.store
        and name not in TECHNICAL_FIELDS
        and not name.startswith(("message_", "activity_", "website_message"))
        and not name.endswith(("_warn", "_warn_msg"))
        and field.type not in ("binary", "one2many", "properties", "json")
        and not field.company_dependent
    ]


def export_value(env, field, value):
    if field.type == "many2one":
        return value and value[1]
    if field.type == "many2many":
        return env[field.comodel_name].browse(value).mapped("display_name")
    if field.type == "html":
        return html2plaintext(value or "")
    if field.type == "selection" and value:
        return dict(field._description_selection(env)).get(value, value)
    if isinstance(value, datetime):
        return fields.Datetime.to_string(value)
    if isinstance(value, date):
        return fields.Date.to_string(value)
    return value


def export_rows(section):
    """The section's records as plain values: (field labels, rows)."""
    records = section.records
    env = records.env
    names = section.export_fields or exportable(records)
    labels = {name: records._fields[name]._description_string(env) for name in names}
    rows = [
        {name: export_value(env, records._fields[name], values[name]) for name in names}
        for values in records.read(names)
    ]
    return labels, rows


def wipe(section, partners):
    """Empty the section's personal fields; a link to a customer is cut only
    where it is the person's (a vehicle keeps its other driver)."""
    records = section.records.exists().with_context(
        tracking_disable=True, mail_notrack=True, auto_privacy_erasure=True
    )
    static = {}
    for name, value in section.wipe.items():
        field = records._fields[name]
        if field.type == "many2one" and field.comodel_name == "res.partner":
            records.filtered(lambda record, n=name: record[n] in partners).write(
                {name: False}
            )
        elif callable(value):
            for record in records:
                record.write({name: value(record)})
        else:
            static[name] = value
    if static:
        records.write(static)


def erase(env, sections):
    """Erase the person (see the module's docstring), all of it or nothing:
    raises a UserError when a value is still readable afterwards, for the
    caller to roll back. Returns ``(section, count)`` for the outcome."""
    partners = person(sections)
    values = identifying_values(sections)
    kept = [
        (record, {name: record[name] for name in text_columns(record)})
        for section_ in sections
        if section_.kept
        for record in section_.records
    ]
    consents = (
        env["privacy.consent"]
        .sudo()
        .search([("partner_id", "in", partners.ids), ("auto_status", "=", "given")])
    )
    consents.with_context(
        auto_consent_source="erasure", auto_consent_from_blacklist=True
    ).action_auto_withdraw()
    for section_ in sections:
        if section_.wipe:
            wipe(section_, partners)
    for section_ in sections:
        if section_.delete:
            section_.records.exists().unlink()
    partners.write({"auto_erased_date": fields.Datetime.now()})
    # Then the texts, with what the steps above logged about the person.
    person_messages = messages(sections)
    authored = person_messages.filtered(
        lambda message: (
            message.author_id in partners and message.message_type != "notification"
        )
    )
    authored.attachment_ids.unlink()
    # The files made for the e-mails to the person (an event ticket), not the
    # templates' own files.
    queued = (
        env["mail.mail"]
        .sudo()
        .search(
            [
                "|",
                ("mail_message_id", "in", person_messages.ids),
                ("recipient_ids", "in", partners.ids),
            ]
        )
    )
    queued.attachment_ids.filtered(
        lambda attachment: attachment.res_model in ("mail.message", "mail.mail")
    ).unlink()
    # Odoo leaves the files of a sent e-mail behind, linked to nothing (an
    # event ticket "... - <name>.html"): only their name tells whose.
    if values:
        env.flush_all()
        env.cr.execute(
            SQL(
                """SELECT id FROM ir_attachment
                    WHERE res_model IN ('mail.message', 'mail.mail')
                      AND COALESCE(res_id, 0) = 0
                      AND name ~* %s""",
                pattern(values),
            )
        )
        env["ir.attachment"].sudo().browse(
            [row[0] for row in env.cr.fetchall()]
        ).unlink()
    authored.write(
        {
            "body": Markup("<p>%s</p>") % env._("Erased on request"),
            "subject": False,
            "email_from": False,
        }
    )
    scrubbed = [
        section_.records.exists()
        for section_ in sections
        if not section_.delete and not section_.kept
    ] + mail_records(sections, person_messages.exists())
    for records in scrubbed:
        scrub(records, values)
    restore_kept(env, kept)
    left = [records for records in scrubbed if remaining(records, values)]
    if left:
        raise UserError(
            env._(
                "The erasure was undone: personal data would remain in %(where)s.",
                where=", ".join(
                    env["ir.model"]._get(records._name).name for records in left
                ),
            )
        )
    return [(section_, len(section_.records)) for section_ in sections]


def write_behind_orm(record, values):
    """Write stored values of one record in SQL: no recompute, no tracking."""
    record.env.cr.execute(
        SQL(
            "UPDATE %s SET %s WHERE id = %s",
            SQL.identifier(record._table),
            SQL(", ").join(
                SQL("%s = %s", SQL.identifier(name), value)
                for name, value in values.items()
            ),
            record.id,
        )
    )
    record.invalidate_recordset(list(values))


def restore_kept(env, kept):
    """Records the law keeps (invoices) keep their texts as issued, even those
    the ORM recomputes from the anonymised customer (the buyer's name)."""
    env.flush_all()
    for record, texts in kept:
        changed = {
            name: value
            for name, value in texts.items()
            if record.exists() and record[name] != value
        }
        if changed:
            write_behind_orm(record, changed)
