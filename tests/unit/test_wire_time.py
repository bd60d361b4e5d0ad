"""Timestamps as text for Cypher: offset ones in UTC with 'Z', naive ones as they are."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from graph_identity.store.wire_time import wire_time


def test_offset_timestamps_go_in_utc_with_z_and_naive_ones_unchanged() -> None:
    aware = datetime(2024, 3, 2, 8, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert wire_time(aware) == "2024-03-02T13:30:00.000000Z"
    assert wire_time(datetime(2024, 3, 1, 18, 5, 1, 7)) == "2024-03-01T18:05:01.000007"
    assert wire_time(None) is None


OFFSETS = st.integers(-18 * 60, 18 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
"""Fixed offsets, as ISO-8601 input gives (named zones never reach the store)."""


@given(st.datetimes(timezones=st.none() | OFFSETS))
def test_the_text_reads_back_as_the_same_instant(value: datetime) -> None:
    text = wire_time(value)
    assert text is not None and text.endswith("Z") == (value.tzinfo is not None)
    back = datetime.fromisoformat(text.removesuffix("Z") + ("+00:00" if value.tzinfo else ""))
    assert back == value
