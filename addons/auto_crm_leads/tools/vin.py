"""Vehicle identification numbers (车架号) as ISO 3779 and GB 16735 define them.

A VIN has 17 characters from the alphabet without I, O and Q; the 9th is a check
digit (0-9 or X) computed from the other 16 with the transliteration and weights
below. Chinese registration requires the check digit, so a VIN that fails it is a
typing error, not a foreign format.
"""

import re

VIN_LENGTH = 17
_VIN_CHARS = re.compile(r"^[A-HJ-NPR-Z0-9]+$")
_TRANSLITERATION = {
    **{str(digit): digit for digit in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def normalize_vin(value):
    """Upper-case the VIN and drop the blanks people type or paste with it."""
    return re.sub(r"[\s\-]", "", value or "").upper()


def vin_check_digit(vin):
    """Return the check digit ("0"-"9" or "X") for a 17-character VIN."""
    total = sum(
        _TRANSLITERATION[char] * weight
        for char, weight in zip(vin, _WEIGHTS, strict=True)
    )
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def vin_error(vin):
    """Return why a normalised VIN is invalid, as a key of VIN_ERRORS, or None."""
    if len(vin) != VIN_LENGTH:
        return "length"
    if not _VIN_CHARS.match(vin):
        return "alphabet"
    if vin[8] != vin_check_digit(vin):
        return "check_digit"
    return None
