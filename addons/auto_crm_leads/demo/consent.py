"""Demo consents of the generated customers: what owners sign at delivery.

Most agree to service reminders and satisfaction surveys by phone and SMS,
fewer to marketing (new cars, telemarketing calls, club events), some were
never asked, and a few withdrew their telemarketing consent later: every
contact path of the demo has customers it reaches and customers it skips."""

import random
from datetime import datetime, time, timedelta

from odoo import fields

SEED = 2026
# Purpose (XML id in auto_crm_leads) -> (share of owners, channels).
MIX = {
    "privacy_activity_service_reminders": (0.85, ("phone", "sms")),
    "privacy_activity_satisfaction_surveys": (0.8, ("phone", "sms")),
    "privacy_activity_new_car_marketing": (0.4, ("sms", "wechat")),
    "privacy_activity_telemarketing": (0.3, ("phone",)),
    "privacy_activity_club_events": (0.35, ("sms", "wechat", "email")),
}
WITHDRAWN = 0.15  # of the telemarketing consents, later withdrawn


def generate(env):
    """Called by the demo XML through ``ir.module.module._auto_demo_generate``."""
    rng = random.Random(SEED)
    today = fields.Date.context_today(env["res.partner"])
    scripted = env["ir.model.data"].search(
        [("module", "=", "auto_crm_leads"), ("model", "=", "res.partner")]
    )
    owners = (
        env["fleet.vehicle"]
        .search([("owner_id", "!=", False)])
        .owner_id.filtered(lambda p: p.id not in set(scripted.mapped("res_id")))
        .sorted("id")
    )
    channels = {
        channel.code: channel for channel in env["auto.contact.channel"].search([])
    }
    signer = env.ref("auto_crm_leads.user_consultant1_demo")
    vals_list = []
    for owner in owners:
        signed = datetime.combine(
            today - timedelta(days=rng.randrange(30, 700)), time(2 + rng.randrange(8))
        )
        for xmlid, (share, codes) in MIX.items():
            if rng.random() >= share:
                continue
            purpose = env.ref(f"auto_crm_leads.{xmlid}")
            for code in codes:
                vals = {
                    "partner_id": owner.id,
                    "activity_id": purpose.id,
                    "channel_id": channels[code].id,
                    "source": "showroom",
                    "user_id": (owner.user_id or signer).id,
                }
                vals_list.append({**vals, "decision": "given", "date": signed})
                if (
                    xmlid == "privacy_activity_telemarketing"
                    and rng.random() < WITHDRAWN
                ):
                    vals_list.append(
                        {
                            **vals,
                            "decision": "withdrawn",
                            "source": "phone",
                            "date": signed + timedelta(days=rng.randrange(5, 25)),
                        }
                    )
    env["auto.consent.event"].create(vals_list)
