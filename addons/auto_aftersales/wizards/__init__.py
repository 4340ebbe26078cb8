from . import auto_station_transfer
from . import auto_station_transfer_line
