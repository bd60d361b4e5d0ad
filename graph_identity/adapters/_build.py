"""Assembling a :class:`RecordIn` from the pieces an adapter picked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from graph_identity.adapters.errors import from_validation_error
from graph_identity.models import RecordIn

Address = dict[str, str | None]


def join(parts: Iterable[str | None], sep: str = " ") -> str | None:
    """The non-empty parts joined, or ``None`` when there are none."""
    kept = [p for p in parts if p]
    return sep.join(kept) if kept else None


def unique(values: Iterable[str | None]) -> list[str]:
    """Values in first-seen order, without ``None`` and exact repeats."""
    return list(dict.fromkeys(v for v in values if v is not None))


def address(
    *,
    name: str | None,
    line1: str | None,
    line2: str | None = None,
    city: str | None = None,
    region: str | None = None,
    postal_code: str | None = None,
    country: str | None = None,
) -> Address | None:
    """A postal address, or ``None`` without a street line.

    Providers often send partial addresses (Amazon without PII access sends city and postal
    code only); an address without a street would tie together everyone in a postal area.
    """
    if line1 is None:
        return None
    return {
        "name": name,
        "line1": line1,
        "line2": line2,
        "city": city,
        "region": region,
        "postal_code": postal_code,
        "country": country,
    }


def unique_addresses(addresses: Iterable[Address | None]) -> list[Address]:
    seen: list[Address] = []
    for a in addresses:
        if a is not None and a not in seen:
            seen.append(a)
    return seen


def build_record(provider: str, **fields: Any) -> RecordIn:
    """Validate the picked fields as a record; model errors become :class:`AdapterError`."""
    data: Mapping[str, Any] = {"provider": provider, **fields}
    try:
        return RecordIn.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None
