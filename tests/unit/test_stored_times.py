"""One stored form for record and order times (issue 20): UTC, shop-local read in a zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from neo4j.time import DateTime

from graph_identity.config import Settings
from graph_identity.errors import RecordRejected
from graph_identity.models import OrderIn, RecordIn
from graph_identity.normalize import NormalizationConfig, normalize_record
from graph_identity.normalize.times import OUT_OF_RANGE, utc_time
from graph_identity.read.golden import latest_consent, order_metrics, rank_records
from graph_identity.store.values import in_utc, native

PARIS = ZoneInfo("Europe/Paris")


def test_a_naive_time_is_read_on_the_shop_clock_and_an_aware_one_kept() -> None:
    assert utc_time(datetime(2025, 7, 1, 12), PARIS, ("x",)) == datetime(2025, 7, 1, 10, tzinfo=UTC)
    assert utc_time(datetime(2025, 1, 1, 12), PARIS, ("x",)) == datetime(2025, 1, 1, 11, tzinfo=UTC)
    plus_two = datetime(2025, 1, 1, 12, tzinfo=timezone(timedelta(hours=2)))
    assert utc_time(plus_two, PARIS, ("x",)) == datetime(2025, 1, 1, 10, tzinfo=UTC)
    assert utc_time(None, PARIS, ("x",)) is None


def test_a_local_time_that_leaves_the_range_names_its_field() -> None:
    with pytest.raises(RecordRejected) as caught:
        utc_time(datetime(1, 1, 1), ZoneInfo("Asia/Tokyo"), ("orders", 0, "created_at"))
    (issue,) = caught.value.issues
    assert issue.loc == ("orders", 0, "created_at") and issue.msg == OUT_OF_RANGE


def test_normalization_gives_every_time_in_utc_in_the_configured_zone() -> None:
    settings = Settings(_env_file=None, GRAPH_IDENTITY_SHOP_TIMEZONE="America/New_York")
    record = RecordIn(
        provider="lightspeed_ecom",
        external_id="e1",
        created_at=datetime(2025, 3, 1, 8),
        updated_at=datetime(2025, 3, 1, 9, tzinfo=UTC),
        orders=[OrderIn(id="o1", created_at=datetime(2025, 3, 1, 8))],
    )
    normalized = normalize_record(record, NormalizationConfig.from_settings(settings))
    assert normalized.created_at == datetime(2025, 3, 1, 13, tzinfo=UTC)
    assert normalized.updated_at == datetime(2025, 3, 1, 9, tzinfo=UTC)
    assert normalized.orders[0].created_at == datetime(2025, 3, 1, 13, tzinfo=UTC)
    assert all(
        t is not None and t.tzinfo is UTC
        for t in (normalized.created_at, normalized.updated_at, normalized.orders[0].created_at)
    )


def test_an_unknown_shop_zone_is_refused_naming_the_setting() -> None:
    with pytest.raises(ValueError, match="GRAPH_IDENTITY_SHOP_TIMEZONE"):
        Settings(_env_file=None, GRAPH_IDENTITY_SHOP_TIMEZONE="Mars/Olympus_Mons")


def test_driver_values_come_out_aware_in_utc_and_legacy_local_ones_as_utc() -> None:
    legacy = DateTime(2025, 3, 2, 10, 0, 0)
    offset = DateTime(2025, 3, 2, 10, 0, 0, tzinfo=timezone(timedelta(hours=-5)))
    read = native({"orders": [{"created_at": legacy}, {"created_at": offset}]})
    assert [o["created_at"] for o in read["orders"]] == [
        datetime(2025, 3, 2, 10, tzinfo=UTC),
        datetime(2025, 3, 2, 15, tzinfo=UTC),
    ]
    assert in_utc(datetime(2025, 3, 2, 10)) == datetime(2025, 3, 2, 10, tzinfo=UTC)


def record(provider: str, stamp: datetime | None, consent: bool | None = None) -> dict[str, Any]:
    return {"provider": provider, "source_updated_at": stamp, "marketing_consent": consent}


def test_the_golden_record_orders_naive_and_aware_times_as_instants() -> None:
    late_naive = datetime(2025, 3, 2, 10)
    early_aware = datetime(2025, 3, 1, 10, tzinfo=UTC)
    metrics = order_metrics([{"created_at": late_naive}, {"created_at": early_aware}])
    assert metrics.first_order_at == early_aware
    assert metrics.last_order_at == datetime(2025, 3, 2, 10, tzinfo=UTC)
    records = [record("shopify", early_aware, True), record("shopify", late_naive, False)]
    assert rank_records(records, ["shopify"])[0]["source_updated_at"] == late_naive
    assert latest_consent(records) is False
    assert latest_consent([record("shopify", None, True), record("qbo", None)]) is True
