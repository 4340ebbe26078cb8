from . import crm_lead_lost
from . import auto_lead_dispatch_wizard
