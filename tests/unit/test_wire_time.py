"""Timestamps as text for Cypher: every one in UTC with 'Z'; a naive one is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_identity.store.wire_time import wire_time


def test_timestamps_go_in_utc_with_z_and_naive_ones_are_refused() -> None:
    aware = datetime(2024, 3, 2, 8, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert wire_time(aware) == "2024-03-02T13:30:00.000000Z"
    assert wire_time(None) is None
    with pytest.raises(ValueError, match="time zone"):
        wire_time(datetime(2024, 3, 1, 18, 5, 1, 7))


OFFSETS = st.integers(-18 * 60, 18 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
"""Fixed offsets, as ISO-8601 input gives (named zones never reach the store)."""


@given(
    st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31), timezones=OFFSETS)
)
def test_the_text_reads_back_as_the_same_instant(value: datetime) -> None:
    text = wire_time(value)
    assert text is not None and text.endswith("Z")
    back = datetime.fromisoformat(text.removesuffix("Z") + "+00:00")
    assert back == value and back.tzinfo == UTC
