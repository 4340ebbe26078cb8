from . import res_company
from . import res_partner
from . import fleet_vehicle
