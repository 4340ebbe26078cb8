"""Customers' phone numbers: parsed and normalised to E.164 with
``phonenumbers``, keyed for caller identification, and masked for display."""

import re

import phonenumbers

MASK_CHAR = "*"
# What a call centre's telephony sends or an agent types besides the number.
EXTENSION = re.compile(r"\s*(?:;ext=|ext\.?|x|转|分机|#|,)\s*(\d+)\s*$", re.IGNORECASE)


def parse_phone(number, region="CN", valid_only=True):
    """The number as a ``phonenumbers.PhoneNumber``, or None when it is not a
    phone number of ``region`` (or, written with +, of its country): letters,
    too few or too many digits, a prefix no operator uses. 0086 is read as
    +86. ``valid_only=False`` takes any number of a possible length, as
    telephony may send (service numbers)."""
    text = (number or "").strip()
    if not text:
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    extension = EXTENSION.search(text)
    if extension:
        text = text[: extension.start()]
    if re.search(r"[^\d\s()+\-./]", text):
        return None
    try:
        parsed = phonenumbers.parse(text, region or "CN")
    except phonenumbers.NumberParseException:
        return None
    check = (
        phonenumbers.is_valid_number if valid_only else phonenumbers.is_possible_number
    )
    if not check(parsed):
        return None
    if extension:
        parsed.extension = extension.group(1)
    return parsed


def format_phone(parsed):
    """E.164 (+8613800138000), with the extension after ``;ext=`` (RFC 3966)."""
    e164 = phone_key(parsed)
    return f"{e164};ext={parsed.extension}" if parsed.extension else e164


def phone_key(parsed):
    """The number a caller is identified by: E.164 without extension."""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(number):
    """Keep the country code, the first three and last four digits of the
    national number: +86138****8000; short numbers keep their last two."""
    if not number:
        return number
    number = number.split(";")[0]
    prefix = ""
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        try:
            country = str(phonenumbers.parse(number).country_code)
        except phonenumbers.NumberParseException:
            country = ""
        prefix, digits = "+" + country, digits[len(country) :]
    if len(digits) > 7:
        return prefix + digits[:3] + MASK_CHAR * (len(digits) - 7) + digits[-4:]
    return prefix + MASK_CHAR * max(len(digits) - 2, 0) + digits[-2:]


def mask_email(email):
    """w***@example.com; inside a formatted address, the address only."""
    if not email:
        return email

    def mask(match):
        return match.group(1)[:1] + MASK_CHAR * 3 + "@" + match.group(2)

    return re.sub(r"([^\s<>\"@,;]+)@([^\s<>\"@,;]+)", mask, email)


def is_masked(value):
    """A value that came back as it was shown masked."""
    return bool(value) and MASK_CHAR * 3 in value
