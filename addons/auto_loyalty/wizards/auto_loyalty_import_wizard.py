import base64
import csv
import io

from odoo import api, fields, models
from odoo.exceptions import UserError

COLUMNS = ("customer", "points", "expiry_date", "reference")


class AutoLoyaltyImportWizard(models.TransientModel):
    """Import legacy points balances (积分导入) from a CSV file: a dry run lists
    every bad row first, and the import writes all rows or none."""

    _name = "auto.loyalty.import.wizard"
    _description = "Import Points Balances"

    file = fields.Binary(string="CSV File", required=True)
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "Upload"), ("checked", "Checked")], default="draft", required=True
    )
    line_ids = fields.One2many(
        "auto.loyalty.import.line", "wizard_id", string="Rows", readonly=True
    )
    good_count = fields.Integer(compute="_compute_counts", string="Good Rows")
    bad_count = fields.Integer(compute="_compute_counts", string="Bad Rows")
    total_points = fields.Integer(compute="_compute_counts")

    @api.depends("line_ids.error", "line_ids.points")
    def _compute_counts(self):
        for wizard in self:
            good = wizard.line_ids.filtered(lambda line: not line.error)
            wizard.good_count = len(good)
            wizard.bad_count = len(wizard.line_ids) - len(good)
            wizard.total_points = sum(good.mapped("points"))

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_check(self):
        """Dry run: read every row and say what is wrong with it."""
        self.ensure_one()
        self.line_ids.unlink()
        self.env["auto.loyalty.import.line"].create(
            [dict(row, wizard_id=self.id) for row in self._parse()]
        )
        self.state = "checked"
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        if self.state != "checked":
            self.action_check()
        if self.bad_count or not self.line_ids:
            raise UserError(
                self.env._(
                    "%(count)s rows are wrong and nothing was imported: correct the "
                    "file and check it again.",
                    count=self.bad_count,
                )
                if self.bad_count
                else self.env._("The file has no rows to import.")
            )
        lines = self.line_ids
        missing = lines.partner_id.filtered(
            lambda partner: not partner.auto_loyalty_card_ids
        )
        self.env["auto.loyalty.card"].create(
            [{"partner_id": partner.id} for partner in missing]
        )
        moves = self.env["auto.loyalty.move"].create(
            [
                {
                    "card_id": line.partner_id.auto_loyalty_card_ids[:1].id,
                    "move_type": "import",
                    "points": line.points,
                    "expiry_date": line.expiry_date,
                    "description": self._move_description(line),
                }
                for line in lines
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "auto.loyalty.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
            "name": self.env._("Imported Points"),
        }

    def _move_description(self, line):
        description = line.partner_id._auto_lang_env()._(
            "Imported from %(file)s", file=self.filename or "CSV"
        )
        return f"{description} ({line.reference})" if line.reference else description

    def _parse(self):
        try:
            text = base64.b64decode(self.file).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(self.env._("The file is not UTF-8 text.")) from None
        reader = csv.DictReader(io.StringIO(text))
        header = [name.strip() for name in reader.fieldnames or []]
        if not {"customer", "points"} <= set(header):
            raise UserError(
                self.env._(
                    "The first line must name the columns: %(columns)s "
                    "(expiry_date and reference are optional).",
                    columns=", ".join(COLUMNS),
                )
            )
        seen = set()
        rows = []
        for number, raw in enumerate(reader, start=2):
            row = {
                key.strip(): (value or "").strip() for key, value in raw.items() if key
            }
            values = {
                "row": number,
                "customer": row.get("customer", ""),
                "reference": row.get("reference", ""),
            }
            values.update(self._check_row(row, seen))
            rows.append(values)
        return rows

    def _check_row(self, row, seen):
        """The row's partner, points and expiry, or its error."""
        today = fields.Date.context_today(self)
        customer = row.get("customer", "")
        partners = (
            self.env["auto.loyalty.card"].search([("name", "=", customer)]).partner_id
        )
        if not partners:
            partners = self.env["res.partner"]._auto_find_by_phone(customer)
        try:
            points = int(row.get("points", ""))
        except ValueError:
            return {"error": self.env._("Points must be a whole number.")}
        expiry = row.get("expiry_date") or False
        if expiry:
            try:
                expiry = fields.Date.to_date(expiry)
            except ValueError:
                return {"error": self.env._("Expiry date must read YYYY-MM-DD.")}
        if not partners:
            return {"error": self.env._("No customer has this card number or phone.")}
        if len(partners) > 1:
            return {"error": self.env._("Several customers have this phone.")}
        if partners in seen:
            return {"error": self.env._("This customer is already in the file.")}
        seen.add(partners)
        card = partners.auto_loyalty_card_ids[:1]
        if card and card.state != "active":
            return {"error": self.env._("This customer's card is not active.")}
        if points <= 0:
            return {"error": self.env._("Points must be positive.")}
        if expiry and expiry <= today:
            return {"error": self.env._("These points have already expired.")}
        return {"partner_id": partners.id, "points": points, "expiry_date": expiry}
