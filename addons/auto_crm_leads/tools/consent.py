"""The answer of the consent check (``res.partner._auto_consent_filter``):
who may be contacted for a purpose on a channel, who is skipped and why,
with the summary a contact path shows ("38 customers skipped: no consent
for SMS (New-car marketing)") and the list of those skipped."""

# Why a customer is skipped, in the order a contact path reports them.
REASONS = (
    "channel",
    "opted_out",
    "not_asked",
    "withdrawn",
    "objected",
    "no_address",
)
# The same reasons as a selection, for the records a scheduler marks as
# not contacted (a reminder's log, a win-back episode).
SKIP_REASONS = [
    ("channel", "Purpose does not use the channel"),
    ("opted_out", "On the opt-out list"),
    ("not_asked", "No consent"),
    ("withdrawn", "Consent withdrawn"),
    ("objected", "Objected"),
    ("no_address", "No address on the channel"),
]


def skip_message(env, reason, count, purpose, channel):
    """ "38 customers skipped: no consent for SMS (New-car marketing)"."""
    values = {
        "count": count,
        "purpose": purpose.display_name,
        "channel": channel.display_name,
    }
    messages = {
        "channel": env._(
            "%(count)s customers skipped: %(purpose)s does not use %(channel)s",
            **values,
        ),
        "opted_out": env._(
            "%(count)s customers skipped: on the opt-out list for %(channel)s",
            **values,
        ),
        "not_asked": env._(
            "%(count)s customers skipped: no consent for %(channel)s (%(purpose)s)",
            **values,
        ),
        "withdrawn": env._(
            "%(count)s customers skipped: consent for %(channel)s "
            "(%(purpose)s) withdrawn",
            **values,
        ),
        "objected": env._(
            "%(count)s customers skipped: objected to %(purpose)s by %(channel)s",
            **values,
        ),
        "no_address": env._(
            "%(count)s customers skipped: no address for %(channel)s",
            **values,
        ),
    }
    return messages[reason]


class ConsentFilter:
    def __init__(self, partners, purpose, channel, reasons):
        """``reasons``: partner id -> reason, for the skipped ones."""
        self.purpose = purpose
        self.channel = channel
        self.reasons = reasons
        self.allowed = partners.filtered(lambda p: p.id not in reasons)
        self.skipped = {
            reason: partners.filtered(lambda p, r=reason: reasons.get(p.id) == r)
            for reason in REASONS
            if reason in reasons.values()
        }

    @property
    def skipped_partners(self):
        return self.allowed.browse(list(self.reasons))

    def _message(self, reason, count):
        return skip_message(self.allowed.env, reason, count, self.purpose, self.channel)

    def summary(self):
        """One line per reason: reason, count, partner ids, message."""
        return [
            {
                "reason": reason,
                "count": len(partners),
                "partner_ids": partners.ids,
                "message": self._message(reason, len(partners)),
            }
            for reason, partners in self.skipped.items()
        ]

    def message(self):
        """Every reason on one line each, '' when nobody is skipped."""
        return "\n".join(line["message"] for line in self.summary())

    def skipped_count_message(self):
        """What a contact path shows of those it skips: how many, and why
        (``message()``), e.g. ``(38, "38 customers skipped: ...")``."""
        return len(self.reasons), self.message()

    def action_view_skipped(self, reason=None):
        """The list of the customers skipped (for ``reason`` or all)."""
        partners = self.skipped.get(reason) if reason else self.skipped_partners
        partners = partners or self.allowed.browse()
        env = self.allowed.env
        return {
            "type": "ir.actions.act_window",
            "name": self._message(reason, len(partners))
            if reason
            else env._("Customers skipped"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", partners.ids)],
            "context": {"create": False},
        }
