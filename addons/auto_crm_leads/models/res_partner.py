from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import privacy
from ..tools.consent import ConsentFilter
from ..tools.contact import format_phone, mask_email, parse_phone, phone_key
from ..tools.identity import (
    birth_date,
    identity_error,
    mask_identity,
    normalize_identity,
)

OFFICER_GROUP = "auto_crm_leads.group_auto_data_officer"


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "auto.system.fields.mixin", "auto.contact.mask.mixin"]

    # Customer profile (客户画像)
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    birthday = fields.Date()
    occupation = fields.Char()
    usage_scenario = fields.Selection(
        [
            ("family", "Family commute"),
            ("business", "Business travel"),
            ("offroad", "Off-road leisure"),
            ("other", "Other"),
        ],
        help="How the customer mainly uses the car.",
    )

    # Identity: the number itself is readable by data officers only; everybody
    # else sees and types through the masked field.
    id_type = fields.Selection(
        [
            ("cn_ric", "Resident ID Card"),
            ("cn_uscc", "Unified Social Credit Code"),
            ("other", "Other Document"),
        ],
        string="Identity Document",
        compute="_compute_id_type",
        store=True,
        readonly=False,
        precompute=True,
    )
    id_number = fields.Char(
        string="Identity Number",
        groups=OFFICER_GROUP,
        copy=False,
        index="btree_not_null",
    )
    id_number_masked = fields.Char(
        string="Identity Number (masked)",
        compute="_compute_id_number_masked",
        inverse="_inverse_id_number_masked",
        compute_sudo=True,
        help="Only data officers see the full number. Type a new number here to "
        "replace it.",
    )

    # Vehicles (车辆档案)
    vehicle_ids = fields.One2many("fleet.vehicle", "owner_id", string="Vehicles")
    vehicle_count = fields.Integer(compute="_compute_vehicle_count")

    # Caller identification (来电识别): the numbers in E.164, without
    # extension, indexed: a call is matched by an index lookup.
    auto_phone_key = fields.Char(
        string="Phone (Caller Key)",
        compute="_compute_auto_phone_keys",
        store=True,
        index="btree_not_null",
    )
    auto_mobile_key = fields.Char(
        string="Mobile (Caller Key)",
        compute="_compute_auto_phone_keys",
        store=True,
        index="btree_not_null",
    )

    # Consents (个人信息同意): OCA's privacy_consent_ids, the current one per
    # purpose and channel
    auto_consent_given_count = fields.Integer(
        string="Consents Given", compute="_compute_auto_consent_given_count"
    )

    # Erasure on request (个人信息删除): the record stays, anonymised, for the
    # histories that must add up (service, points, consents, invoices).
    auto_erased_date = fields.Datetime(
        string="Personal Data Erased On", readonly=True, copy=False
    )

    def _auto_system_fields(self):
        # The caller keys follow the numbers: a key typed by hand would put a
        # caller on somebody else's record.
        return super()._auto_system_fields() | {
            "auto_phone_key",
            "auto_mobile_key",
            "auto_erased_date",
        }

    def _auto_contact_fields(self):
        return {
            **super()._auto_contact_fields(),
            "phone": "phone",
            "mobile": "phone",
            "phone_sanitized": "phone",
            "auto_phone_key": "phone",
            "auto_mobile_key": "phone",
            "email": "email",
            "email_formatted": "email",
            "email_normalized": "email",
        }

    def _auto_contact_masked_records(self):
        """Customers: not the staff, not the companies of the group, not the
        reader themselves."""
        companies = (
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.ids)])
            .partner_id
        )
        return self.filtered(
            lambda partner: (
                partner.partner_share
                and partner not in companies
                and partner != self.env.user.partner_id
            )
        )

    @api.depends_context(
        "show_address",
        "partner_show_db_id",
        "address_inline",
        "show_email",
        "show_vat",
        "lang",
    )
    def _compute_display_name(self):
        super()._compute_display_name()
        if self.env.context.get("show_email") and self._auto_contact_masking():
            for partner in self._auto_contact_masked_records().filtered("email"):
                partner.display_name = partner.display_name.replace(
                    partner.email, mask_email(partner.email)
                )

    @api.depends("phone", "mobile")
    def _compute_auto_phone_keys(self):
        for partner in self:
            partner.auto_phone_key = partner._auto_phone_key(partner.phone)
            partner.auto_mobile_key = partner._auto_phone_key(partner.mobile)

    def _auto_phone_key(self, number):
        parsed = self._auto_parse_phone(number, valid_only=False)
        return parsed and phone_key(parsed)

    def _auto_parse_phone(self, number, vals=None, valid_only=True):
        """``number`` as dialled from China: a number without its country code
        is the partner's country's, else Chinese (a caller's is Chinese)."""
        country = self.env["res.country"].browse((vals or {}).get("country_id"))
        country = country or self[:1].country_id
        for region in dict.fromkeys([country.code or "CN", "CN"]):
            parsed = parse_phone(number, region, valid_only=valid_only)
            if parsed:
                return parsed
        return None

    def _compute_privacy_consent_count(self):
        # The customer's form is read by roles without the consents too.
        if self.env["privacy.consent"].has_access("read"):
            return super()._compute_privacy_consent_count()
        self.privacy_consent_count = 0

    def _compute_auto_consent_given_count(self):
        if not self.env["privacy.consent"].has_access("read"):
            self.auto_consent_given_count = 0
            return
        counts = dict(
            self.env["privacy.consent"]._read_group(
                [("partner_id", "in", self.ids), ("auto_status", "=", "given")],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.auto_consent_given_count = counts.get(partner._origin, 0)

    @api.depends("is_company")
    def _compute_id_type(self):
        for partner in self:
            if not partner.id_type or partner.id_type in ("cn_ric", "cn_uscc"):
                partner.id_type = "cn_uscc" if partner.is_company else "cn_ric"

    @api.depends("id_number")
    def _compute_id_number_masked(self):
        for partner in self:
            partner.id_number_masked = mask_identity(partner.id_number)

    def _inverse_id_number_masked(self):
        for partner in self:
            value = partner.id_number_masked
            # An unchanged masked value comes back with its stars: keep the number.
            if value and "*" in value:
                continue
            partner.sudo().id_number = value

    def _compute_vehicle_count(self):
        counts = dict(
            self.env["fleet.vehicle"]._read_group(
                [("owner_id", "in", self.ids)], ["owner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.vehicle_count = counts.get(partner._origin, 0)

    @api.constrains("id_type", "id_number")
    def _check_id_number(self):
        messages = {
            "length": self.env._("it must have 18 characters"),
            "format": self.env._("it contains characters that are not allowed"),
            "checksum": self.env._("the check digit does not match"),
            "component": self.env._("the region or birth date part is not valid"),
            "future": self.env._("its birth date is in the future"),
        }
        today = fields.Date.context_today(self)
        for partner in self.sudo():
            error = identity_error(partner.id_type, partner.id_number or "")
            born = birth_date(partner.id_type, partner.id_number or "")
            if born and born > today:
                error = "future"
            if partner.id_number and error:
                raise ValidationError(
                    self.env._(
                        "The %(document)s of %(partner)s is not valid: %(reason)s.",
                        document=dict(
                            partner._fields["id_type"]._description_selection(self.env)
                        )[partner.id_type],
                        partner=partner.display_name,
                        reason=messages[error],
                    )
                )

    @api.constrains("birthday")
    def _check_birthday(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.birthday and partner.birthday > today:
                raise ValidationError(
                    self.env._(
                        "The birthday of %(partner)s (%(date)s) is in the future.",
                        partner=partner.display_name,
                        date=partner.birthday,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_identity_vals(vals)
            self._normalize_phone_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        vals = dict(vals)
        self._normalize_identity_vals(vals)
        if {"phone", "mobile"} & set(vals) and len(self) > 1:
            # Each partner's country reads its numbers.
            for partner in self:
                super(ResPartner, partner).write(
                    partner._normalize_phone_vals(dict(vals))
                )
            return True
        return super().write(self._normalize_phone_vals(vals))

    @api.model
    def _normalize_identity_vals(self, vals):
        if vals.get("id_number"):
            vals["id_number"] = normalize_identity(vals["id_number"])

    def _normalize_phone_vals(self, vals):
        """Phones in E.164, from the partner's country (else the company's);
        what cannot be a phone number (letters, missing digits) is refused
        before it reaches a call list."""
        self._auto_drop_masked_values(vals)
        for name in ("phone", "mobile"):
            if not vals.get(name):
                continue
            parsed = self._auto_parse_phone(vals[name], vals)
            if not parsed:
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid phone number: type it with its "
                        "area code, e.g. 138 0013 8000 or 010-6552 9988.",
                        number=vals[name],
                    )
                )
            vals[name] = format_phone(parsed)
        return vals

    @api.model
    def _auto_find_by_phone(self, number):
        """Customers whose phone or mobile is the caller's number, however it
        is written (+86 / 0086, with or without the trunk 0, an extension):
        two index lookups on the E.164 keys."""
        parsed = self._auto_parse_phone(number, valid_only=False)
        if not parsed:
            return self.browse()
        key = phone_key(parsed)
        return self.search(
            ["|", ("auto_phone_key", "=", key), ("auto_mobile_key", "=", key)]
        )

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        if "id_number" in fnames and not self.env.su:
            revealed = [vals["id"] for vals in result if vals.get("id_number")]
            self.browse(revealed)._auto_log_access(["id_number"], "read")
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        if ["id_number"] in fields and not self.env.su:
            self.filtered("id_number")._auto_log_access(["id_number"], "export")
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    def _auto_log_access(self, fnames, method):
        """Who read whose identity number or phone in full, and how
        (个人信息访问记录); the log is the system's."""
        if self:
            labels = ", ".join(
                self._fields[name]._description_string(self.env) for name in fnames
            )
            self.env["auto.personal.data.access"].sudo().create(
                [
                    {
                        "user_id": self.env.uid,
                        "partner_id": partner.id,
                        "revealed_fields": labels,
                        "method": method,
                    }
                    for partner in self
                ]
            )

    def action_auto_reveal_personal_data(self):
        """The data officer reveals a customer's identity number and phones in
        full, once, logged."""
        self.ensure_one()
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(
                self.env._("Only data officers reveal identity numbers in full.")
            )
        self.check_access("read")
        partner = self.sudo()
        shown = [name for name in ("id_number", "mobile", "phone") if partner[name]]
        self._auto_log_access(shown, "reveal")
        lines = [
            f"{self._fields[name]._description_string(self.env)}: {partner[name]}"
            for name in shown
        ]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("%s (access logged)", self.display_name),
                "message": "\n".join(lines)
                or self.env._("No identity number or phone recorded."),
                "sticky": True,
                "type": "warning",
            },
        }

    def action_auto_record_consent(self):
        """Record the customer's consents: purposes x channels in a few clicks."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_crm_leads.auto_consent_wizard_action"
        )
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_auto_view_consents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "auto_crm_leads.privacy_consent_action_auto"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _auto_consent_form_purposes(self):
        """What the printed consent form lists: every purpose of the register
        (those needing consent first) and the channels they use."""
        activities = (
            self.env["privacy.activity"]
            .search([])
            .sorted(lambda a: (a.auto_legal_basis != "consent", a.id))
        )
        return {
            "activities": activities,
            "channels": activities.auto_channel_ids.sorted(),
        }

    def _auto_consent_filter(self, purpose, channel):
        """THE consent check of every contact path: which of these customers
        may be contacted for ``purpose`` (a ``privacy.activity`` or its XML
        id) on ``channel`` (an ``auto.contact.channel`` or its code).

        A purpose whose legal basis is consent (marketing, surveys, sharing)
        needs the customer's explicit consent on that channel, and marketing
        an address not on Odoo's opt-out list; other purposes (recalls,
        contract messages) go out unless the customer objected. A customer
        without an address on the channel is skipped too. Three queries
        whatever the number of customers. Returns a ``ConsentFilter``:
        ``allowed``, ``skipped`` (reason -> customers), ``summary()``,
        ``message()``, ``action_view_skipped()``."""
        purpose = self.env["privacy.activity"]._auto_get(purpose).sudo()
        if isinstance(channel, str):
            channel = (
                self.env["auto.contact.channel"]
                .sudo()
                .search([("code", "=", channel)], limit=1)
            )
        channel = channel.sudo()
        channel.ensure_one()
        partners = self.sudo()
        address_fields = channel._auto_address_fields()
        partners.fetch(list(address_fields))
        reasons = {}
        if channel not in purpose.auto_channel_ids:
            reasons = dict.fromkeys(partners.ids, "channel")
            return ConsentFilter(self, purpose, channel, reasons)
        rows = (
            self.env["privacy.consent"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", partners.ids),
                    ("activity_id", "=", purpose.id),
                    ("auto_channel_id", "=", channel.id),
                ],
                ["partner_id", "auto_status"],
            )
        )
        status = {row.partner_id.id: row.auto_status for row in rows}
        opted_out = (
            partners._auto_opted_out(channel.blacklist)
            if purpose.auto_is_marketing
            else set()
        )
        for partner in partners:
            given = status.get(partner.id)
            if purpose.auto_legal_basis == "consent":
                if partner.id in opted_out:
                    reasons[partner.id] = "opted_out"
                elif given == "withdrawn":
                    reasons[partner.id] = "withdrawn"
                elif given != "given":
                    reasons[partner.id] = "not_asked"
            elif given == "withdrawn":
                reasons[partner.id] = "objected"
            if (
                partner.id not in reasons
                and address_fields
                and not any(partner[name] for name in address_fields)
            ):
                reasons[partner.id] = "no_address"
        return ConsentFilter(self, purpose, channel, reasons)

    def _auto_opted_out(self, blacklist):
        """Ids of the partners whose address is on Odoo's opt-out list
        (``mail`` or ``phone``): one query."""
        if blacklist == "mail":
            emails = {p.email_normalized for p in self if p.email_normalized}
            listed = set(
                self.env["mail.blacklist"]
                .sudo()
                .search_fetch([("email", "in", list(emails))], ["email"])
                .mapped("email")
            )
            return {p.id for p in self if p.email_normalized in listed}
        if blacklist == "phone":
            numbers = self._auto_phone_numbers()
            listed = set(
                self.env["phone.blacklist"]
                .sudo()
                .search_fetch([("number", "in", list(numbers))], ["number"])
                .mapped("number")
            )
            return {p.id for p in self if set(p._auto_phone_numbers()) & listed}
        return set()

    def _auto_phone_numbers(self):
        return [
            number
            for partner in self
            for number in (partner.auto_mobile_key, partner.auto_phone_key)
            if number
        ]

    def _auto_sync_blacklists(self):
        """Keep Odoo's opt-out lists in step with the marketing consents: per
        customer and list (e-mail: the e-mail channel; phone: SMS and phone
        calls), an address with a marketing consent given on one of its
        channels is taken off the list; one whose every marketing consent on
        those channels is withdrawn is put on it. A customer never asked is
        left as they are."""
        partners = self.sudo()
        consents = (
            self.env["privacy.consent"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", partners.ids),
                    ("auto_is_marketing", "=", True),
                    ("auto_status", "in", ("given", "withdrawn")),
                    ("auto_channel_id.blacklist", "!=", False),
                ],
                ["partner_id", "auto_channel_id", "auto_status"],
            )
        )
        state = {}
        for consent in consents:
            key = (consent.partner_id, consent.auto_channel_id.blacklist)
            if consent.auto_status == "given" or key not in state:
                state[key] = consent.auto_status
        ctx = {"auto_consent_from_blacklist": True}
        mail = self.env["mail.blacklist"].sudo().with_context(**ctx)
        phone = self.env["phone.blacklist"].sudo().with_context(**ctx)
        for (partner, blacklist), status in state.items():
            if blacklist == "mail" and partner.email_normalized:
                method = mail._remove if status == "given" else mail._add
                method(partner.email_normalized)
            elif blacklist == "phone" and partner._auto_phone_numbers():
                method = phone._remove if status == "given" else phone._add
                method(partner._auto_phone_numbers())

    def _auto_withdraw_marketing(self, blacklist):
        """An address was put on Odoo's opt-out list (``mail`` or ``phone``):
        its marketing consents on that list's channels are withdrawn."""
        consents = (
            self.env["privacy.consent"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("auto_is_marketing", "=", True),
                    ("auto_status", "=", "given"),
                    ("auto_channel_id.blacklist", "=", blacklist),
                ]
            )
        )
        consents.with_context(
            auto_consent_from_blacklist=True, auto_consent_source="blacklist"
        ).action_auto_withdraw()

    # Rights of the person: export and erasure (tools/privacy.py)

    def _auto_personal_data(self):
        """What the suite holds about these customers and their contacts: one
        ``PersonalData`` per kind of record, as the system; each addon adds
        its own. Export lists them, erasure treats each as it says."""
        partners = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.ids)])
        )
        env = partners.env
        ids = partners.ids
        emails = [email for email in partners.mapped("email_normalized") if email]
        PersonalData = privacy.PersonalData
        return [
            PersonalData(
                "profile",
                env._("Profile and identity"),
                partners,
                wipe={
                    # In the customer's language, as their staff read it.
                    "name": lambda partner: partner.with_context(
                        lang=partner.lang or partner.env.lang
                    ).env._("Erased customer %(id)s", id=partner.id),
                    **dict.fromkeys(
                        [
                            "email",
                            "phone",
                            "mobile",
                            "street",
                            "street2",
                            "zip",
                            "city",
                            "state_id",
                            "vat",
                            "company_registry",
                            "website",
                            "function",
                            "title",
                            "comment",
                            "ref",
                            "id_number",
                            "birthday",
                            "gender",
                            "occupation",
                            "usage_scenario",
                            "image_1920",
                        ],
                        False,
                    ),
                    "category_id": [Command.clear()],
                    "active": False,
                },
                identifying=(
                    "name",
                    "email",
                    "phone",
                    "mobile",
                    "street",
                    "street2",
                    "vat",
                    "company_registry",
                    "website",
                    "id_number",
                ),
                history=True,
                prospect=True,
            ),
            PersonalData(
                "bank_accounts",
                env._("Bank accounts"),
                env["res.partner.bank"]
                .with_context(active_test=False)
                .search([("partner_id", "in", ids)]),
                # Odoo archives a bank account rather than deleting it.
                wipe={
                    "acc_number": lambda bank: f"erased-{bank.id}",
                    "acc_holder_name": False,
                    "active": False,
                },
                identifying=("acc_number", "acc_holder_name"),
                export_fields=["acc_number", "acc_holder_name", "bank_id"],
            ),
            PersonalData(
                "portal_users",
                env._("Portal access"),
                env["res.users"].search(
                    [("partner_id", "in", ids), ("share", "=", True)]
                ),
                wipe={
                    "login": lambda user: f"erased-{user.id}",
                    "active": False,
                },
                identifying=("login",),
                export_fields=["login", "login_date", "active"],
            ),
            PersonalData(
                "vehicles",
                env._("Vehicles"),
                env["fleet.vehicle"].search(
                    [
                        "|",
                        "|",
                        ("owner_id", "in", ids),
                        ("driver_id", "in", ids),
                        ("future_driver_id", "in", ids),
                    ]
                ),
                # The person leaves the vehicle; its VIN keeps its history.
                wipe=dict.fromkeys(["owner_id", "driver_id", "future_driver_id"]),
            ),
            env["crm.lead"]
            .with_context(active_test=False)
            .search(
                ["|", ("partner_id", "in", ids), ("email_normalized", "in", emails)]
            )
            ._auto_personal_data_section(),
            PersonalData(
                "meetings",
                env._("Meetings"),
                env["calendar.event"].search([("partner_ids", "in", ids)]),
                wipe={
                    "partner_ids": lambda event: [
                        Command.unlink(partner_id) for partner_id in ids
                    ],
                },
                export_fields=["name", "start", "stop", "location", "user_id"],
                prospect=True,
            ),
            PersonalData(
                "consents",
                env._("Consents"),
                env["privacy.consent"].search([("partner_id", "in", ids)]),
                wipe={"last_metadata": False},
                history=True,
                prospect=True,
            ),
            PersonalData(
                "consent_history",
                env._("Consent history"),
                env["auto.consent.event"].search([("partner_id", "in", ids)]),
                wipe={"note": False, "metadata": False},
                history=True,
                prospect=True,
            ),
            PersonalData(
                "telemarketing_calls",
                env._("Telemarketing calls"),
                env["auto.telemarketing.call"].search([("partner_id", "in", ids)]),
                wipe={"note": False},
                prospect=True,
            ),
            PersonalData(
                "data_access",
                env._("Access to the personal data"),
                env["auto.personal.data.access"].search([("partner_id", "in", ids)]),
                history=True,
                prospect=True,
            ),
            PersonalData(
                "requests",
                env._("Requests about the personal data"),
                env["auto.privacy.request"].search([("partner_id", "in", ids)]),
                history=True,
            ),
            privacy.documents(
                "attachments",
                env._("Documents"),
                [
                    partners,
                    env["auto.privacy.request"].search([("partner_id", "in", ids)]),
                ],
                prospect=True,
            ),
            PersonalData(
                "followers",
                env._("Followed records"),
                env["mail.followers"].search([("partner_id", "in", ids)]),
                delete=True,
                export_fields=["res_model", "res_id"],
                prospect=True,
            ),
            # An erased person has no address left to contact: keeping theirs
            # on an opt-out list would keep what they asked to erase.
            PersonalData(
                "opt_out_email",
                env._("E-mail opt-out list"),
                env["mail.blacklist"].search([("email", "in", emails)]),
                delete=True,
                export_fields=["email", "active", "create_date"],
                prospect=True,
            ),
            PersonalData(
                "opt_out_phone",
                env._("Phone opt-out list"),
                env["phone.blacklist"].search(
                    [("number", "in", partners._auto_phone_numbers())]
                ),
                delete=True,
                export_fields=["number", "active", "create_date"],
                prospect=True,
            ),
        ]

    def _auto_personal_data_export(self):
        """One customer's personal data across the suite, as plain values:
        ``{"customer", "sections": [{"key", "label", "model", "records"}]}``,
        what the JSON file holds and the PDF prints."""
        self.ensure_one()
        sections = self._auto_personal_data()
        sections.append(
            privacy.PersonalData(
                "messages",
                self.env._("Messages"),
                privacy.messages(sections),
                export_fields=[
                    "date",
                    "message_type",
                    "model",
                    "record_name",
                    "author_id",
                    "subject",
                    "body",
                ],
            )
        )
        return {
            "customer": self.sudo().display_name,
            "customer_id": self.id,
            "exported_on": fields.Datetime.to_string(fields.Datetime.now()),
            "sections": [
                {
                    "key": section.key,
                    "label": section.label,
                    "model": section.records._name,
                    "fields": labels,
                    "rows": rows,
                }
                for section in sections
                for labels, rows in [privacy.export_rows(section)]
            ],
        }

    def _auto_erase_personal_data(self):
        """Erase the personal data of these customers, all of it or nothing:
        returns ``(section, count)`` pairs for the request's outcome. Raises
        a UserError, having changed nothing once the caller rolls back, when
        a value survives."""
        if self.filtered(lambda partner: not partner.partner_share):
            raise UserError(
                self.env._(
                    "Staff and the companies of the group are not erased "
                    "through a customer's request."
                )
            )
        sections = self._auto_personal_data()
        return privacy.erase(self.env, sections)

    def _auto_erase_prospects(self):
        """Erase those of these customers who are only prospects: all their
        leads anonymised, no consent given, nothing else at the dealership
        (retention: a lost lead takes its prospect with it)."""
        candidates = self.sudo().filtered(
            lambda partner: partner.partner_share and not partner.auto_erased_date
        )
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "in", candidates.ids),
                    ("auto_anonymised_date", "=", False),
                ]
            )
        )
        given = (
            self.env["privacy.consent"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", candidates.ids),
                    ("auto_status", "=", "given"),
                ]
            )
        )
        for partner in candidates - leads.partner_id - given.partner_id:
            sections = partner._auto_personal_data()
            if all(section.prospect or not section.records for section in sections):
                privacy.erase(self.env, sections)

    def unlink(self):
        blocking = [
            section.label
            for section in self._auto_personal_data()
            if section.history and section.key != "profile" and section.records
        ]
        if blocking:
            raise UserError(
                self.env._(
                    "%(customers)s cannot be deleted: their %(records)s must be "
                    "kept. Erase their personal data with a request under Data "
                    "Protection > Requests instead.",
                    customers=", ".join(self.mapped("display_name")),
                    records=", ".join(blocking),
                )
            )
        return super().unlink()

    def _auto_action_of_customer(self, xmlid, field):
        """The action ``xmlid`` on this customer's records (by ``field``), a
        new one made for them."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(field, "=", self.id)]
        action["context"] = {f"default_{field}": self.id}
        return action

    def action_auto_view_privacy_requests(self):
        """The customer's requests about their data, to record a new one."""
        return self._auto_action_of_customer(
            "auto_crm_leads.auto_privacy_request_action", "partner_id"
        )

    def action_view_vehicles(self):
        return self._auto_action_of_customer(
            "auto_crm_leads.fleet_vehicle_action_customer", "owner_id"
        )
