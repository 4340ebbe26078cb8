from . import auto_loyalty_card
