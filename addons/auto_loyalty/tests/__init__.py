from . import test_points
from . import test_tiers_and_segments
from . import test_kpi
from . import test_trust
from . import test_benefits
from . import test_member_card
