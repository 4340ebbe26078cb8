from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import ValidationError

from ..models.res_config_settings import loyalty_param
from .auto_loyalty_redeem_wizard import check_points_desk


class AutoLoyaltyTransferWizard(models.TransientModel):
    """Give points to another member, e.g. in the household (积分转赠)."""

    _name = "auto.loyalty.transfer.wizard"
    _description = "Transfer Points"

    card_id = fields.Many2one(
        "auto.loyalty.card", string="From Card", required=True, readonly=True
    )
    balance = fields.Integer(related="card_id.points_balance", string="Balance")
    partner_id = fields.Many2one("res.partner", string="To Member", required=True)
    points = fields.Integer(required=True)
    note = fields.Char()

    def action_confirm(self):
        self.ensure_one()
        check_points_desk(self.env, self.card_id)
        target = self.partner_id.sudo().auto_loyalty_card_id
        if self.points <= 0:
            raise ValidationError(self.env._("Transfer a positive number of points."))
        if self.partner_id == self.card_id.partner_id:
            raise ValidationError(
                self.env._("A member cannot transfer points to themselves.")
            )
        if not target or target.state != "active":
            raise ValidationError(
                self.env._(
                    "%(name)s has no active membership card: points go to "
                    "members only.",
                    name=self.partner_id.display_name,
                )
            )
        max_points = loyalty_param(self.env, "transfer_max_points")
        if self.points > max_points:
            raise ValidationError(
                self.env._("A transfer is limited to %(max)s points.", max=max_points)
            )
        Move = self.env["auto.loyalty.move"].sudo()
        year_ago = fields.Datetime.now() - relativedelta(years=1)
        sent = -sum(
            Move.search(
                [
                    ("card_id", "=", self.card_id.id),
                    ("move_type", "=", "transfer_out"),
                    ("date", ">", year_ago),
                ]
            ).mapped("points")
        )
        max_year = loyalty_param(self.env, "transfer_max_year")
        if sent + self.points > max_year:
            raise ValidationError(
                self.env._(
                    "This member has transferred %(sent)s points in the last 12 "
                    "months; the limit is %(max)s.",
                    sent=sent,
                    max=max_year,
                )
            )
        note = f" ({self.note})" if self.note else ""
        Move.create(
            [
                {
                    "card_id": self.card_id.id,
                    "move_type": "transfer_out",
                    "points": -self.points,
                    "counterpart_card_id": target.id,
                    "source_ref": f"auto.loyalty.card,{target.id}",
                    "description": self.card_id.partner_id._auto_lang_env()._(
                        "Transfer to %(name)s", name=target.partner_id.display_name
                    )
                    + note,
                },
                {
                    "card_id": target.id,
                    "move_type": "transfer_in",
                    "points": self.points,
                    "counterpart_card_id": self.card_id.id,
                    "source_ref": f"auto.loyalty.card,{self.card_id.id}",
                    "description": target.partner_id._auto_lang_env()._(
                        "Transfer from %(name)s",
                        name=self.card_id.partner_id.display_name,
                    )
                    + note,
                },
            ]
        )
