"""Page envelopes of the providers' APIs, unwrapped to their objects (no database)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph_identity.adapters import ADAPTERS
from graph_identity.adapters.envelopes import page_items

FIXTURES = Path(__file__).resolve().parents[1] / "adapters" / "fixtures"


def fixture(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return loaded


@pytest.mark.parametrize(
    ("provider", "name", "wrap"),
    [
        ("qbo", "qbo/customer.json", lambda o: {"QueryResponse": {"Customer": [o, o]}}),
        ("amazon", "amazon/order.json", lambda o: {"payload": {"Orders": [o, o]}}),
        ("lightspeed_retail", "lightspeed_retail/customer.json", lambda o: {"data": [o, o]}),
        (
            "shopify",
            "shopify/customer_graphql.json",
            lambda o: {"data": {"customers": {"edges": [{"node": o}, {"node": o}]}}},
        ),
        ("shipstation", "shipstation/shipment.json", lambda o: {"shipments": [o, o], "pages": 1}),
    ],
)
def test_each_providers_page_yields_objects_its_adapter_reads(
    provider: str, name: str, wrap: Any
) -> None:
    one = fixture(name)
    items = page_items(wrap(one))
    assert items == [one, one]
    adapter = ADAPTERS[provider].row_adapter("json")
    assert [adapter(item).provider for item in items] == [provider, provider]


@pytest.mark.parametrize(
    "name",
    [
        "qbo/customer.json",
        "amazon/order.json",
        "shopify/customer_rest.json",
        "shopify/order_rest.json",
        "lightspeed_retail/sale_retail.json",
        "shipstation/shipment.json",
    ],
)
def test_a_single_object_is_not_an_envelope(name: str) -> None:
    assert page_items(fixture(name)) is None


def test_an_empty_qbo_page_has_no_objects() -> None:
    assert page_items({"QueryResponse": {"startPosition": 1, "maxResults": 0}}) == []
