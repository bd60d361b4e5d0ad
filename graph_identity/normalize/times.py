"""Record and order times in their one stored form: an aware ``datetime`` in UTC.

A source time with an offset arrives in UTC already (:mod:`graph_identity.models`). One
without (a shop's local clock, as the Lightspeed eCom CSV and WooCommerce's ``date_created``
write it) is read on a clock in the configured shop zone (``GRAPH_IDENTITY_SHOP_TIMEZONE``,
UTC by default) and converted, so every stored time is a Neo4j ``DATETIME`` in UTC and any
two of them compare. A local time that falls in a daylight-saving gap or fold is read with
the zone's first offset (``fold=0``).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from graph_identity.errors import RecordRejected
from graph_identity.identifiers import FieldIssue

OUT_OF_RANGE = "the timestamp is out of range once converted to UTC"


def utc_time(value: datetime | None, zone: tzinfo, loc: tuple[str | int, ...]) -> datetime | None:
    """``value`` in UTC, a naive one read in ``zone``; :class:`RecordRejected` naming ``loc``
    when the conversion leaves Python's range (year 1 or 9999 near midnight)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise RecordRejected([FieldIssue(loc, OUT_OF_RANGE)]) from None
