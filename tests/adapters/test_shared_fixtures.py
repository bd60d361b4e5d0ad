"""The fixtures in ``tests/fixtures/`` read cleanly and overlap exactly as their READMEs say."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from graph_identity.adapters import lightspeed_ecom, lightspeed_retail, qbo, shopify
from graph_identity.config import Settings
from graph_identity.models import RecordIn
from graph_identity.normalize.record import NormalizationConfig, normalize_record

SHARED = Path(__file__).resolve().parents[1] / "fixtures"


def _json(name: str) -> list[Any]:
    data: list[Any] = json.loads((SHARED / name).read_text(encoding="utf-8"))
    return data


def _csv(name: str) -> list[dict[str, str]]:
    with (SHARED / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _links(left: list[RecordIn], right: list[RecordIn]) -> set[tuple[str, str, str]]:
    """(left key, right key, identifier kinds) for every pair sharing an identifier."""
    config = NormalizationConfig.from_settings(Settings())
    a = [normalize_record(r, config) for r in left]
    b = [normalize_record(r, config) for r in right]
    assert all(not n.issues for n in [*a, *b])
    links = set()
    for x in a:
        for y in b:
            shared = {i.key for i in x.linking_identifiers} & {i.key for i in y.linking_identifiers}
            if shared:
                kinds = "+".join(sorted({key.split(":", 1)[0] for key in shared}))
                links.add((x.key, y.key, kinds))
    return links


def test_compare_overlap_is_exactly_the_documented_six() -> None:
    shop = [shopify.customer_to_record(c) for c in _json("compare/shopify_customers.json")]
    books = [qbo.customer_to_record(c) for c in _json("compare/qbo_customers.json")]

    assert (len(shop), len(books)) == (10, 8)
    assert _links(shop, books) == {
        ("shopify:7301000000001", "qbo:101", "email"),
        ("shopify:7301000000002", "qbo:102", "email"),
        ("shopify:7301000000003", "qbo:103", "phone"),
        ("shopify:7301000000004", "qbo:104", "email+phone"),
        ("shopify:7301000000005", "qbo:105", "phone"),
        ("shopify:7301000000006", "qbo:106", "email"),
    }


def test_shop_orders_belong_to_the_documented_customers() -> None:
    customers = [
        lightspeed_retail.customer_to_record(c) for c in _json("shop/xseries_customers.json")
    ]
    orders = [lightspeed_ecom.csv_row_to_record(row) for row in _csv("shop/ecom_orders.csv")]
    by_order = {record.orders[0].id: record for record in orders}
    prefix = "lightspeed_retail:06e35f89-3783-11ef-ec7e-5b1c0a9e000"

    def owners(order_id: str) -> set[tuple[str, str]]:
        return {(c[-1], kinds) for _, c, kinds in _links([by_order[order_id]], customers)}

    assert len(customers) == 6
    assert len(orders) == 8
    assert all(c.startswith(prefix) for _, c, _ in _links(orders, customers))
    assert owners("ORD01001") == {("1", "email"), ("2", "phone")}
    assert owners("ORD01002") == {("3", "email")}
    assert owners("ORD01003") == {("4", "phone")}
    assert owners("ORD01004") == {("5", "email+phone")}
    assert owners("ORD01005") == {("5", "email")}
    assert owners("ORD01006") == owners("ORD01007") == set()
    assert owners("ORD01008") == {("6", "phone")}
    guest = _links([by_order["ORD01006"]], [by_order["ORD01007"]])
    assert [kinds for _, _, kinds in guest] == ["address+email"]
