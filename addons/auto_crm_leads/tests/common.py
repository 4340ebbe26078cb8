import importlib.util
import shutil

from odoo.tests import HttpCase, new_test_user

from odoo.addons.base.tests.common import BaseCommon


class AutoCrmCommon(BaseCommon):
    """Two consultants of one dealership, their customers, and a catalogue."""

    # Valid VINs (ISO 3779 check digit at position 9) and resident IDs
    VIN_A = "LFV2A21K5H3000001"
    VIN_B = "LVGBE40K9LG000123"
    RIC = "11010519491231002X"
    USCC = "91110108551385082Q"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.consultant_a = new_test_user(
            cls.env,
            login="consultant_a",
            groups="auto_crm_leads.group_auto_sales_consultant",
            name="Consultant A",
        )
        cls.consultant_b = new_test_user(
            cls.env,
            login="consultant_b",
            groups="auto_crm_leads.group_auto_sales_consultant",
            name="Consultant B",
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="sales_manager",
            groups="auto_crm_leads.group_auto_sales_manager",
            name="Sales Manager",
        )
        cls.data_officer = new_test_user(
            cls.env,
            login="data_officer",
            groups="auto_crm_leads.group_auto_data_officer",
            name="Data Officer",
        )
        cls.call_agent = new_test_user(
            cls.env,
            login="call_agent",
            groups="auto_crm_leads.group_auto_call_agent",
            name="Call Agent",
        )
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Volkswagen"})
        cls.other_brand = cls.env["fleet.vehicle.model.brand"].create({"name": "BYD"})
        cls.car_model = cls.env["fleet.vehicle.model"].create(
            {"name": "Magotan", "brand_id": cls.brand.id, "vehicle_type": "car"}
        )
        cls.other_model = cls.env["fleet.vehicle.model"].create(
            {"name": "Han", "brand_id": cls.other_brand.id, "vehicle_type": "car"}
        )
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "Wang Fang", "user_id": cls.consultant_a.id}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Zhao Qiang", "user_id": cls.consultant_b.id}
        )

    @classmethod
    def _create_vehicle(cls, **vals):
        return cls.env["fleet.vehicle"].create(
            {"model_id": cls.car_model.id, "owner_id": cls.customer_a.id, **vals}
        )


class AutoTourCase(HttpCase):
    """Browser journeys (tours) in headless Chromium."""

    def setUp(self):
        super().setUp()
        # Odoo skips a tour it cannot run; a journey nobody ran is a failure.
        if not (importlib.util.find_spec("websocket") and shutil.which("chromium")):
            self.fail("Tours need Debian's chromium and websocket-client.")
