"""Timestamps sent to Neo4j as ISO-8601 text, turned back into temporal values in Cypher.

The Python driver packs a ``datetime`` parameter slowly (about 84 µs each on the bench
machine, through ``neo4j.time`` and pytz), which capped an import of dated records at a
little over half the rate of undated ones. Text costs nothing to pack, and Cypher parses it
fast: every record, link and order time is sent in UTC with a ``Z`` and stored as
``datetime(t)``, a ``DATETIME`` in UTC (the one stored form: a time a source sent without
an offset was placed in the shop's zone by :mod:`graph_identity.normalize.times`).

Graphs written before that may still hold ``LOCAL DATETIME`` values; the queries that
compare them read one as UTC with ``datetime({datetime: t, timezone: 'UTC'})``, as
:func:`graph_identity.store.values.native` does for reads.
"""

from __future__ import annotations

from datetime import UTC, datetime


def wire_time(value: datetime | None) -> str | None:
    """``value`` as UTC text with a ``Z``; a naive ``datetime`` is a bug upstream (ValueError)."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("a stored time needs a time zone: normalize the record first")
    utc = value.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"
