"""Chinese licence plates (车牌号).

Regular plates have 7 characters: the province abbreviation, the letter of the
issuing authority and five serial characters (the last may be 挂/学/警/港/澳).
New-energy plates have 8: a small car carries D (battery) or F (hybrid) first in
its six-character serial (粤BD12345), a large vehicle last (粤B12345D).
"""

import re

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTER = "A-HJ-NP-Z"
_SERIAL = f"[{_LETTER}0-9]"
_REGULAR = re.compile(
    rf"^[{PROVINCES}][{_LETTER}]{_SERIAL}{{4}}(?:{_SERIAL}|[挂学警港澳])$"
)
_NEW_ENERGY = re.compile(
    rf"^[{PROVINCES}][{_LETTER}](?:[DF]{_SERIAL}[0-9]{{4}}|[0-9]{{5}}[DF])$"
)


def normalize_plate(value):
    """Upper-case the plate and drop separators (space, dot, middle dot, hyphen)."""
    return re.sub(r"[\s.·•\-]", "", value or "").upper()


def is_valid_plate(plate):
    return bool(_REGULAR.match(plate) or _NEW_ENERGY.match(plate))
