from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AutoCrmCommon


@tagged("post_install", "-at_install")
class TestDealerSecurity(AutoCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle_a = cls._create_vehicle(vin_sn=cls.VIN_A)
        cls.vehicle_b = cls._create_vehicle(
            owner_id=cls.customer_b.id, vin_sn=cls.VIN_B
        )
        cls.pool_customer = cls.env["res.partner"].create({"name": "Walk-in Sun"})

    def test_consultant_sees_own_customers_and_the_pool(self):
        partners = self.env["res.partner"].with_user(self.consultant_a)
        found = partners.search(
            [("id", "in", (self.customer_a | self.customer_b | self.pool_customer).ids)]
        )
        self.assertEqual(found, self.customer_a | self.pool_customer)
        with self.assertRaises(AccessError):
            self.customer_b.with_user(self.consultant_a).read(["name"])

    def test_consultant_sees_own_customers_vehicles(self):
        vehicles = self.env["fleet.vehicle"].with_user(self.consultant_b)
        found = vehicles.search([("id", "in", (self.vehicle_a | self.vehicle_b).ids)])
        self.assertEqual(found, self.vehicle_b)
        with self.assertRaises(AccessError):
            self.vehicle_a.with_user(self.consultant_b).write({"color": "红色"})
        self.vehicle_b.with_user(self.consultant_b).odometer = 100
        odometers = self.env["fleet.vehicle.odometer"].with_user(self.consultant_a)
        self.assertFalse(odometers.search([("vehicle_id", "=", self.vehicle_b.id)]))

    def test_reassigning_the_customer_moves_the_vehicle(self):
        self.customer_b.user_id = self.consultant_a
        vehicles = self.env["fleet.vehicle"].with_user(self.consultant_a)
        self.assertEqual(
            vehicles.search([("id", "in", (self.vehicle_a | self.vehicle_b).ids)]),
            self.vehicle_a | self.vehicle_b,
        )

    def test_consultant_registers_a_vehicle_but_cannot_delete_it(self):
        vehicle = (
            self.env["fleet.vehicle"]
            .with_user(self.consultant_a)
            .create({"model_id": self.car_model.id, "owner_id": self.customer_a.id})
        )
        self.assertEqual(vehicle.user_id, self.consultant_a)
        with self.assertRaises(AccessError):
            vehicle.unlink()

    def test_managers_and_data_officers_see_everything(self):
        both = self.vehicle_a | self.vehicle_b
        for user in (self.sales_manager, self.data_officer):
            with self.subTest(user=user.login):
                vehicles = self.env["fleet.vehicle"].with_user(user)
                self.assertEqual(vehicles.search([("id", "in", both.ids)]), both)
                partners = self.env["res.partner"].with_user(user)
                customers = self.customer_a | self.customer_b
                self.assertEqual(
                    partners.search([("id", "in", customers.ids)]), customers
                )

    def test_data_officer_cannot_change_vehicles(self):
        with self.assertRaises(AccessError):
            self.vehicle_a.with_user(self.data_officer).write({"color": "红色"})

    def test_other_company_vehicles_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Tianjin Store"})
        hidden = self._create_vehicle(company_id=other_company.id)
        vehicles = self.env["fleet.vehicle"].with_user(self.sales_manager)
        self.assertFalse(vehicles.search([("id", "=", hidden.id)]))
        self.sales_manager.company_ids |= other_company
        visible = vehicles.with_context(
            allowed_company_ids=[self.company.id, other_company.id]
        ).search([("id", "=", hidden.id)])
        self.assertEqual(visible, hidden)

    def test_dealer_crm_app_menu(self):
        menu = self.env.ref("auto_crm_leads.menu_auto_crm_root")
        for user in (self.consultant_a, self.data_officer):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(menu.id, visible)
        config = self.env.ref("auto_crm_leads.menu_auto_crm_configuration")
        visible = (
            self.env["ir.ui.menu"].with_user(self.consultant_a)._visible_menu_ids()
        )
        self.assertNotIn(config.id, visible)

    def test_customer_360_counts_in_constant_queries(self):
        """The vehicle count of a page of customers costs the same queries for 2
        customers as for 20."""
        partners = self.env["res.partner"].create(
            [
                {"name": f"Owner {index}", "user_id": self.consultant_a.id}
                for index in range(20)
            ]
        )
        for partner in partners:
            self._create_vehicle(owner_id=partner.id)
        partners[0].with_user(self.consultant_a).mapped("vehicle_count")  # warm caches
        counts = []
        for page in (partners[:2], partners):
            page = page.with_user(self.consultant_a)
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            page.mapped("vehicle_count")
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(partners.mapped("vehicle_count"), [1] * 20)
