from . import event_event
