from . import auto_loyalty_redeem_wizard
from . import auto_loyalty_transfer_wizard
from . import auto_loyalty_import_line
from . import auto_loyalty_import_wizard
