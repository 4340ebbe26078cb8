from . import test_parts
from . import test_reminders
from . import test_ticket_sla
from . import test_work_order
from . import test_kpi
from . import test_tours
from . import test_trust
from . import test_call_centre
