"""Issue 20, defect 2: offset and shop-local times of one customer, through HTTP.

Shopify and Lightspeed X-Series send order times with an offset; the Lightspeed eCom CSV
sends the shop's local clock without one. Both are stored as one form (a UTC ``DATETIME``,
the local one read in ``GRAPH_IDENTITY_SHOP_TIMEZONE``), so a customer holding both reads,
explains and compares without mixing naive and aware values. A graph written before that
may hold ``LOCAL DATETIME`` values: they are read as UTC.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
from neo4j import Driver

from tests.api.helpers import body

EMAIL = "mixed.times@example.com"


def order(order_id: str, created_at: str, channel: str) -> dict[str, Any]:
    return {
        "id": order_id,
        "total": "10.00",
        "currency": "USD",
        "created_at": created_at,
        "channel": channel,
    }


def post_two_records(client: httpx.Client, offset_time: str, local_time: str) -> str:
    """A Shopify record with an offset-time order and an eCom record with a local-time one,
    sharing an email: one customer. Returns its id."""
    shop = client.post(
        "/v1/records",
        json=body("shopify", "s1", emails=[EMAIL], orders=[order("o-shop", offset_time, "web")]),
    )
    assert shop.status_code == 201, shop.text
    ecom = client.post(
        "/v1/records",
        json=body(
            "lightspeed_ecom",
            "e1",
            emails=[EMAIL],
            updated_at=local_time,
            orders=[order("o-ecom", local_time, "ecom")],
        ),
    )
    assert ecom.status_code == 200, ecom.text
    assert ecom.json()["customer_id"] == shop.json()["customer_id"]
    return str(shop.json()["customer_id"])


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_a_customer_with_offset_and_local_order_times_reads_in_time_order(
    api: httpx.Client, graph: Driver
) -> None:
    customer_id = post_two_records(api, "2025-03-01T10:00:00Z", "2025-03-02T10:00:00")
    answer = api.get(f"/v1/customers/{customer_id}")
    assert answer.status_code == 200, answer.text
    customer = answer.json()
    assert customer["order_count"] == 2
    assert instant(customer["first_order_at"]) == datetime(2025, 3, 1, 10, tzinfo=UTC)
    assert instant(customer["last_order_at"]) == datetime(2025, 3, 2, 10, tzinfo=UTC)
    assert set(customer["orders_by_channel"]) == {"ecom", "web"}
    explanation = api.get(f"/v1/customers/{customer_id}/explanation")
    assert explanation.status_code == 200, explanation.text
    compared = api.get(
        "/v1/compare/orders", params={"source": "lightspeed_ecom", "destination": "shopify"}
    )
    assert compared.status_code == 200, compared.text
    rows, _, _ = graph.execute_query(
        "MATCH (o:Order) RETURN o.order_id AS id, o.created_at.timezone AS zone ORDER BY id"
    )
    assert [(r["id"], r["zone"]) for r in rows] == [("o-ecom", "Z"), ("o-shop", "Z")]


def test_local_times_are_read_in_the_configured_shop_zone(
    api_server: Callable[..., httpx.Client], graph: Driver
) -> None:
    client = api_server(shop_timezone="America/New_York")
    # 08:00 on a New York clock is 13:00 UTC: after the 12:00 UTC Shopify order (read as
    # UTC it would come first).
    customer_id = post_two_records(client, "2025-03-01T12:00:00Z", "2025-03-01T08:00:00")
    customer = client.get(f"/v1/customers/{customer_id}").json()
    assert instant(customer["first_order_at"]) == datetime(2025, 3, 1, 12, tzinfo=UTC)
    assert instant(customer["last_order_at"]) == datetime(2025, 3, 1, 13, tzinfo=UTC)
    rows, _, _ = graph.execute_query(
        "MATCH (r:Record {key: 'lightspeed_ecom:e1'})-[h:HAS]->() "
        "RETURN r.source_updated_at AS updated, h.last_seen AS seen"
    )
    (row,) = rows
    for name in ("updated", "seen"):
        assert row[name].to_native() == datetime(2025, 3, 1, 13, tzinfo=UTC)


def test_local_datetime_values_of_an_older_graph_read_as_utc_and_are_rewritten(
    api: httpx.Client, graph: Driver
) -> None:
    customer_id = post_two_records(api, "2025-03-01T10:00:00Z", "2025-03-02T10:00:00")
    # What the service wrote before one stored form: shop-local times as LOCAL DATETIME.
    graph.execute_query(
        "MATCH (r:Record {key: 'lightspeed_ecom:e1'})-[h:HAS]->(), (r)-[:PLACED]->(o:Order) "
        "SET o.created_at = localdatetime('2025-03-02T10:00:00'), "
        "    r.source_updated_at = localdatetime('2025-03-02T10:00:00'), "
        "    r.first_seen = localdatetime('2025-03-02T10:00:00'), "
        "    r.last_seen = localdatetime('2025-03-02T10:00:00'), "
        "    h.first_seen = localdatetime('2025-03-02T10:00:00'), "
        "    h.last_seen = localdatetime('2025-03-02T10:00:00')"
    )
    customer = api.get(f"/v1/customers/{customer_id}")
    assert customer.status_code == 200, customer.text
    assert instant(customer.json()["last_order_at"]) == datetime(2025, 3, 2, 10, tzinfo=UTC)
    for path in (
        f"/v1/customers/{customer_id}/explanation",
        f"/v1/customers/{customer_id}/explanation?format=text",
        "/v1/explain?a=shopify:s1&b=lightspeed_ecom:e1",
        "/v1/compare/orders?source=lightspeed_ecom&destination=shopify",
        "/v1/compare/customers?source=lightspeed_ecom&destination=shopify",
    ):
        answer = api.get(path)
        assert answer.status_code == 200, (path, answer.text)
    resent = api.post(
        "/v1/records",
        json=body(
            "lightspeed_ecom",
            "e1",
            emails=[EMAIL],
            updated_at="2025-03-03T09:00:00",
            orders=[order("o-ecom", "2025-03-02T10:00:00", "ecom")],
        ),
    )
    assert resent.status_code == 200, resent.text
    rows, _, _ = graph.execute_query(
        "MATCH (r:Record {key: 'lightspeed_ecom:e1'})-[h:HAS]->() "
        "RETURN r.last_seen AS record_seen, h.last_seen AS link_seen"
    )
    (row,) = rows
    for name in ("record_seen", "link_seen"):
        assert row[name].to_native() == datetime(2025, 3, 3, 9, tzinfo=UTC), name
