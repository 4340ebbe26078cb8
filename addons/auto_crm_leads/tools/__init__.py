from . import identity
from . import plate
from . import vin
