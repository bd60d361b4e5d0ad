"""Phone numbers to E.164 with ``phonenumbers`` and a default region.

Numbers written without a country code are read as numbers of the default region.
Extensions are dropped: they reach a desk, not a person, and providers rarely keep them.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

from graph_identity.normalize.errors import InvalidValue

_PARSE_REASONS: dict[int, str] = {
    NumberParseException.INVALID_COUNTRY_CODE: "phone number has an unknown country code",
    NumberParseException.TOO_SHORT_AFTER_IDD: "phone number is too short",
    NumberParseException.TOO_SHORT_NSN: "phone number is too short",
    NumberParseException.TOO_LONG: "phone number is too long",
}
_IMPOSSIBLE_REASONS: dict[int, str] = {
    ValidationResult.INVALID_COUNTRY_CODE: "phone number has an unknown country code",
    ValidationResult.TOO_SHORT: "phone number is too short",
    ValidationResult.TOO_LONG: "phone number is too long",
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "phone number lacks an area code",
    ValidationResult.INVALID_LENGTH: "phone number has the wrong number of digits",
}


@dataclass(frozen=True, slots=True)
class ParsedPhone:
    """A parsed number. ``problem`` is why it is not a valid number, or ``None``.

    ``national_number`` is the national significant number as digits (leading zeros kept),
    the form placeholder numbers are compared in.
    """

    e164: str
    national_number: str
    problem: str | None


def validate_region(region: str) -> str:
    """``region`` upper-cased when ``phonenumbers`` knows it, else :class:`ValueError`."""
    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"unknown phone region {region!r}: use an ISO 3166 alpha-2 code")
    return code


def phone_rule(region: str) -> str:
    """The rule name recorded as provenance for numbers read with ``region`` as default."""
    return f"phone.e164:{region}"


def parse_phone(raw: str, region: str) -> ParsedPhone:
    """Parse ``raw``; :class:`InvalidValue` when it is not a phone number at all."""
    if not raw.strip():
        raise InvalidValue("phone number is empty")
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException as exc:
        raise InvalidValue(_PARSE_REASONS.get(exc.error_type, "not a phone number")) from None
    problem = _IMPOSSIBLE_REASONS.get(phonenumbers.is_possible_number_with_reason(number))
    if problem is None and not phonenumbers.is_valid_number(number):
        problem = "not a valid phone number"
    return ParsedPhone(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        national_number=phonenumbers.national_significant_number(number),
        problem=problem,
    )


def normalize_phone(raw: str, region: str) -> str:
    """The E.164 form of ``raw``, or :class:`InvalidValue` for invalid or impossible numbers."""
    parsed = parse_phone(raw, region)
    if parsed.problem is not None:
        raise InvalidValue(parsed.problem)
    return parsed.e164
