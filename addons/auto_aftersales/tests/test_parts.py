from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestParts(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            login="parts_clerk",
            groups="auto_aftersales.group_auto_parts_clerk",
        )
        cls.consultant = new_test_user(
            cls.env,
            login="consultant",
            groups="auto_crm_leads.group_auto_sales_consultant",
        )
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Volkswagen"})
        cls.magotan = cls.env["fleet.vehicle.model"].create(
            {"name": "Magotan", "brand_id": cls.brand.id}
        )
        cls.Part = cls.env["product.template"].with_user(cls.clerk)
        cls.new_filter = cls.Part.create(
            {
                "name": "Oil filter",
                "auto_is_part": True,
                "auto_part_brand_id": cls.brand.id,
                "auto_part_number": "04e 115-561 h",
                "is_storable": True,
                "auto_fitment_model_ids": [(6, 0, cls.magotan.ids)],
            }
        )
        cls.old_filter = cls.Part.create(
            {
                "name": "Oil filter (old)",
                "auto_is_part": True,
                "auto_part_brand_id": cls.brand.id,
                "auto_part_number": "04E115561B",
                "auto_superseded_by_id": cls.new_filter.id,
            }
        )

    def test_part_number_is_normalised(self):
        self.assertEqual(self.new_filter.auto_part_number, "04E115561H")
        self.assertEqual(self.new_filter.default_code, "04E115561H")

    def test_part_number_unique_per_brand(self):
        with (
            self.assertRaisesRegex(ValidationError, "already used"),
            self.cr.savepoint(),
        ):
            self.Part.create(
                {
                    "name": "Copy",
                    "auto_is_part": True,
                    "auto_part_brand_id": self.brand.id,
                    "auto_part_number": "04E115561H",
                }
            )
        other_brand = self.env["fleet.vehicle.model.brand"].create({"name": "Audi"})
        part = self.Part.create(
            {
                "name": "Same number, other maker",
                "auto_is_part": True,
                "auto_part_brand_id": other_brand.id,
                "auto_part_number": "04E115561H",
            }
        )
        self.assertTrue(part)

    def test_part_needs_a_number(self):
        with (
            self.assertRaisesRegex(ValidationError, "OEM part number"),
            self.cr.savepoint(),
        ):
            self.Part.create({"name": "No number", "auto_is_part": True})

    def test_supersession_cannot_loop(self):
        with self.assertRaisesRegex(ValidationError, "by itself"), self.cr.savepoint():
            self.new_filter.auto_superseded_by_id = self.old_filter
        self.assertFalse(self.new_filter.auto_superseded_by_id)

    def test_part_number_search_finds_both_ways(self):
        products = self.env["product.product"]
        old_variant = self.old_filter.product_variant_id
        new_variant = self.new_filter.product_variant_id
        found = {product_id for product_id, _name in products.name_search("04E115561B")}
        self.assertEqual(
            found, {old_variant.id, new_variant.id}, "old number -> new part"
        )
        found = {product_id for product_id, _name in products.name_search("04E115561H")}
        self.assertEqual(
            found, {old_variant.id, new_variant.id}, "new number -> old part"
        )

    def test_fitment(self):
        """A parts clerk finds the parts that fit a model by typing it in the
        catalogue's "Fits Model" search field."""
        Model = self.env["fleet.vehicle.model"]
        lavida = Model.create({"name": "Lavida XR-Test", "brand_id": self.brand.id})
        sagitar = Model.create({"name": "Sagitar XR-Other", "brand_id": self.brand.id})
        self.new_filter.auto_fitment_model_ids += lavida
        self.old_filter.auto_fitment_model_ids = sagitar
        action = self.env.ref("auto_aftersales.product_template_action_part")
        Product = self.env["product.template"].with_user(self.clerk)
        search_view = Product.get_views([(action.search_view_id.id, "search")])
        arch = etree.fromstring(search_view["views"]["search"]["arch"])
        [fits] = arch.xpath("//field[@name='auto_fitment_model_ids']")
        self.assertEqual(fits.get("string"), "Fits Model")
        # The web client searches a relational field by the name typed in it,
        # within the action's domain (spare parts only).
        found = Product.search(
            [*safe_eval(action.domain), ("auto_fitment_model_ids", "ilike", "XR-Test")]
        )
        self.assertEqual(found, self.new_filter)

    def test_only_parts_clerks_edit_parts(self):
        with self.assertRaises(AccessError):
            self.new_filter.with_user(self.consultant).write({"list_price": 1})
        self.new_filter.with_user(self.clerk).write({"list_price": 98})
        self.assertEqual(self.new_filter.list_price, 98)

    def test_service_station_profile(self):
        """The Service Stations menu creates and lists stations, not every
        warehouse, with their profile; a station cannot have negative bays."""
        action = self.env.ref("auto_aftersales.stock_warehouse_action_station")
        Warehouse = self.env["stock.warehouse"].with_context(safe_eval(action.context))
        with Form(Warehouse) as form:
            form.name = "Chaoyang Station"
            form.code = "CY"
            form.auto_brand_ids.add(self.brand)
            form.auto_bay_count = 8
        station = form.record
        self.assertTrue(station.auto_is_service_station, "made from the menu")
        plain = self.env["stock.warehouse"].create(
            {"name": "Parts Depot", "code": "PD"}
        )
        self.assertFalse(plain.auto_is_service_station)
        listed = self.env["stock.warehouse"].search(safe_eval(action.domain))
        self.assertIn(station, listed)
        self.assertNotIn(plain, listed)
        self.assertEqual(
            (station.auto_brand_ids, station.auto_bay_count), (self.brand, 8)
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            station.auto_bay_count = -1
            station.flush_recordset()
