from . import test_club_membership
from . import test_club_events
from . import test_customer_360
from . import test_menus
from . import test_tours
from . import test_trust
from . import test_access_matrix
from . import test_privacy_rights
