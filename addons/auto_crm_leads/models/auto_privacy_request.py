import base64
import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class AutoPrivacyRequest(models.Model):
    """A customer's request to exercise their rights on their personal data
    (个人信息权利请求, PIPL art. 45 and 47): a copy of the data, or its
    erasure. Recorded with its due date and outcome for the auditor; handled
    by the data officer."""

    _name = "auto.privacy.request"
    _inherit = ["mail.thread", "mail.activity.mixin", "auto.system.fields.mixin"]
    _description = "Personal Data Request"
    _order = "date_received desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("partner_share", "=", True)],
    )
    request_type = fields.Selection(
        [("export", "Copy of the personal data"), ("erasure", "Erasure")],
        string="Request",
        required=True,
        tracking=True,
    )
    source = fields.Selection(
        [
            ("showroom", "In the showroom"),
            ("phone", "Phone call"),
            ("email", "E-mail or letter"),
            ("portal", "Web / portal"),
        ],
        required=True,
        default="showroom",
    )
    identity_checked = fields.Boolean(
        string="Identity Checked",
        tracking=True,
        help="The requester showed they are the customer (identity card, the "
        "registered mobile).",
    )
    date_received = fields.Date(
        string="Received On", required=True, default=fields.Date.context_today
    )
    date_due = fields.Date(
        string="Due On",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    state = fields.Selection(
        [("open", "To Do"), ("done", "Done"), ("refused", "Refused")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    date_done = fields.Datetime(string="Answered On", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Data Officer",
        default=lambda self: self.env.user,
        tracking=True,
    )
    outcome = fields.Text(
        readonly=True,
        help="What was done: the records exported or erased, and what the law keeps.",
    )
    refusal_reason = fields.Text(
        help="Why the request is refused (identity not shown, a duty of law)."
    )
    export_json_id = fields.Many2one(
        "ir.attachment", string="Data File (JSON)", readonly=True, ondelete="set null"
    )
    export_pdf_id = fields.Many2one(
        "ir.attachment",
        string="Readable Copy (PDF)",
        readonly=True,
        ondelete="set null",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    def _auto_system_fields(self):
        return super()._auto_system_fields() | {
            "state",
            "date_done",
            "outcome",
            "export_json_id",
            "export_pdf_id",
        }

    @api.depends("date_received", "company_id")
    def _compute_date_due(self):
        for request in self:
            request.date_due = request.date_received and request.date_received + (
                timedelta(days=request.company_id.auto_privacy_request_days)
            )

    @api.depends("state", "date_due")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = (
                request.state == "open"
                and request.date_due
                and request.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        overdue = [
            ("state", "=", "open"),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        return overdue if (operator == "=") == value else ["!", *overdue]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "auto.privacy.request"
                )
        requests = super().create(vals_list)
        for request in requests:
            officer = request.user_id or self.env.user
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=request.date_due,
                # In the officer's language, whoever records the request.
                summary=self.with_context(lang=officer.lang).env._(
                    "Answer the personal data request"
                ),
                user_id=officer.id,
            )
        return requests

    def _auto_check_open(self):
        for request in self:
            if request.state != "open":
                raise UserError(
                    self.env._("%(request)s is already answered.", request=request.name)
                )
            if not request.identity_checked:
                raise UserError(
                    self.env._(
                        "Check the requester's identity before answering %(request)s.",
                        request=request.name,
                    )
                )

    def _auto_close(self, outcome):
        self.activity_ids.sudo().action_feedback(feedback=outcome)
        self.sudo().write(
            {"state": "done", "date_done": fields.Datetime.now(), "outcome": outcome}
        )

    def action_export(self):
        """Produce the customer's data: a JSON file and a readable PDF,
        attached to the request for the data officer to hand over."""
        self._auto_check_open()
        for request in self:
            if request.request_type != "export":
                raise UserError(
                    self.env._("%(request)s asks for erasure.", request=request.name)
                )
            # The copy is the customer's: in their language.
            request = request.with_context(
                lang=request.partner_id.lang or self.env.lang
            )
            data = request.partner_id._auto_personal_data_export()
            payload = json.dumps(data, ensure_ascii=False, indent=2, default=str)
            attachments = self.env["ir.attachment"].sudo()
            json_file = attachments.create(
                {
                    "name": f"{request.name.replace('/', '-')}.json",
                    "raw": payload.encode(),
                    "mimetype": "application/json",
                    "res_model": self._name,
                    "res_id": request.id,
                }
            )
            pdf, _format = (
                request.env["ir.actions.report"]
                .sudo()
                ._render_qweb_pdf(
                    "auto_crm_leads.action_report_auto_personal_data",
                    request.ids,
                    data={"export": data},
                )
            )
            pdf_file = attachments.create(
                {
                    "name": f"{request.name.replace('/', '-')}.pdf",
                    "datas": base64.b64encode(pdf),
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": request.id,
                }
            )
            request.sudo().write(
                {"export_json_id": json_file.id, "export_pdf_id": pdf_file.id}
            )
            count = sum(len(section["rows"]) for section in data["sections"])
            request._auto_close(
                self.env._(
                    "Exported %(count)s records in %(sections)s sections.",
                    count=count,
                    sections=len([s for s in data["sections"] if s["rows"]]),
                )
            )
        return True

    def action_erase(self):
        """Erase the customer's personal data, all of it or nothing. A failure
        is recorded on the request, which stays to do."""
        self._auto_check_open()
        for request in self:
            if request.request_type != "erasure":
                raise UserError(
                    self.env._(
                        "%(request)s asks for a copy of the data.",
                        request=request.name,
                    )
                )
            try:
                with self.env.cr.savepoint():
                    counts = request.partner_id.sudo()._auto_erase_personal_data()
            except UserError as error:
                # Nothing of the erasure is left; the failure is recorded.
                self.env.invalidate_all()
                message = self.env._(
                    "Erasure failed, nothing was changed: %(error)s",
                    error=error.args[0],
                )
                request.message_post(body=message)
                return {
                    "type": "ir.actions.client",
                    "tag": "display_notification",
                    "params": {"type": "danger", "sticky": True, "message": message},
                }
            request._auto_close(request._auto_erasure_outcome(counts))
        return True

    def _auto_erasure_outcome(self, counts):
        lines = [self.env._("Personal data erased.")]
        for section, count in counts:
            if not count:
                continue
            if section.kept:
                lines.append(
                    self.env._(
                        "%(section)s: %(count)s kept, %(reason)s",
                        section=section.label,
                        count=count,
                        reason=section.kept,
                    )
                )
            elif section.history and not section.wipe:
                lines.append(
                    self.env._(
                        "%(section)s: %(count)s kept, of the anonymised customer",
                        section=section.label,
                        count=count,
                    )
                )
            elif section.delete:
                lines.append(
                    self.env._(
                        "%(section)s: %(count)s deleted",
                        section=section.label,
                        count=count,
                    )
                )
            else:
                lines.append(
                    self.env._(
                        "%(section)s: %(count)s anonymised",
                        section=section.label,
                        count=count,
                    )
                )
        return "\n".join(lines)

    def action_refuse(self):
        for request in self:
            if request.state != "open":
                raise UserError(
                    self.env._("%(request)s is already answered.", request=request.name)
                )
            if not request.refusal_reason:
                raise UserError(
                    self.env._(
                        "Say why %(request)s is refused: the customer is told.",
                        request=request.name,
                    )
                )
            request.activity_ids.sudo().action_feedback(feedback=request.refusal_reason)
            request.sudo().write(
                {
                    "state": "refused",
                    "date_done": fields.Datetime.now(),
                    "outcome": request.refusal_reason,
                }
            )
        return True

    def _auto_export_report_data(self):
        """The export a PDF prints: the one just produced, else a fresh one."""
        self.ensure_one()
        return self.partner_id._auto_personal_data_export()
