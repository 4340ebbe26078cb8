from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FleetVehicleOdometer(models.Model):
    _name = "fleet.vehicle.odometer"
    _inherit = ["fleet.vehicle.odometer", "auto.system.fields.mixin"]

    # Fleet leaves it unindexed, yet the vehicle's current reading, odometer
    # checks and mileage estimates all look up one vehicle's readings: a full
    # scan per vehicle without it.
    vehicle_id = fields.Many2one(index=True)
    auto_is_correction = fields.Boolean(
        string="Confirmed Lower Reading",
        groups="fleet.fleet_group_manager,auto_crm_leads.group_auto_sales_manager",
        copy=False,
        help="A manager confirmed this reading although it is lower than an "
        "earlier one, e.g. after the instrument cluster was replaced.",
    )

    @api.constrains("value", "date", "vehicle_id")
    def _check_auto_value_not_decreasing(self):
        """An odometer only goes up: a reading below one taken before it is a
        typing error, unless a manager confirmed it as a correction."""
        for reading in self.sudo().filtered(
            lambda reading: reading.vehicle_id and not reading.auto_is_correction
        ):
            earlier = self.sudo().search(
                [
                    ("vehicle_id", "=", reading.vehicle_id.id),
                    ("id", "!=", reading.id),
                    ("date", "<=", reading.date),
                    ("value", ">", reading.value),
                ],
                order="value desc",
                limit=1,
            )
            if earlier:
                raise ValidationError(
                    self.env._(
                        "The odometer of %(vehicle)s reads %(new)s km, less than "
                        "the %(last)s km recorded on %(date)s. Check the reading, or "
                        "ask a manager to confirm the lower value.",
                        vehicle=reading.vehicle_id.display_name,
                        new=int(reading.value),
                        last=int(earlier.value),
                        date=earlier.date,
                    )
                )
