from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AutoCrmCommon


@tagged("post_install", "-at_install")
class TestVehicleIdentification(AutoCrmCommon):
    def test_vin_is_normalised_and_stored(self):
        vehicle = self._create_vehicle(vin_sn=" lfv2a21k5h 3000001 ")
        self.assertEqual(vehicle.vin_sn, self.VIN_A)
        vehicle.vin_sn = self.VIN_B.lower()
        self.assertEqual(vehicle.vin_sn, self.VIN_B)

    def test_invalid_vins_are_refused(self):
        cases = {
            "LFV2A21K5H300001": "17 characters",  # 16 characters
            "LFV2A21K5H30000011": "17 characters",  # 18 characters
            "LFV2A21K5H300000I": "except I, O and Q",
            "LFV2A21KOH3000001": "except I, O and Q",
            "LFV2A21K6H3000001": "check digit",  # position 9 off by one
        }
        for vin, reason in cases.items():
            with (
                self.subTest(vin=vin),
                self.assertRaisesRegex(ValidationError, reason),
                self.cr.savepoint(),
            ):
                self._create_vehicle(vin_sn=vin)
        self.assertFalse(
            self.env["fleet.vehicle"].search([("vin_sn", "in", list(cases))]),
            "no vehicle with an invalid VIN may be saved",
        )

    def test_check_digit_x(self):
        vehicle = self._create_vehicle(vin_sn="1M8GDM9AXKP042788")
        self.assertEqual(vehicle.vin_sn[8], "X")

    def test_invalid_vin_on_write_keeps_the_old_value(self):
        vehicle = self._create_vehicle(vin_sn=self.VIN_A)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            vehicle.write({"vin_sn": "LFV2A21K6H3000001", "color": "黑色"})
        vehicle.invalidate_recordset()
        self.assertEqual(vehicle.vin_sn, self.VIN_A)
        self.assertNotEqual(vehicle.color, "黑色", "a refused write writes nothing")

    @mute_logger("odoo.sql_db")
    def test_vin_unique_per_company(self):
        self._create_vehicle(vin_sn=self.VIN_A)
        with self.assertRaises(UniqueViolation) as caught, self.cr.savepoint():
            self._create_vehicle(vin_sn=self.VIN_A.lower())
        # What the user sees: the RPC layer turns the violation into this error.
        error = _as_validation_error(self.env, caught.exception)
        self.assertIn("already registered in this company", error.args[0])
        other_company = self.env["res.company"].create({"name": "Tianjin Store"})
        vehicle = self._create_vehicle(vin_sn=self.VIN_A, company_id=other_company.id)
        self.assertEqual(vehicle.company_id, other_company)

    @mute_logger("odoo.sql_db")
    def test_archived_vehicle_still_holds_its_vin(self):
        self._create_vehicle(vin_sn=self.VIN_A).action_archive()
        with self.assertRaises(UniqueViolation), self.cr.savepoint():
            self._create_vehicle(vin_sn=self.VIN_A)

    def test_plates(self):
        valid = {
            "京A12345": "京A12345",
            "京n·8k2m7": "京N8K2M7",
            "粤BD12345": "粤BD12345",  # new-energy small car
            "粤B 12345F": "粤B12345F",  # new-energy large vehicle
            "冀B1234学": "冀B1234学",
        }
        for typed, stored in valid.items():
            with self.subTest(plate=typed):
                self.assertEqual(
                    self._create_vehicle(license_plate=typed).license_plate, stored
                )

    def test_invalid_plates_are_refused(self):
        for plate in ("京AI2345", "京A1234", "XA12345", "京A123456", "粤BX12345"):
            with (
                self.subTest(plate=plate),
                self.assertRaisesRegex(ValidationError, "not a valid Chinese plate"),
                self.cr.savepoint(),
            ):
                self._create_vehicle(license_plate=plate)

    def test_other_brand_vehicle(self):
        self.company.auto_brand_ids = False
        own = self._create_vehicle()
        foreign = self._create_vehicle(model_id=self.other_model.id)
        self.assertFalse(own.is_other_brand | foreign.is_other_brand)
        self.company.auto_brand_ids = self.brand
        self.assertFalse(own.is_other_brand)
        self.assertTrue(foreign.is_other_brand)
        self.assertIn(
            foreign,
            self.env["fleet.vehicle"].search([("is_other_brand", "=", True)]),
        )

    def test_odometer_history(self):
        vehicle = self._create_vehicle()
        vehicle.odometer = 1200
        vehicle.odometer = 5400
        self.assertEqual(sorted(vehicle.odometer_log_ids.mapped("value")), [1200, 5400])
        self.assertEqual(vehicle.odometer, 5400)

    def test_odometer_never_goes_back_without_a_managers_confirmation(self):
        vehicle = self._create_vehicle(owner_id=self.customer_a.id)
        vehicle.with_user(self.consultant_a).odometer = 52000
        # Logged in the vehicle's odometer history, a digit short.
        Odometer = self.env["fleet.vehicle.odometer"].with_user(self.consultant_a)
        with (
            self.assertRaisesRegex(ValidationError, "less than the 52000 km"),
            self.cr.savepoint(),
        ):
            Odometer.create({"vehicle_id": vehicle.id, "value": 5200})
        self.assertEqual(vehicle.odometer, 52000)
        # The instrument cluster was replaced: a manager confirms the reading.
        with self.assertRaises(AccessError), self.cr.savepoint():
            Odometer.create(
                {"vehicle_id": vehicle.id, "value": 10, "auto_is_correction": True}
            )
        Odometer.with_user(self.sales_manager).create(
            {"vehicle_id": vehicle.id, "value": 10, "auto_is_correction": True}
        )
        self.assertEqual(sorted(vehicle.odometer_log_ids.mapped("value")), [10, 52000])

    def test_customer_vehicles_on_the_contact(self):
        vehicle = self._create_vehicle(vin_sn=self.VIN_A)
        self._create_vehicle(owner_id=self.customer_b.id)
        self.assertEqual(self.customer_a.vehicle_count, 1)
        action = self.customer_a.action_view_vehicles()
        self.assertEqual(self.env["fleet.vehicle"].search(action["domain"]), vehicle)
        self.assertEqual(action["context"]["default_owner_id"], self.customer_a.id)
