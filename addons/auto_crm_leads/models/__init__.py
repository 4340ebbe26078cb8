from . import res_company
from . import res_partner
from . import fleet_vehicle
from . import crm_lead
from . import auto_lead_cadence
from . import auto_lead_cadence_step
from . import mail_activity
from . import auto_lead_dispatch
