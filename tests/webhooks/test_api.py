"""Webhooks end to end: the real app under uvicorn, real HMACs, the real Neo4j."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from neo4j import Driver
from pydantic import SecretStr

from tests.conftest import free_port
from tests.webhooks.helpers import (
    LIGHTSPEED_SECRET,
    SHOPIFY_SECRET,
    WOO_SECRET,
    b64_hmac,
    deliveries,
    fixture,
    graph_state,
    hex_hmac,
    lightspeed_delivery,
    shopify_delivery,
    woo_delivery,
)

SECRETS = {
    "shopify_webhook_secret": SecretStr(SHOPIFY_SECRET),
    "woocommerce_webhook_secret": SecretStr(WOO_SECRET),
    "lightspeed_webhook_secret": SecretStr(LIGHTSPEED_SECRET),
}
ROSA = "rosa.delgado@example.com"
ROSA_ID = "7208843165841"


@pytest.fixture
def hooks(api_server: Callable[..., httpx.Client]) -> httpx.Client:
    return api_server(**SECRETS)


def post(client: httpx.Client, source: str, delivery: tuple[dict[str, str], bytes]) -> Any:
    headers, body = delivery
    return client.post(f"/v1/webhooks/{source}", headers=headers, content=body)


def resolve(client: httpx.Client, **query: str) -> httpx.Response:
    return client.post("/v1/resolve", json=query)


def test_shopify_customer_is_ingested_and_resolvable(hooks: httpx.Client, graph: Driver) -> None:
    delivery = shopify_delivery("customers/create", fixture("shopify/customer_rest.json"))
    answer = post(hooks, "shopify", delivery)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "processed" and body["action"] == "created"
    assert body["record"] == f"shopify:{ROSA_ID}" and body["topic"] == "customers/create"
    found = resolve(hooks, email=ROSA)
    assert found.status_code == 200
    assert found.json()["customer_id"] == body["customer_id"]
    by_id = resolve(hooks, provider="shopify", external_id=ROSA_ID)
    assert by_id.json()["customer_id"] == body["customer_id"]
    assert deliveries(graph) == sorted(
        [
            f"shopify:body:{hashlib.sha256(delivery[1]).hexdigest()}",
            "shopify:webhook-id:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
        ]
    )


def test_no_api_key_is_needed_the_signature_is_the_credential(
    hooks: httpx.Client, graph: Driver
) -> None:
    with httpx.Client(base_url=str(hooks.base_url), timeout=60) as anonymous:
        answer = post(
            anonymous,
            "shopify",
            shopify_delivery("customers/create", fixture("shopify/customer_rest.json")),
        )
        assert answer.status_code == 200 and answer.json()["status"] == "processed"
        assert anonymous.post("/v1/resolve", json={"email": ROSA}).status_code == 401


def test_wrong_or_missing_signature_is_401_and_writes_nothing(
    hooks: httpx.Client, graph: Driver
) -> None:
    post(
        hooks,
        "shopify",
        shopify_delivery("customers/create", fixture("shopify/customer_rest.json")),
    )
    before = graph_state(graph)
    order = fixture("shopify/order_rest.json")
    forged = shopify_delivery("orders/create", order, secret="guessed", webhook_id="w-2")
    answer = post(hooks, "shopify", forged)
    assert answer.status_code == 401
    assert answer.json() == {"detail": "X-Shopify-Hmac-Sha256 does not match the body"}
    headers, body = shopify_delivery("orders/create", order, webhook_id="w-3")
    del headers["X-Shopify-Hmac-Sha256"]
    assert post(hooks, "shopify", (headers, body)).status_code == 401
    tampered_headers, signed = shopify_delivery("orders/create", order, webhook_id="w-4")
    tampered = signed.replace(b"94.56", b"9.56")
    assert post(hooks, "shopify", (tampered_headers, tampered)).status_code == 401
    assert graph_state(graph) == before


def test_replayed_delivery_is_a_duplicate_and_writes_nothing(
    hooks: httpx.Client, graph: Driver
) -> None:
    delivery = shopify_delivery("customers/create", fixture("shopify/customer_rest.json"))
    first = post(hooks, "shopify", delivery)
    assert first.json()["status"] == "processed"
    before = graph_state(graph)
    again = post(hooks, "shopify", delivery)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["customer_id"] is None and again.json()["action"] is None
    # Headers are not signed: the same body under a fresh delivery id is still a replay.
    reheadered = shopify_delivery(
        "customers/update", fixture("shopify/customer_rest.json"), webhook_id="fresh-id"
    )
    assert post(hooks, "shopify", reheadered).json()["status"] == "duplicate"
    assert graph_state(graph) == before


def test_stale_timestamp_is_401_and_writes_nothing(hooks: httpx.Client, graph: Driver) -> None:
    stale = (datetime.now(UTC) - timedelta(hours=6)).isoformat()
    delivery = shopify_delivery(
        "customers/create", fixture("shopify/customer_rest.json"), triggered_at=stale
    )
    answer = post(hooks, "shopify", delivery)
    assert answer.status_code == 401
    assert "X-Shopify-Triggered-At is older" in answer.json()["detail"]
    assert graph_state(graph) == ([], [])


def test_tolerance_is_configurable(api_server: Callable[..., httpx.Client], graph: Driver) -> None:
    client = api_server(webhook_max_age_seconds=300, **SECRETS)
    ten_minutes_ago = (datetime.now(UTC) - timedelta(minutes=10)).isoformat()
    delivery = shopify_delivery(
        "customers/create", fixture("shopify/customer_rest.json"), triggered_at=ten_minutes_ago
    )
    assert post(client, "shopify", delivery).status_code == 401


def test_shopify_order_adds_to_its_customer(hooks: httpx.Client, graph: Driver) -> None:
    created = post(
        hooks,
        "shopify",
        shopify_delivery("customers/create", fixture("shopify/customer_rest.json")),
    ).json()
    order = post(
        hooks,
        "shopify",
        shopify_delivery("orders/create", fixture("shopify/order_rest.json"), webhook_id="o-1"),
    ).json()
    assert order["status"] == "processed" and order["customer_id"] == created["customer_id"]
    customer = hooks.get(f"/v1/customers/{created['customer_id']}").json()
    assert customer["order_count"] == 1
    assert ROSA in customer["emails"]
    assert customer["primary_phone"] == "+16175550142"


def test_unknown_topic_is_ignored_and_writes_nothing(hooks: httpx.Client, graph: Driver) -> None:
    answer = post(hooks, "shopify", shopify_delivery("products/update", {"id": 1, "title": "x"}))
    assert answer.status_code == 200
    assert answer.json()["status"] == "ignored" and answer.json()["topic"] == "products/update"
    assert graph_state(graph) == ([], [])


def test_unconfigured_secret_is_503_and_writes_nothing(
    api_server: Callable[..., httpx.Client], graph: Driver
) -> None:
    client = api_server()
    shop = post(
        client,
        "shopify",
        shopify_delivery("customers/create", fixture("shopify/customer_rest.json")),
    )
    assert shop.status_code == 503
    assert "GRAPH_IDENTITY_SHOPIFY_WEBHOOK_SECRET" in shop.json()["detail"]
    woo = post(
        client,
        "woocommerce",
        woo_delivery("customer.created", fixture("woocommerce/customer.json")),
    )
    assert woo.status_code == 503
    for secret in (LIGHTSPEED_SECRET, None):
        lightspeed = post(
            client,
            "lightspeed",
            lightspeed_delivery(
                "customer.update", fixture("lightspeed_retail/customer.json"), secret=secret
            ),
        )
        assert lightspeed.status_code == 503, lightspeed.text
        assert "GRAPH_IDENTITY_LIGHTSPEED_ACCEPT_UNSIGNED" in lightspeed.json()["detail"]
    assert graph_state(graph) == ([], [])


def test_lightspeed_unsigned_deliveries_are_an_explicit_opt_in(
    api_server: Callable[..., httpx.Client], graph: Driver
) -> None:
    client = api_server(lightspeed_accept_unsigned=True)
    unsigned = lightspeed_delivery(
        "customer.update", fixture("lightspeed_retail/customer.json"), secret=None
    )
    answer = post(client, "lightspeed", unsigned)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "processed" and answer.json()["action"] == "created"
    assert deliveries(graph) and all(k.startswith("lightspeed:") for k in deliveries(graph))
    assert resolve(client, email="johanna.petrov@example.com").status_code == 200


def test_woocommerce_ping_then_customer_then_retry(hooks: httpx.Client, graph: Driver) -> None:
    ping = hooks.post(
        "/v1/webhooks/woocommerce",
        content=b"webhook_id=12",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert ping.status_code == 200 and ping.json()["status"] == "ping"
    assert graph_state(graph) == ([], [])
    payload = fixture("woocommerce/customer.json")
    first = post(hooks, "woocommerce", woo_delivery("customer.created", payload, delivery_id="a1"))
    assert first.json()["status"] == "processed" and first.json()["action"] == "created"
    assert (
        resolve(hooks, provider="woocommerce", external_id=str(payload["id"])).json()["customer_id"]
        == first.json()["customer_id"]
    )
    before = graph_state(graph)
    # WooCommerce sends a new delivery id on every attempt: the body digest catches a retry.
    retry = post(hooks, "woocommerce", woo_delivery("customer.created", payload, delivery_id="b2"))
    assert retry.json()["status"] == "duplicate"
    assert graph_state(graph) == before


def test_woocommerce_order_links_to_its_customer(hooks: httpx.Client, graph: Driver) -> None:
    customer = post(
        hooks, "woocommerce", woo_delivery("customer.created", fixture("woocommerce/customer.json"))
    ).json()
    order = post(
        hooks,
        "woocommerce",
        woo_delivery("order.created", fixture("woocommerce/order.json"), delivery_id="o1"),
    ).json()
    assert order["status"] == "processed"
    assert order["customer_id"] == customer["customer_id"]


def rejections(client: httpx.Client) -> dict[tuple[str, str], float]:
    """``graph_identity_webhook_rejected_deliveries_total`` samples by (source, kind)."""
    found: dict[tuple[str, str], float] = {}
    for line in client.get("/metrics").text.splitlines():
        if line.startswith("graph_identity_webhook_rejected_deliveries_total{"):
            labels, value = line.rsplit(" ", 1)
            pairs = dict(
                part.split("=", 1) for part in labels[labels.index("{") + 1 : -1].split(",")
            )
            found[(pairs["source"].strip('"'), pairs["kind"].strip('"'))] = float(value)
    return found


def test_signed_payload_the_adapter_rejects_is_200_rejected_naming_the_field(
    hooks: httpx.Client, graph: Driver
) -> None:
    payload = fixture("woocommerce/customer.json")
    payload["id"] = 0
    delivery = woo_delivery("customer.updated", payload)
    for _ in range(2):  # a provider retry is rejected the same way: nothing was remembered
        answer = post(hooks, "woocommerce", delivery)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["status"] == "rejected" and body["rejection"] == "payload"
        (problem,) = body["problems"]
        assert problem["loc"] == ["body", "id"] and "guest" in problem["msg"]
        assert "example.com" not in answer.text and "Rosa" not in answer.text
        assert graph_state(graph) == ([], [])
    assert rejections(hooks) == {("woocommerce", "payload"): 2.0}


def test_signed_record_without_usable_identifier_is_200_rejected_and_writes_nothing(
    hooks: httpx.Client, graph: Driver
) -> None:
    order = fixture("woocommerce/order_guest.json")
    order["billing"] = {"first_name": "Nobody"}
    order["shipping"] = None
    answer = post(hooks, "woocommerce", woo_delivery("order.created", order))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "rejected" and body["rejection"] == "record"
    assert body["topic"] == "order.created" and body["customer_id"] is None
    assert ["record", "external_id"] in [p["loc"] for p in body["problems"]]
    assert "Nobody" not in answer.text
    assert graph_state(graph) == ([], [])
    assert rejections(hooks) == {("woocommerce", "record"): 1.0}


def test_signed_garbage_is_200_rejected(hooks: httpx.Client, graph: Driver) -> None:
    body = b"{not json"
    headers = {"X-WC-Webhook-Topic": "order.created"}
    headers["X-WC-Webhook-Signature"] = b64_hmac(WOO_SECRET, body)
    answer = hooks.post("/v1/webhooks/woocommerce", headers=headers, content=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "rejected"
    assert answer.json()["problems"] == [{"loc": ["body"], "msg": "not valid JSON"}]
    signed_form = b"payload=%5B%5D"
    lightspeed = hooks.post(
        "/v1/webhooks/lightspeed",
        content=signed_form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Signature": f"signature={hex_hmac(LIGHTSPEED_SECRET, signed_form)},"
            "algorithm=HMAC-SHA256",
        },
    )
    assert lightspeed.status_code == 200, lightspeed.text
    assert lightspeed.json()["problems"][0]["loc"] == ["body", "payload"]
    assert graph_state(graph) == ([], [])
    assert rejections(hooks) == {("woocommerce", "payload"): 1.0, ("lightspeed", "payload"): 1.0}


def test_signed_bad_delivery_header_is_200_rejected(hooks: httpx.Client, graph: Driver) -> None:
    headers, body = shopify_delivery("customers/create", fixture("shopify/customer_rest.json"))
    headers["X-Shopify-Webhook-Id"] = "x" * 300
    answer = post(hooks, "shopify", (headers, body))
    assert answer.status_code == 200, answer.text
    assert answer.json()["rejection"] == "header"
    assert answer.json()["problems"][0]["loc"] == ["header", "X-Shopify-Webhook-Id"]
    assert graph_state(graph) == ([], [])


def test_unauthenticated_bad_payload_is_still_401(hooks: httpx.Client, graph: Driver) -> None:
    answer = hooks.post(
        "/v1/webhooks/woocommerce",
        headers={"X-WC-Webhook-Topic": "order.created", "X-WC-Webhook-Signature": "bad"},
        content=b"{not json",
    )
    assert answer.status_code == 401
    assert graph_state(graph) == ([], [])
    assert rejections(hooks) == {}


def test_lightspeed_customer_then_sale(hooks: httpx.Client, graph: Driver) -> None:
    customer = post(
        hooks,
        "lightspeed",
        lightspeed_delivery("customer.update", fixture("lightspeed_retail/customer.json")),
    ).json()
    assert customer["status"] == "processed" and customer["action"] == "created"
    sale = post(
        hooks,
        "lightspeed",
        lightspeed_delivery("sale.update", fixture("lightspeed_retail/sale_retail.json")),
    ).json()
    assert sale["status"] == "processed" and sale["customer_id"] == customer["customer_id"]
    assert hooks.get(f"/v1/customers/{customer['customer_id']}").json()["order_count"] == 1
    found = resolve(hooks, email="johanna.petrov@example.com").json()
    assert found["customer_id"] == customer["customer_id"]


def test_lightspeed_with_a_secret_refuses_unsigned(hooks: httpx.Client, graph: Driver) -> None:
    unsigned = lightspeed_delivery(
        "customer.update", fixture("lightspeed_retail/customer.json"), secret=None
    )
    answer = post(hooks, "lightspeed", unsigned)
    assert answer.status_code == 401
    assert graph_state(graph) == ([], [])


def test_erased_record_is_not_brought_back_by_a_webhook(hooks: httpx.Client, graph: Driver) -> None:
    payload = fixture("shopify/customer_rest.json")
    post(hooks, "shopify", shopify_delivery("customers/create", payload))
    assert hooks.delete(f"/v1/records/shopify/{ROSA_ID}").status_code == 200
    before = graph_state(graph)
    payload["updated_at"] = "2024-07-01T10:00:00-04:00"
    answer = post(hooks, "shopify", shopify_delivery("customers/update", payload, webhook_id="u1"))
    assert answer.status_code == 200
    assert answer.json()["status"] == "erased" and answer.json()["record"] == f"shopify:{ROSA_ID}"
    assert graph_state(graph) == before
    assert resolve(hooks, email=ROSA).status_code == 404


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        (b"payload=" + b"%5B" * 100_000, ["body", "payload"]),
        (b"payload=%7B%22id%22%3A" + b"%7B%22a%22%3A" * 50_000, ["body", "payload"]),
        (b"\xff\xfe\x00", ["body"]),
        (b"", ["body", "payload"]),
    ],
)
def test_hostile_unsigned_lightspeed_bodies_are_422_never_500(
    api_server: Callable[..., httpx.Client], graph: Driver, body: bytes, loc: list[str]
) -> None:
    client = api_server(lightspeed_accept_unsigned=True)  # unsigned deliveries are read
    answer = client.post(
        "/v1/webhooks/lightspeed",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == loc
    assert graph_state(graph) == ([], [])


def test_processed_webhooks_count_in_the_ingest_metric(hooks: httpx.Client, graph: Driver) -> None:
    delivery = shopify_delivery("customers/create", fixture("shopify/customer_rest.json"))
    post(hooks, "shopify", delivery)
    post(hooks, "shopify", delivery)  # a duplicate ingests nothing
    metrics = hooks.get("/metrics").text
    assert 'graph_identity_ingested_records_total{action="created"} 1.0' in metrics


def test_neo4j_down_is_503_and_the_provider_retry_is_processed_later(
    api_server: Callable[..., httpx.Client], graph: Driver
) -> None:
    down = api_server(neo4j_uri=f"neo4j://127.0.0.1:{free_port()}", **SECRETS)
    delivery = shopify_delivery("customers/create", fixture("shopify/customer_rest.json"))
    answer = post(down, "shopify", delivery)
    assert answer.status_code == 503 and answer.headers["Retry-After"]
    assert "example.com" not in answer.text
    assert graph_state(graph) == ([], [])
    retried = post(api_server(**SECRETS), "shopify", delivery)
    assert retried.json()["status"] == "processed"


def test_no_personal_data_in_logs(
    hooks: httpx.Client, graph: Driver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    customer = fixture("shopify/customer_rest.json")
    delivery = shopify_delivery("customers/create", customer)
    post(hooks, "shopify", delivery)
    post(hooks, "shopify", delivery)
    post(hooks, "shopify", shopify_delivery("customers/update", customer, secret="bad"))
    broken = dict(customer, email=12)
    post(hooks, "shopify", shopify_delivery("customers/update", broken, webhook_id="b"))
    woo = fixture("woocommerce/order_guest.json")
    woo["billing"] = {"first_name": "Nobody", "email": "nobody@@example"}
    post(hooks, "woocommerce", woo_delivery("order.created", woo))
    hooks.delete(f"/v1/records/shopify/{ROSA_ID}")
    erased = dict(customer, updated_at="2024-08-01T00:00:00Z")
    post(hooks, "shopify", shopify_delivery("customers/update", erased, webhook_id="e"))
    text = caplog.text
    assert "webhook shopify 'customers/create': processed" in text
    assert "webhook shopify 'customers/create': duplicate" in text
    for value in (ROSA, "6175550142", "617) 555", "48 Linden", "Delgado", "nobody@@example"):
        assert value not in text
