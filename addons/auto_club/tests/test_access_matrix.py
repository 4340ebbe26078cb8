"""Who may read, write, create and delete each kind of customer record: the
access matrix of DOMAIN.md §7, checked on the demo dealer group as each role
works in it (its users, both stores, its customers of several consultants).

Every model of the suite that holds a customer (a relation to a contact, or
to a record that has one) is in MATRIX, or in NOT_CUSTOMER_DATA with the
reason: a new model without its rules makes the test fail until it is added.

A cell is "<scope> <rights>": the records the role reads, then r, w, c, u for
read, write, create and delete (a dash where refused):
- own: its own customers' and the unassigned pool's, nobody else's;
- club: those of the clubs it manages (and of no club);
- all: every customer's, of its own stores only;
- nothing: none, though it may open the kind of record;
- none: no access at all.
"""

from odoo.tests import TransactionCase, new_test_user, tagged

SUITE = ("auto_crm_leads", "auto_aftersales", "auto_loyalty", "auto_club")
ROLES = {
    "consultant": "auto_crm_leads.user_consultant1_demo",
    "sales manager": "auto_crm_leads.user_sales_manager_demo",
    "crm manager": "auto_crm_leads.group_auto_crm_manager",
    "data officer": "auto_crm_leads.user_data_officer_demo",
    "call agent": "auto_crm_leads.user_call_agent_demo",
    "dispatcher": "auto_crm_leads.group_auto_oem_dispatcher",
    "advisor": "auto_aftersales.user_service_advisor_demo",
    "after-sales manager": "auto_aftersales.group_auto_aftersales_manager",
    "parts clerk": "auto_aftersales.user_parts_clerk_demo",
    "technician": "auto_aftersales.user_technician_senior_demo",
    "membership admin": "auto_loyalty.group_auto_loyalty_manager",
    "club manager": "auto_club.user_club_manager_demo",
}
# Roles without a demo user get one, in both stores; the dispatcher works for
# the manufacturer, a company of its own.
STORES = ("base.main_company", "auto_crm_leads.company_hangzhou_demo")
OEM_ROLES = ("dispatcher",)

# model: (path to the consultant who follows the customer, path to the club,
#         path to the company), "" where the model has none.
PATHS = {
    "res.partner": ("user_id", "auto_club_member_ids.club_id", "company_id"),
    "fleet.vehicle": ("user_id", "owner_id.auto_club_member_ids.club_id", "company_id"),
    "fleet.vehicle.odometer": ("vehicle_id.user_id", "", "vehicle_id.company_id"),
    "crm.lead": ("user_id", "", "company_id"),
    "auto.telemarketing.call": ("agent_id", "", "company_id"),
    "repair.order": ("partner_id.user_id", "", "company_id"),
    "helpdesk.ticket": ("partner_id.user_id", "", "company_id"),
    "auto.service.reminder.log": ("partner_id.user_id", "", "company_id"),
    "auto.loyalty.card": (
        "user_id",
        "partner_id.auto_club_member_ids.club_id",
        "company_id",
    ),
    "auto.loyalty.move": ("user_id", "", "company_id"),
    "auto.loyalty.tier.history": ("card_id.user_id", "", "card_id.company_id"),
    "auto.loyalty.wash": ("card_id.user_id", "", "company_id"),
    "auto.loyalty.winback": ("partner_id.user_id", "", ""),
    "auto.club.member": ("user_id", "club_id", "company_id"),
    "auto.club.invitation": ("user_id", "club_id", "event_id.company_id"),
    "event.registration": ("partner_id.user_id", "auto_club_id", "company_id"),
    "privacy.consent": ("partner_id.user_id", "", "company_id"),
    "auto.consent.event": ("partner_id.user_id", "", "company_id"),
    "auto.personal.data.access": ("partner_id.user_id", "", "company_id"),
    "auto.privacy.request": ("partner_id.user_id", "", "company_id"),
}

# fmt: off
MATRIX = {
    "auto.club.invitation": {
        "consultant": "none ----", "sales manager": "none ----",
        "crm manager": "none ----", "data officer": "all r---",
        "call agent": "none ----", "dispatcher": "none ----",
        "advisor": "none ----", "after-sales manager": "none ----",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "all rwcu", "club manager": "club rwcu",
    },
    "auto.club.member": {
        "consultant": "own r---", "sales manager": "all r---",
        "crm manager": "all r---", "data officer": "all r---",
        "call agent": "all r---", "dispatcher": "none ----",
        "advisor": "all r---", "after-sales manager": "all r---",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "all rwcu", "club manager": "club rwcu",
    },
    "auto.loyalty.card": {
        "consultant": "own r-c-", "sales manager": "all r-c-",
        "crm manager": "all r-c-", "data officer": "all r---",
        "call agent": "all r-c-", "dispatcher": "none ----",
        "advisor": "all r-c-", "after-sales manager": "all r-c-",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "all rwcu", "club manager": "club r---",
    },
    "auto.loyalty.move": {
        "consultant": "own r---", "sales manager": "all r---",
        "crm manager": "all r---", "data officer": "all r---",
        "call agent": "all r---", "dispatcher": "none ----",
        "advisor": "all r---", "after-sales manager": "all r---",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "all r-c-", "club manager": "none ----",
    },
    "auto.loyalty.tier.history": {
        "consultant": "own r---", "sales manager": "all r---",
        "crm manager": "all r---", "data officer": "all r---",
        "call agent": "all r---", "dispatcher": "none ----",
        "advisor": "all r---", "after-sales manager": "all r---",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "all r---", "club manager": "none ----",
    },
    "auto.loyalty.wash": {
        "consultant": "own r---", "sales manager": "all r---",
        "crm manager": "all r---", "data officer": "all r---",
        "call agent": "all r---", "dispatcher": "none ----",
        "advisor": "all r-c-", "after-sales manager": "all r-c-",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "all r-cu", "club manager": "none ----",
    },
    "auto.loyalty.winback": {
        "consultant": "own r---", "sales manager": "all r---",
        "crm manager": "all r---", "data officer": "all r---",
        "call agent": "all r---", "dispatcher": "none ----",
        "advisor": "all r---", "after-sales manager": "all r---",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "all rw--", "club manager": "none ----",
    },
    "auto.service.reminder.log": {
        "consultant": "none ----", "sales manager": "none ----",
        "crm manager": "none ----", "data officer": "all r---",
        "call agent": "none ----", "dispatcher": "none ----",
        "advisor": "all r---", "after-sales manager": "all r---",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "none ----", "club manager": "none ----",
    },
    "auto.telemarketing.call": {
        "consultant": "none ----", "sales manager": "all rwcu",
        "crm manager": "all rwcu", "data officer": "all r---",
        "call agent": "own rw--", "dispatcher": "none ----",
        "advisor": "none ----", "after-sales manager": "none ----",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "none ----", "club manager": "none ----",
    },
    "crm.lead": {
        "consultant": "own rwc-", "sales manager": "all rwc-",
        "crm manager": "all rwcu", "data officer": "all r---",
        "call agent": "none ----", "dispatcher": "nothing rwc-",
        "advisor": "own rwc-", "after-sales manager": "own rwc-",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "none ----", "club manager": "none ----",
    },
    "event.registration": {
        "consultant": "own rwc-", "sales manager": "all rwc-",
        "crm manager": "all rwc-", "data officer": "all r---",
        "call agent": "none ----", "dispatcher": "nothing rwc-",
        "advisor": "all rwc-", "after-sales manager": "all rwc-",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "all rwcu", "club manager": "club rwc-",
    },
    "fleet.vehicle": {
        "consultant": "own rwc-", "sales manager": "all rwcu",
        "crm manager": "all rwcu", "data officer": "all r---",
        "call agent": "all r---", "dispatcher": "none ----",
        "advisor": "all rwc-", "after-sales manager": "all rwc-",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "all r---", "club manager": "club r---",
    },
    "fleet.vehicle.odometer": {
        "consultant": "own rwc-", "sales manager": "all rwc-",
        "crm manager": "all rwc-", "data officer": "all r---",
        "call agent": "all r---", "dispatcher": "none ----",
        "advisor": "all rwc-", "after-sales manager": "all rwc-",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "none ----", "club manager": "none ----",
    },
    "helpdesk.ticket": {
        "consultant": "nothing r---", "sales manager": "nothing r---",
        "crm manager": "nothing r---", "data officer": "all r---",
        "call agent": "all rwc-", "dispatcher": "nothing r---",
        "advisor": "all rwc-", "after-sales manager": "all rwcu",
        "parts clerk": "nothing r---", "technician": "nothing r---",
        "membership admin": "nothing r---", "club manager": "nothing r---",
    },
    "repair.order": {
        "consultant": "none ----", "sales manager": "none ----",
        "crm manager": "none ----", "data officer": "all r---",
        "call agent": "all r---", "dispatcher": "none ----",
        "advisor": "all rwcu", "after-sales manager": "all rwcu",
        "parts clerk": "all rwcu", "technician": "none ----",
        "membership admin": "none ----", "club manager": "none ----",
    },
    "privacy.consent": {
        "consultant": "own r---", "sales manager": "all r---",
        "crm manager": "all r---", "data officer": "all r---",
        "call agent": "all r---", "dispatcher": "none ----",
        "advisor": "all r---", "after-sales manager": "all r---",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "none ----", "club manager": "none ----",
    },
    "auto.consent.event": {
        "consultant": "own r-c-", "sales manager": "all r-c-",
        "crm manager": "all r-c-", "data officer": "all r-c-",
        "call agent": "all r-c-", "dispatcher": "none ----",
        "advisor": "all r-c-", "after-sales manager": "all r-c-",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "none ----", "club manager": "none ----",
    },
    "auto.personal.data.access": {
        "consultant": "none ----", "sales manager": "none ----",
        "crm manager": "none ----", "data officer": "all r---",
        "call agent": "none ----", "dispatcher": "none ----",
        "advisor": "none ----", "after-sales manager": "none ----",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "none ----", "club manager": "none ----",
    },
    "auto.privacy.request": {
        "consultant": "none ----", "sales manager": "none ----",
        "crm manager": "none ----", "data officer": "all rwc-",
        "call agent": "none ----", "dispatcher": "none ----",
        "advisor": "none ----", "after-sales manager": "none ----",
        "parts clerk": "none ----", "technician": "none ----",
        "membership admin": "none ----", "club manager": "none ----",
    },
    "res.partner": {
        "consultant": "own rwc-", "sales manager": "all rwc-",
        "crm manager": "all rwc-", "data officer": "all rwc-",
        "call agent": "all rwc-", "dispatcher": "nothing rwc-",
        "advisor": "all rwc-", "after-sales manager": "all rwc-",
        "parts clerk": "all r---", "technician": "all r---",
        "membership admin": "all r---", "club manager": "all r---",
    },
}
# fmt: on

NOT_CUSTOMER_DATA = {
    "res.company": "the dealer's own stores",
    "res.users": "the staff",
    "stock.warehouse": "a station's address",
    "event.event": "an event's organiser and venue",
    "auto.club.offer": "a partner merchant's offer",
    "auto.lead.dispatch": "follow-up figures only, read through the dealer's lead",
    "account.move": "invoices: accounting's own rights, no role of the suite",
    "stock.move": "parts lines of stock operations: stock's own rights",
    "stock.picking": "parts deliveries and receipts of stations: stock's own rights",
    "stock.quant": "parts on hand at a station: stock's own rights",
    "sale.order.line": "quotation lines of work orders: sales' own rights",
    "mail.activity": "follows the rights on its document",
    "mail.followers": "follows the rights on its document",
    "mail.message": "follows the rights on its document",
    "privacy.activity": "the register of purposes: its controller is the dealer",
}
# What a relation to them means: the record holds a customer.
CUSTOMER_MODELS = (
    "res.partner",
    "fleet.vehicle",
    "crm.lead",
    "repair.order",
    "helpdesk.ticket",
    "auto.loyalty.card",
    "event.registration",
    "auto.club.member",
)


def suite_customer_models(env):
    """The stored models the suite defines or extends that hold a customer."""
    found = set()
    for ir_model in env["ir.model"].search([]):
        modules = set((ir_model.modules or "").replace(" ", "").split(","))
        Model = env.get(ir_model.model)
        if Model is None or not modules & set(SUITE) or Model._transient:
            continue
        if Model._abstract or not Model._auto:
            continue
        if ir_model.model in CUSTOMER_MODELS or any(
            field.type == "many2one"
            and field.comodel_name in CUSTOMER_MODELS
            and name not in ("create_uid", "write_uid")
            for name, field in Model._fields.items()
        ):
            found.add(ir_model.model)
    return found


def values(records, path):
    """The records (or False) ``path`` leads to from each record."""
    if not path:
        return [False] * len(records)
    return [record.mapped(path) for record in records]


def read_scope(env, model, user):
    """How much of ``model`` ``user`` reads, as a MATRIX scope."""
    Model = env[model].with_user(user).with_context(active_test=False)
    if not Model.has_access("read"):
        return "none"
    visible = env[model].browse(Model.search([]).ids).with_context(active_test=False)
    if model == "res.partner":  # colleagues are no customers
        visible = visible.filtered("partner_share")
    if not visible:
        return "nothing"
    owner_path, club_path, company_path = PATHS[model]
    stores = set(user.company_ids.ids)
    for companies in values(visible, company_path):
        assert not companies or set(companies.ids) <= stores, (
            f"{user.login} reads {model} of another store: {companies.mapped('name')}"
        )
    owners = values(visible, owner_path)
    if all(not owner or owner == user for owner in owners):
        return "own"
    if club_path and all(
        not clubs or user in clubs.manager_ids for clubs in values(visible, club_path)
    ):
        return "club"
    return "all"


def rights(env, model, user):
    Model = env[model].with_user(user)
    return "".join(
        letter if Model.has_access(operation) else "-"
        for letter, operation in (
            ("r", "read"),
            ("w", "write"),
            ("c", "create"),
            ("u", "unlink"),
        )
    )


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        stores = cls.env["res.company"].browse(
            [cls.env.ref(xmlid).id for xmlid in STORES]
        )
        oem = cls.env["res.company"].create({"name": "FAW-Volkswagen Sales"})
        cls.users = {}
        for role, xmlid in ROLES.items():
            record = cls.env.ref(xmlid)
            if record._name == "res.groups":
                companies = oem if role in OEM_ROLES else stores
                record = new_test_user(
                    cls.env,
                    login=f"matrix_{role.replace(' ', '_')}",
                    groups=xmlid,
                    company_id=companies[0].id,
                    company_ids=companies.ids,
                )
            cls.users[role] = record
        # The demo has one call-centre agent: give a colleague a call, so that
        # "own" calls tell something.
        calls = cls.env["auto.telemarketing.call"].search([])
        calls[:1].agent_id = cls.users["sales manager"]

    def _matrix(self):
        return {
            model: {
                role: f"{read_scope(self.env, model, user)} "
                f"{rights(self.env, model, user)}"
                for role, user in self.users.items()
            }
            for model in sorted(PATHS)
        }

    def test_every_customer_model_is_in_the_matrix(self):
        customer_models = suite_customer_models(self.env)
        self.assertEqual(
            sorted(customer_models - set(NOT_CUSTOMER_DATA)),
            sorted(PATHS),
            "a model holding customers needs its rules and a row in MATRIX",
        )
        self.assertEqual(sorted(MATRIX), sorted(PATHS))

    def test_each_role_reads_and_changes_what_domain_says(self):
        actual = self._matrix()
        differences = [
            f"{model} / {role}: expected {MATRIX.get(model, {}).get(role)!r}, "
            f"is {cell!r}"
            for model, cells in actual.items()
            for role, cell in cells.items()
            if MATRIX.get(model, {}).get(role) != cell
        ]
        self.assertFalse(differences, "\n" + "\n".join(differences))

    def test_scopes_are_not_empty_by_accident(self):
        """The demo has records of several consultants and both stores for
        every model, so that "all" and "own" tell something."""
        for model in PATHS:
            owner_path = PATHS[model][0]
            records = self.env[model].with_context(active_test=False).search([])
            owners = {owner.id for owner in values(records, owner_path) if owner}
            with self.subTest(model=model):
                self.assertGreater(len(owners), 1, f"{model}: one consultant only")
        # A consultant's own customers are there to read.
        consultant = self.users["consultant"]
        Partner = self.env["res.partner"].with_user(consultant)
        self.assertTrue(Partner.search([("user_id", "=", consultant.id)]))
