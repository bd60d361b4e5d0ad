"""Record bodies and graph checks shared by the API tests."""

from __future__ import annotations

from typing import Any

from neo4j import Driver


def body(provider: str, external_id: str, **fields: Any) -> dict[str, Any]:
    return {"provider": provider, "external_id": external_id, **fields}


def order(order_id: str, total: str, channel: str = "ecom") -> dict[str, Any]:
    return {
        "id": order_id,
        "total": total,
        "currency": "USD",
        "created_at": "2024-03-02T10:00:00Z",
        "channel": channel,
    }


def pos_and_ecom() -> list[dict[str, Any]]:
    """Two POS records (email only, phone only) and a web record carrying both."""
    return [
        body(
            "lightspeed_retail",
            "pos-email",
            emails=["Ada@Example.com"],
            orders=[order("s1", "10.00", "retail")],
        ),
        body(
            "lightspeed_retail",
            "pos-phone",
            phones=["(512) 555-0142"],
            orders=[order("s2", "20.00", "retail")],
        ),
        body(
            "lightspeed_ecom",
            "web-1",
            emails=["ada@example.com"],
            phones=["+1 512 555 0142"],
            orders=[order("w1", "30.00")],
        ),
    ]


def count(driver: Driver, query: str, **params: Any) -> int:
    records, _, _ = driver.execute_query(query, params)
    return int(records[0][0])


def node_count(driver: Driver) -> int:
    return count(driver, "MATCH (n) RETURN count(n)")
