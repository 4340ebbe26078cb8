from . import auto_lead_dispatch_wizard
from . import crm_lead_lost
from . import auto_consent_wizard
