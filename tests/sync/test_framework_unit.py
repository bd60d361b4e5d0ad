"""The sync framework's pure parts, without Neo4j: retries, Retry-After, ordering, options."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from graph_identity.sync import SyncConfigError, registry
from graph_identity.sync.http import HttpClient, ProviderHttpError, retry_after_seconds
from graph_identity.sync.job import parse_since
from graph_identity.sync.shopify import _throttle_wait
from tests.sync.fakes import FAILED, FakeResponse, FakeServer


@pytest.fixture
def server() -> Iterator[FakeServer]:
    server = FakeServer(lambda request: FakeResponse(200, {"ok": True}))
    yield server
    server.close()


def test_retry_after_is_read_as_seconds_or_an_http_date() -> None:
    now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("7", now) == 7.0
    assert retry_after_seconds("Thu, 03 Dec 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Thu, 03 Dec 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_throttling_waits_as_asked_then_backs_off_exponentially(server: FakeServer) -> None:
    waits: list[float] = []
    server.fail_after(
        0,
        FakeResponse(429, None, {"Retry-After": "3"}),
        FakeResponse(503),
        FakeResponse(500),
        FakeResponse(429, None, {"Retry-After": "900"}),
    )
    client = HttpClient(server.url, backoff=0.5, max_wait=60, sleep=waits.append)
    body, _ = client.json("GET", "/anything")
    assert body == {"ok": True}
    assert waits == [3.0, 1.0, 2.0, 60.0]  # asked; 0.5 * 2^1; 0.5 * 2^2; capped
    assert client.retries == 4


def test_retries_are_bounded_and_the_error_names_no_query(server: FakeServer) -> None:
    server.fail_after(0, *[FAILED] * 3)
    client = HttpClient(server.url, max_retries=2, sleep=lambda _: None)
    with pytest.raises(ProviderHttpError) as raised:
        client.request("GET", "/orders", params={"email": "ada@example.com"})
    assert raised.value.status == 500
    assert "ada@example.com" not in str(raised.value)
    assert len(server.requests) == 3


def test_other_client_errors_are_not_retried(server: FakeServer) -> None:
    server.fail_after(0, FakeResponse(403, {"error": "forbidden"}))
    client = HttpClient(server.url, sleep=lambda _: pytest.fail("no retry expected"))
    with pytest.raises(ProviderHttpError, match="HTTP 403"):
        client.request("GET", "/customers")


def test_providers_run_in_authority_order() -> None:
    priority = ["qbo", "shopify", "woocommerce", "amazon"]
    assert registry.ordered(["amazon", "qbo", "shipstation", "shopify", "qbo"], priority) == [
        "qbo",
        "shopify",
        "amazon",
        "shipstation",
    ]
    with pytest.raises(SyncConfigError, match="no connector for loyalty"):
        registry.ordered(["loyalty"], priority)


def test_since_is_utc_without_an_offset_and_never_in_the_future() -> None:
    assert parse_since("2026-11-01") == datetime(2026, 11, 1, tzinfo=UTC)
    assert parse_since("2026-11-01T10:00:00+02:00") == datetime(2026, 11, 1, 8, tzinfo=UTC)
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    with pytest.raises(SyncConfigError, match="since: is in the future"):
        parse_since(future)


def test_shopify_waits_for_the_bucket_to_refill_to_the_query_cost() -> None:
    def cost(requested: float, available: float, rate: float) -> dict[str, Any]:
        status = {"currentlyAvailable": available, "restoreRate": rate}
        return {"extensions": {"cost": {"requestedQueryCost": requested, "throttleStatus": status}}}

    assert _throttle_wait(cost(102, 2, 50)) == 2.0
    assert _throttle_wait(cost(50, 1000, 50)) is None
    assert _throttle_wait({"data": {}}) is None
