from . import auto_parts_turnover_report
