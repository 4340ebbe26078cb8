from . import test_lead_cadence
from . import test_lead_dispatch
from . import test_partner_identity
from . import test_security
from . import test_telemarketing
from . import test_vehicle_identification
from . import test_tours
from . import test_kpi
