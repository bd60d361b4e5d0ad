"""Generic identifiers: values that name no one person, so must never link records.

A shipped blocklist (``generic_defaults.json``: placeholder emails, marketplace relay
addresses, placeholder phones) plus the operator's own values and regular expressions from
:class:`~graph_identity.config.Settings`. Matching values are kept and marked generic with a
reason, not dropped, so an explanation can say why they did not link.

Role mailboxes (``info@``, ``sales@``, ``noreply@``…) are generic too: a shared inbox of a
business, read by whoever is on duty, names no one person. They are matched on the local
part before any ``+tag``; the list is replaced (or emptied, to turn the check off) by
``GRAPH_IDENTITY_ROLE_LOCAL_PARTS``.

Placeholder phones are compared on the national significant number, so ``555-555-5555``,
``+1 555 555 5555`` and ``(555) 555 5555`` all match ``5555555555``, whatever the country.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from graph_identity.normalize.email import normalize_email
from graph_identity.normalize.errors import InvalidValue
from graph_identity.normalize.phone import normalize_phone

PLACEHOLDER_EMAIL = "blocklist:placeholder-email"
PLACEHOLDER_PHONE = "blocklist:placeholder-phone"
RELAY = "blocklist:relay"
CONFIGURED = "blocklist:configured"
PATTERN = "blocklist:pattern"
ROLE_MAILBOX = "role_mailbox"


@cache
def _defaults() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("generic_defaults.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _compile_all(patterns: Iterable[str], setting: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for index, pattern in enumerate(patterns):
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(
                f"{setting}[{index}] is not a valid regular expression: {exc.msg}"
            ) from None
    return tuple(compiled)


@dataclass(frozen=True, slots=True)
class GenericBlocklist:
    """Which canonical values are generic, and why. Build it with :meth:`build`."""

    placeholder_emails: frozenset[str]
    placeholder_local_parts: tuple[re.Pattern[str], ...]
    role_local_parts: frozenset[str]
    relay_emails: tuple[re.Pattern[str], ...]
    placeholder_phones: frozenset[str]
    placeholder_phone_patterns: tuple[re.Pattern[str], ...]
    configured_emails: frozenset[str]
    configured_phones: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def build(
        cls,
        *,
        region: str,
        gmail_rules: bool = False,
        emails: Iterable[str] = (),
        phones: Iterable[str] = (),
        patterns: Iterable[str] = (),
        role_local_parts: Iterable[str] | None = None,
    ) -> GenericBlocklist:
        """The shipped defaults plus configured values, normalized like incoming ones.

        ``role_local_parts`` replaces the shipped role list (``None`` keeps it). A configured
        value that does not normalize is a configuration error (:class:`ValueError` naming
        the setting and position).
        """
        defaults = _defaults()
        return cls(
            placeholder_emails=frozenset(defaults["placeholder_emails"]),
            placeholder_local_parts=_compile_all(
                defaults["placeholder_email_local_parts"], "placeholder_email_local_parts"
            ),
            role_local_parts=frozenset(
                _role_local_parts(
                    defaults["role_local_parts"] if role_local_parts is None else role_local_parts
                )
            ),
            relay_emails=_compile_all(defaults["relay_emails"], "relay_emails"),
            placeholder_phones=frozenset(defaults["placeholder_phones"]),
            placeholder_phone_patterns=_compile_all(
                defaults["placeholder_phone_patterns"], "placeholder_phone_patterns"
            ),
            configured_emails=frozenset(
                _normalize_setting(
                    emails,
                    "generic_emails",
                    lambda raw: normalize_email(raw, gmail_rules=gmail_rules),
                )
            ),
            configured_phones=frozenset(
                _normalize_setting(
                    phones, "generic_phones", lambda raw: normalize_phone(raw, region)
                )
            ),
            patterns=_compile_all(patterns, "generic_patterns"),
        )

    def email_reason(self, value: str) -> str | None:
        """Why the canonical email ``value`` is generic, or ``None``."""
        local = value.rpartition("@")[0]
        if any(pattern.search(value) for pattern in self.relay_emails):
            return RELAY
        if value in self.placeholder_emails or any(
            pattern.search(local) for pattern in self.placeholder_local_parts
        ):
            return PLACEHOLDER_EMAIL
        if value in self.configured_emails:
            return CONFIGURED
        if local.partition("+")[0] in self.role_local_parts:
            return ROLE_MAILBOX
        return self._pattern_reason(value)

    def phone_reason(self, e164: str, national_number: str) -> str | None:
        """Why the phone (E.164 and national significant number) is generic, or ``None``."""
        if national_number in self.placeholder_phones or any(
            pattern.search(national_number) for pattern in self.placeholder_phone_patterns
        ):
            return PLACEHOLDER_PHONE
        if e164 in self.configured_phones:
            return CONFIGURED
        return self._pattern_reason(e164)

    def address_reason(self, canonical: str) -> str | None:
        """Why the canonical address string is generic, or ``None``."""
        return self._pattern_reason(canonical)

    def _pattern_reason(self, value: str) -> str | None:
        if any(pattern.search(value) for pattern in self.patterns):
            return PATTERN
        return None


def _normalize_setting(
    values: Iterable[str], setting: str, normalize: Callable[[str], str]
) -> list[str]:
    normalized = []
    for index, raw in enumerate(values):
        try:
            normalized.append(normalize(raw))
        except InvalidValue as exc:
            raise ValueError(f"{setting}[{index}]: {exc.reason}") from None
    return normalized


def _role_local_parts(values: Iterable[str]) -> list[str]:
    """Lower-cased and trimmed; a value with ``@``, ``+`` or a space matches nothing."""
    parts = []
    for index, raw in enumerate(values):
        part = raw.strip().lower()
        if not part or any(c in part for c in "@+") or any(c.isspace() for c in part):
            raise ValueError(
                f"role_local_parts[{index}]: expected the part of an address before the @, "
                "without a +tag or spaces"
            )
        parts.append(part)
    return parts
