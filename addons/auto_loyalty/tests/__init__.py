from . import test_points
from . import test_tiers_and_segments
