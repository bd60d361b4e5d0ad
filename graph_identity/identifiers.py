"""Canonical identifiers and normalized records: what normalization hands to resolution."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class IdentifierKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    ADDRESS = "address"


@dataclass(frozen=True, slots=True)
class Identifier:
    """One canonical identifier of a record.

    ``value`` is the canonical form (lower-cased email, E.164 phone, SHA-256 hex of the
    canonical address). ``masked`` is safe to show and log. ``canonical`` is what was hashed
    (addresses only), kept so an explanation can show it; it is personal data.
    """

    kind: IdentifierKind
    value: str
    masked: str
    rule: str
    generic: bool = False
    generic_reason: str | None = None
    canonical: str | None = None
    key: str = field(init=False, compare=False)
    """Unique key across kinds, e.g. ``phone:+15125550142``; computed once, since resolution
    looks it up for every record it plans."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.kind.value}:{self.value}")


@dataclass(frozen=True, slots=True)
class FieldIssue:
    """A problem with one input value: where it is (``loc``) and why it was not used.

    ``loc`` follows pydantic's convention, e.g. ``("phones", 1)``; ``msg`` never repeats the
    value itself, so issues can be logged and returned without leaking personal data.
    """

    loc: tuple[str | int, ...]
    msg: str


@dataclass(frozen=True, slots=True)
class NormalizedOrder:
    key: str
    order_id: str
    number: str | None
    total: Decimal | None
    currency: str | None
    created_at: datetime | None
    channel: str | None


@dataclass(frozen=True, slots=True)
class NormalizedRecord:
    """A record ready for resolution. ``identifiers`` are unique by key, in input order."""

    provider: str
    external_id: str
    key: str
    identifiers: tuple[Identifier, ...]
    issues: tuple[FieldIssue, ...] = ()
    first_name: str | None = None
    last_name: str | None = None
    customer_code: str | None = None
    marketing_consent: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    orders: tuple[NormalizedOrder, ...] = field(default_factory=tuple)
    partial: bool = False
    birth_date: str | None = None
    """ISO ``YYYY-MM-DD``: evidence against a tie (never links by itself, never logged)."""

    @property
    def linking_identifiers(self) -> tuple[Identifier, ...]:
        """Identifiers allowed to link records (not generic by value)."""
        return tuple(i for i in self.identifiers if not i.generic)
