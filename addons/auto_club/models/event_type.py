from odoo import fields, models

EVENT_KINDS = [
    ("test_drive", "Test-drive Meetup"),
    ("tech_salon", "Tech Salon"),
    ("lecture", "Owner Lecture"),
    ("road_trip", "Family Road Trip"),
    ("premium", "Premium Event"),
]


class EventType(models.Model):
    _inherit = "event.type"

    auto_event_kind = fields.Selection(EVENT_KINDS, string="Club Event Kind")
