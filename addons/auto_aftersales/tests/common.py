from odoo.tests import new_test_user

from odoo.addons.auto_crm_leads.tests.common import AutoCrmCommon


class AutoAftersalesCommon(AutoCrmCommon):
    """A service station with parts in stock, its advisor, manager and parts
    clerk, and a customer with a vehicle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="test_service_advisor",
            groups="auto_aftersales.group_auto_service_advisor",
            name="Service Advisor",
        )
        cls.clerk = new_test_user(
            cls.env,
            login="test_aftersales_clerk",
            groups="auto_aftersales.group_auto_parts_clerk",
            name="Parts Clerk",
        )
        cls.aftersales_manager = new_test_user(
            cls.env,
            login="test_aftersales_manager",
            groups="auto_aftersales.group_auto_aftersales_manager",
            name="After-sales Manager",
        )
        cls.station = cls.env["stock.warehouse"].create(
            {
                "name": "Chaoyang Service Station",
                "code": "CYS",
                "auto_is_service_station": True,
                "auto_service_manager_id": cls.aftersales_manager.id,
            }
        )
        cls.part = cls.env["product.product"].create(
            {
                "name": "Front brake pads",
                "auto_is_part": True,
                "auto_part_number": "3Q0698151X",
                "is_storable": True,
                "standard_price": 390.0,
                "list_price": 680.0,
            }
        )
        # The parts clerk counts 5 pads into the station (配件盘点).
        cls.env["stock.quant"].with_user(cls.clerk).with_context(
            inventory_mode=True
        ).create(
            {
                "product_id": cls.part.id,
                "location_id": cls.station.lot_stock_id.id,
                "inventory_quantity": 5,
            }
        ).action_apply_inventory()
        cls.customer_a.write({"phone": "+86 138-0013-8765", "email": "wf@example.com"})
        # Signed at delivery: service reminders and satisfaction surveys by
        # phone, SMS and e-mail (the reminders and follow-ups check it).
        cls._auto_record_consent(
            cls.customer_a | cls.customer_b,
            ["service_reminders", "satisfaction_surveys"],
        )
        cls.vehicle = cls._create_vehicle(license_plate="京A12345")

    @classmethod
    def _second_store(cls):
        """Another store of the group and its service advisor."""
        store = cls.env["res.company"].create({"name": "Hangzhou Store"})
        advisor = new_test_user(
            cls.env,
            login="test_hangzhou_advisor",
            groups="auto_aftersales.group_auto_service_advisor",
            company_id=store.id,
            company_ids=store.ids,
        )
        return store, advisor

    def _on_hand(self):
        return self.part.with_context(
            location=self.station.lot_stock_id.id
        ).qty_available

    def _work_order(self, user=None, parts=0.0, **vals):
        Repair = self.env["repair.order"].with_user(user or self.advisor)
        values = {
            "partner_id": self.customer_a.id,
            "auto_vehicle_id": self.vehicle.id,
            "picking_type_id": self.station.repair_type_id.id,
            **vals,
        }
        if parts:
            values["move_ids"] = [
                (
                    0,
                    0,
                    {
                        "repair_line_type": "add",
                        "product_id": self.part.id,
                        "product_uom_qty": parts,
                    },
                )
            ]
        return Repair.create(values)

    def _complete(self, repair):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
