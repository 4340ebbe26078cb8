import re

from odoo.tests import tagged

from .common import AutoAftersalesCommon

# Latin words left in a Chinese label: an untranslated term (codes such as
# "ID", "SLA" or "HT00001" and example domains aside).
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
DOMAIN_NAME = re.compile(r"[\w-]+\.(?:com|cn)\b")


def _untranslated(labels):
    return sorted(
        label
        for label in labels
        if label and ENGLISH_WORD.search(DOMAIN_NAME.sub("", label))
    )


@tagged("post_install", "-at_install")
class TestCallCentre(AutoAftersalesCommon):
    """The call centre's day in the suite's After-sales screens: complaints
    taken in Chinese, the station proposed from the vehicle, dispatching
    moves the ticket on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_mgmt", "event", "auto_aftersales"], ["zh_CN"], overwrite=True
        )
        cls.call_agent.lang = "zh_CN"
        cls.other_station = cls.env["stock.warehouse"].create(
            {
                "name": "Haidian Service Station",
                "code": "HDS",
                "auto_is_service_station": True,
            }
        )

    def _complaint(self, **vals):
        return (
            self.env["helpdesk.ticket"]
            .with_user(self.call_agent)
            .create(
                {
                    "name": "Noise after the service",
                    "description": "<p>Knocking from the front axle.</p>",
                    "auto_request_type": "complaint",
                    "partner_id": self.customer_a.id,
                    "auto_vehicle_id": self.vehicle.id,
                    "user_id": self.call_agent.id,
                    **vals,
                }
            )
        )

    # Chinese screens ----------------------------------------------------------

    def test_agent_sees_helpdesk_in_chinese(self):
        agent_env = self.env(user=self.call_agent, context={"lang": "zh_CN"})
        stages = self.env["helpdesk.ticket.stage"].search(
            [("id", "in", self._helpdesk_ids("helpdesk.ticket.stage"))]
        )
        names = stages.with_env(agent_env).mapped("name")
        self.assertIn("进行中", names)
        self.assertIn("已完成", names)
        self.assertFalse(_untranslated(names), "every stage name is Chinese")

        menus = agent_env["ir.ui.menu"].load_menus(debug=False)
        # The Helpdesk app itself is the helpdesk managers' (ir_ui_menu.py):
        # its menus are Chinese for whoever opens it.
        helpdesk_menus = set(
            self.env["ir.ui.menu"]
            .with_context(lang="zh_CN")
            .browse(self._helpdesk_ids("ir.ui.menu"))
            .mapped("name")
        )
        self.assertIn("服务台", helpdesk_menus)
        self.assertIn("我的服务请求", helpdesk_menus)
        self.assertFalse(_untranslated(helpdesk_menus))
        for xmlid in (
            "auto_aftersales.menu_auto_aftersales_root",
            "auto_aftersales.helpdesk_ticket_menu_service",
            "auto_aftersales.helpdesk_ticket_menu_complaint",
        ):
            self.assertIn(
                self.env.ref(xmlid).id,
                menus,
                "complaints are worked in the suite's After-sales app",
            )

        # The labels of helpdesk_mgmt's ticket fields, as the form shows them.
        own = self.env["ir.model.fields"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("id", "in", self._helpdesk_ids("ir.model.fields")),
            ]
        )
        labels = agent_env["helpdesk.ticket"].fields_get(own.mapped("name"), ["string"])
        self.assertEqual(labels["stage_id"]["string"], "阶段")
        self.assertEqual(labels["user_id"]["string"], "处理人")
        self.assertEqual(labels["number"]["string"], "服务请求编号")
        self.assertFalse(
            _untranslated(label["string"] for label in labels.values()),
            "every helpdesk field label is Chinese",
        )

        # The dashboard and the ticket screens: no English term left of
        # helpdesk_mgmt's views (their own arch, as loaded in zh_CN).
        views = self.env["ir.ui.view"].search(
            [
                ("id", "in", self._helpdesk_ids("ir.ui.view")),
                ("type", "!=", "qweb"),
            ]
        )
        self.assertIn(self.env.ref("helpdesk_mgmt.helpdesk_ticket_kanban_view"), views)
        for view in views:
            # helpdesk_mgmt's own part of each screen (our inherited views
            # carry our terms).
            arch = view.with_context(lang="zh_CN").arch_db
            strings = re.findall(
                r'(?<![\w-])(?:string|placeholder|title|help)="([^"]*)"', arch
            )
            strings += [
                text.strip()
                for text in re.findall(r">([^<>{}]+)<", arch)
                if text.strip()
            ]
            self.assertFalse(_untranslated(strings), view.xml_id)
        actions = self.env["ir.actions.act_window"].search(
            [("id", "in", self._helpdesk_ids("ir.actions.act_window"))]
        )
        self.assertFalse(
            _untranslated(actions.with_context(lang="zh_CN").mapped("name"))
        )

    def test_helpdesk_dashboard_in_chinese(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "Call Centre"})
        self.env["helpdesk.ticket"].create(
            {"name": "No team yet", "description": "<p>?</p>"}
        )
        sections = (
            team.with_user(self.call_agent)
            .with_context(lang="zh_CN")
            .retrieve_dashboard()
        )
        names = {section["action"]: section["name"] for section in sections}
        self.assertEqual(
            names["helpdesk_mgmt.helpdesk_ticket_action_opened"], "未关闭的服务请求"
        )
        self.assertEqual(
            names["helpdesk_mgmt.helpdesk_ticket_action_unassigned"],
            "无团队的未关闭服务请求",
        )

    def _helpdesk_ids(self, model):
        return (
            self.env["ir.model.data"]
            .search([("module", "=", "helpdesk_mgmt"), ("model", "=", model)])
            .mapped("res_id")
        )

    def test_corrections_survive_a_reload_of_the_corrected_module(self):
        """-u event --i18n-overwrite reloads event's terms alone: the suite's
        correction (门票, not 工单) is loaded over them again."""
        self.env["ir.module.module"]._load_module_terms(
            ["event"], ["zh_CN"], overwrite=True
        )
        Registration = self.env["event.registration"].with_context(lang="zh_CN")
        labels = Registration.fields_get(["event_ticket_id", "state"])
        self.assertEqual(labels["event_ticket_id"]["string"], "门票类型")
        self.assertEqual(dict(labels["state"]["selection"])["done"], "已签到")
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        self.assertEqual(stage.with_context(lang="zh_CN").name, "进行中")

    # Station proposed from the vehicle ---------------------------------------

    def test_station_proposed_from_the_vehicles_last_work_order(self):
        self._work_order(picking_type_id=self.station.repair_type_id.id)
        self._work_order(picking_type_id=self.other_station.repair_type_id.id)
        Ticket = self.env["helpdesk.ticket"].with_user(self.call_agent)
        # On the form: choosing the vehicle proposes its station.
        draft = Ticket.new({"auto_request_type": "complaint"})
        draft.auto_vehicle_id = self.vehicle
        self.assertEqual(
            draft.auto_station_id, self.other_station, "the last work order's"
        )
        # Created from the caller's number, the vehicle and its station follow.
        ticket = Ticket.create(
            {
                "name": "Noise after the service",
                "description": "<p>Knocking.</p>",
                "auto_request_type": "complaint",
                "auto_caller_phone": "13800138765",
            }
        )
        self.assertEqual(ticket.auto_vehicle_id, self.vehicle)
        self.assertEqual(ticket.auto_station_id, self.other_station)
        # The agent may choose another one; it stays.
        ticket.auto_station_id = self.station
        self.assertEqual(ticket.auto_station_id, self.station)
        # A station given at creation is kept.
        chosen = self._complaint(auto_station_id=self.station.id)
        self.assertEqual(chosen.auto_station_id, self.station)

    def test_no_station_proposed_without_history(self):
        ticket = self._complaint()
        self.assertFalse(ticket.auto_station_id)
        ticket.auto_station_id = self.station
        self.assertEqual(ticket.auto_station_id, self.station)

    # Dispatching moves the ticket on -------------------------------------------

    def test_dispatch_moves_the_stage(self):
        new = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        in_progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        ticket = self._complaint(auto_station_id=self.station.id)
        self.assertEqual(ticket.stage_id, new)
        self.assertEqual(ticket.auto_sla_id.dispatch_stage_id, in_progress)
        ticket.action_auto_first_contact()
        ticket.action_auto_dispatch()
        self.assertEqual(ticket.stage_id, in_progress)
        self.assertEqual(ticket.write_uid, self.call_agent)

    def test_dispatch_stage_is_the_managers_choice(self):
        awaiting = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        ticket = self._complaint(auto_station_id=self.station.id)
        sla = ticket.auto_sla_id.with_user(self.aftersales_manager)
        sla.dispatch_stage_id = awaiting
        ticket.action_auto_dispatch()
        self.assertEqual(ticket.stage_id, awaiting)
        # A ticket already further on is not moved back.
        later = self._complaint(auto_station_id=self.station.id)
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        later.stage_id = done
        later.action_auto_dispatch()
        self.assertEqual(later.stage_id, done)
        # Without a stage on dispatch the stage stays.
        sla.dispatch_stage_id = False
        kept = self._complaint(auto_station_id=self.station.id)
        kept.action_auto_dispatch()
        self.assertEqual(
            kept.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        )
