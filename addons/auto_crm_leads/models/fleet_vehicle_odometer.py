from odoo import fields, models


class FleetVehicleOdometer(models.Model):
    _inherit = "fleet.vehicle.odometer"

    # Fleet leaves it unindexed, yet the vehicle's current reading, odometer
    # checks and mileage estimates all look up one vehicle's readings: a full
    # scan per vehicle without it.
    vehicle_id = fields.Many2one(index=True)
