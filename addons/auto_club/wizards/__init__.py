from . import auto_club_invite_wizard
