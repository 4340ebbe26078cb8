"""Identity numbers of customers: resident ID (居民身份证) and unified social credit
code (统一社会信用代码), validated by python-stdnum and masked for display."""

from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import ric, uscc

VALIDATORS = {"cn_ric": ric, "cn_uscc": uscc}
MASK_CHAR = "*"


def normalize_identity(value):
    return "".join((value or "").split()).replace("-", "").upper()


def identity_error(id_type, number):
    """Return why ``number`` is not a valid ``id_type``, as a key of the stdnum
    exception family ("length", "format", "checksum", "component"), or None."""
    validator = VALIDATORS.get(id_type)
    if not validator:
        return None
    try:
        validator.validate(number)
    except stdnum_exceptions.InvalidLength:
        return "length"
    except stdnum_exceptions.InvalidChecksum:
        return "checksum"
    except stdnum_exceptions.InvalidComponent:
        return "component"
    except stdnum_exceptions.ValidationError:
        return "format"
    return None


def birth_date(id_type, number):
    """The birth date a valid resident ID encodes, else None."""
    if id_type != "cn_ric" or identity_error(id_type, number):
        return None
    return ric.get_birth_date(number)


def mask_identity(number):
    """Keep the region prefix and the last four characters: 110105********002X."""
    if not number:
        return number
    if len(number) >= 12:
        return number[:6] + MASK_CHAR * (len(number) - 10) + number[-4:]
    return MASK_CHAR * (len(number) - 2) + number[-2:]
