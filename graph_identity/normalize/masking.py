"""Masked forms of canonical identifiers: enough to tell values apart, safe to log and show."""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException


def mask_email(value: str) -> str:
    """``jane@example.com`` → ``j***@example.com``."""
    local, _, domain = value.rpartition("@")
    return f"{local[:1]}***@{domain}"


def mask_phone(e164: str) -> str:
    """``+15125550142`` → ``+1 512 *** **42``: country code, first 3 and last 2 digits.

    Numbers too short for that show only the country code and the last 2 digits.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return f"+*** **{e164[-2:]}"
    national = phonenumbers.national_significant_number(number)
    if len(national) < 7:
        return f"+{number.country_code} *** **{national[-2:]}"
    return f"+{number.country_code} {national[:3]} *** **{national[-2:]}"


def mask_address(digest: str) -> str:
    """``addr:`` and the first 10 hex digits of the address hash."""
    return f"addr:{digest[:10]}"
