"""Turning driver values (neo4j.time types inside maps and lists) into plain Python.

Every date-time comes out aware and in UTC: the service stores ``DATETIME`` values in UTC
(:mod:`graph_identity.store.wire_time`), and a ``LOCAL DATETIME`` that an older graph still
holds is read as UTC, so no reader ever mixes naive and aware values (Python cannot compare
them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from neo4j.time import Date, DateTime, Time


def in_utc(value: datetime) -> datetime:
    """An aware ``value`` converted to UTC; a naive one (a legacy local time) read as UTC.

    One at the edge of Python's range that cannot be shifted to UTC keeps its offset: it is
    still aware, so it still compares."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        return value


def native(value: Any) -> Any:
    if isinstance(value, DateTime):
        return in_utc(value.to_native())
    if isinstance(value, Date | Time):
        return value.to_native()
    if isinstance(value, dict):
        return {key: native(item) for key, item in value.items()}
    if isinstance(value, list):
        return [native(item) for item in value]
    return value
