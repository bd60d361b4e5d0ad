"""Reading deliveries into records, without Neo4j: topics, pings, refusals, replay keys."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import SecretStr

from graph_identity.config import Settings
from graph_identity.webhooks import lightspeed, shopify, woocommerce
from graph_identity.webhooks.delivery import Delivery, Intent, lower_keys
from graph_identity.webhooks.errors import BadDelivery, SecretNotConfigured, Unauthenticated
from tests.webhooks.helpers import (
    LIGHTSPEED_SECRET,
    SHOPIFY_SECRET,
    WOO_SECRET,
    b64_hmac,
    fixture,
    lightspeed_delivery,
    shopify_delivery,
    woo_delivery,
)


def settings(**overrides: Any) -> Settings:
    base: dict[str, Any] = {
        "shopify_webhook_secret": SecretStr(SHOPIFY_SECRET),
        "woocommerce_webhook_secret": SecretStr(WOO_SECRET),
        "lightspeed_webhook_secret": SecretStr(LIGHTSPEED_SECRET),
    }
    return Settings(_env_file=None).model_copy(update={**base, **overrides})


def read_shopify(headers: dict[str, str], body: bytes, **overrides: Any) -> Delivery:
    return shopify.read(lower_keys(headers), body, settings(**overrides), datetime.now(UTC))


def read_woo(headers: dict[str, str], body: bytes, **overrides: Any) -> Delivery:
    return woocommerce.read(lower_keys(headers), body, settings(**overrides), datetime.now(UTC))


def read_lightspeed(headers: dict[str, str], body: bytes, **overrides: Any) -> Delivery:
    return lightspeed.read(lower_keys(headers), body, settings(**overrides), datetime.now(UTC))


def test_shopify_customer_is_a_full_record_with_id_and_body_keys() -> None:
    headers, body = shopify_delivery("customers/create", fixture("shopify/customer_rest.json"))
    headers["X-Shopify-Event-Id"] = "98880550-7158-44d4-b7cd-2c97c8a091b5"
    delivery = read_shopify(headers, body)
    assert delivery.intent is Intent.INGEST and delivery.topic == "customers/create"
    assert delivery.record is not None and not delivery.record.partial
    assert delivery.record.provider == "shopify"
    assert delivery.record.external_id == "7208843165841"
    assert delivery.record.emails == ["rosa.delgado@example.com"]
    assert delivery.replay_keys == (
        f"shopify:body:{hashlib.sha256(body).hexdigest()}",
        "shopify:event-id:98880550-7158-44d4-b7cd-2c97c8a091b5",
        "shopify:webhook-id:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    )


def test_shopify_order_is_a_partial_view_carrying_the_order() -> None:
    headers, body = shopify_delivery("orders/create", fixture("shopify/order_rest.json"))
    delivery = read_shopify(headers, body)
    assert delivery.record is not None and delivery.record.partial
    assert [o.id for o in delivery.record.orders] == ["5712203841681"]


def test_shopify_guest_order_has_no_external_id() -> None:
    headers, body = shopify_delivery("orders/create", fixture("shopify/order_guest.json"))
    delivery = read_shopify(headers, body)
    assert delivery.record is not None and delivery.record.external_id is None
    assert delivery.record.partial and delivery.record.emails


@pytest.mark.parametrize("topic", ["products/update", "orders/paid", "app/uninstalled", None])
def test_shopify_unknown_topics_are_ignored_after_verification(topic: str | None) -> None:
    headers, body = shopify_delivery("x", {"id": 1})
    if topic is None:
        del headers["X-Shopify-Topic"]
    else:
        headers["X-Shopify-Topic"] = topic
    delivery = read_shopify(headers, body)
    assert delivery.intent is Intent.IGNORE and delivery.record is None


def test_shopify_unknown_topic_with_a_bad_signature_is_still_refused() -> None:
    headers, body = shopify_delivery("products/update", {"id": 1}, secret="wrong")
    with pytest.raises(Unauthenticated):
        read_shopify(headers, body)


@pytest.mark.parametrize("secret", [None, SecretStr("")])
def test_shopify_without_a_secret_is_refused(secret: SecretStr | None) -> None:
    headers, body = shopify_delivery("customers/create", fixture("shopify/customer_rest.json"))
    with pytest.raises(SecretNotConfigured, match="GRAPH_IDENTITY_SHOPIFY_WEBHOOK_SECRET"):
        read_shopify(headers, body, shopify_webhook_secret=secret)


def test_shopify_stale_and_future_timestamps_are_refused() -> None:
    payload = fixture("shopify/customer_rest.json")
    now = datetime.now(UTC)
    stale = (now - timedelta(hours=6)).isoformat()
    with pytest.raises(Unauthenticated, match="X-Shopify-Triggered-At is older"):
        read_shopify(*shopify_delivery("customers/update", payload, triggered_at=stale))
    retried = (now - timedelta(hours=4)).isoformat()
    assert read_shopify(*shopify_delivery("customers/update", payload, triggered_at=retried))
    tight = {"webhook_max_age_seconds": 300}
    with pytest.raises(Unauthenticated):
        read_shopify(*shopify_delivery("customers/update", payload, triggered_at=retried), **tight)
    future = (now + timedelta(minutes=10)).isoformat()
    with pytest.raises(Unauthenticated, match="in the future"):
        read_shopify(*shopify_delivery("customers/update", payload, triggered_at=future))


def test_shopify_payload_the_adapter_rejects_names_the_field() -> None:
    payload = fixture("shopify/customer_rest.json")
    payload["id"] = "gid://shopify/Order/12"
    with pytest.raises(BadDelivery) as caught:
        read_shopify(*shopify_delivery("customers/update", payload))
    assert caught.value.loc == ("body", "id")
    assert "Customer" in caught.value.reason


@pytest.mark.parametrize(
    ("body", "reason"),
    [(b"not json", "not valid JSON"), (b"[1, 2]", "expected a JSON object"), (b"\xff", "UTF-8")],
)
def test_shopify_signed_garbage_is_a_bad_delivery(body: bytes, reason: str) -> None:
    headers, _ = shopify_delivery("customers/create", {})
    headers["X-Shopify-Hmac-Sha256"] = b64_hmac(SHOPIFY_SECRET, body)
    with pytest.raises(BadDelivery, match=reason):
        read_shopify(headers, body)


def test_oversized_delivery_id_header_is_refused() -> None:
    payload = fixture("shopify/customer_rest.json")
    headers, body = shopify_delivery("customers/create", payload, webhook_id="x" * 300)
    with pytest.raises(BadDelivery) as caught:
        read_shopify(headers, body)
    assert caught.value.loc == ("header", "X-Shopify-Webhook-Id")


@pytest.mark.parametrize(
    ("topic", "name", "partial"),
    [
        ("customer.created", "woocommerce/customer.json", False),
        ("customer.updated", "woocommerce/customer.json", False),
        ("order.created", "woocommerce/order.json", True),
        ("order.updated", "woocommerce/order_guest.json", True),
    ],
)
def test_woocommerce_topics(topic: str, name: str, partial: bool) -> None:
    delivery = read_woo(*woo_delivery(topic, fixture(name)))
    assert delivery.intent is Intent.INGEST and delivery.topic == topic
    assert delivery.record is not None and delivery.record.partial is partial
    assert delivery.record.provider == "woocommerce"
    assert "woocommerce:delivery-id:d41d8cd98f00" in delivery.replay_keys


@pytest.mark.parametrize("topic", ["customer.deleted", "order.deleted", "product.created"])
def test_woocommerce_other_topics_are_ignored(topic: str) -> None:
    assert read_woo(*woo_delivery(topic, {"id": 418})).intent is Intent.IGNORE


def test_woocommerce_ping_is_answered_without_signature_or_secret() -> None:
    delivery = read_woo(
        {"Content-Type": "application/x-www-form-urlencoded"},
        b"webhook_id=17",
        woocommerce_webhook_secret=None,
    )
    assert delivery.intent is Intent.PING and delivery.replay_keys == ()


def test_woocommerce_signature_and_secret_are_required() -> None:
    payload = fixture("woocommerce/customer.json")
    with pytest.raises(Unauthenticated):
        read_woo(*woo_delivery("customer.created", payload, secret="not the secret"))
    headers, body = woo_delivery("customer.created", payload)
    del headers["X-WC-Webhook-Signature"]
    with pytest.raises(Unauthenticated, match="missing X-WC-Webhook-Signature"):
        read_woo(headers, body)
    with pytest.raises(SecretNotConfigured):
        read_woo(*woo_delivery("customer.created", payload), woocommerce_webhook_secret=None)


def test_woocommerce_guest_id_is_refused_naming_the_field() -> None:
    payload = fixture("woocommerce/customer.json")
    payload["id"] = 0
    with pytest.raises(BadDelivery) as caught:
        read_woo(*woo_delivery("customer.updated", payload))
    assert caught.value.loc == ("body", "id")


def test_lightspeed_customer_and_sale() -> None:
    customer = read_lightspeed(
        *lightspeed_delivery("customer.update", fixture("lightspeed_retail/customer.json"))
    )
    assert customer.record is not None and not customer.record.partial
    assert customer.record.provider == "lightspeed_retail"
    assert customer.record.external_id == "0adfd74a-1553-11ef-f2d4-8b2a9c61e3f0"
    assert customer.replay_keys[0].startswith("lightspeed:body:")
    sale = read_lightspeed(
        *lightspeed_delivery("sale.update", fixture("lightspeed_retail/sale_retail.json"))
    )
    assert sale.record is not None and sale.record.partial
    assert sale.record.external_id == "0adfd74a-1553-11ef-f2d4-8b2a9c61e3f0"
    assert [o.channel for o in sale.record.orders] == ["retail"]


def test_lightspeed_api_1_customer_address_is_read() -> None:
    payload = fixture("lightspeed_retail/customer.json")
    payload["physical_address1"] = payload.pop("physical_address_1")
    payload["physical_address2"] = payload.pop("physical_address_2")
    delivery = read_lightspeed(*lightspeed_delivery("customer.update", payload))
    assert delivery.record is not None
    (address,) = delivery.record.addresses
    assert (address.line1, address.line2) == ("3215 Tejon Street", "Unit 7")


def test_lightspeed_type_is_read_from_the_payload_when_absent() -> None:
    sale = read_lightspeed(
        *lightspeed_delivery(None, fixture("lightspeed_retail/sale_retail.json"))
    )
    assert sale.topic == "sale.update" and sale.intent is Intent.INGEST
    customer = read_lightspeed(
        *lightspeed_delivery(None, fixture("lightspeed_retail/customer.json"))
    )
    assert customer.topic == "customer.update"
    assert read_lightspeed(*lightspeed_delivery(None, {"id": "p1"})).intent is Intent.IGNORE


def test_lightspeed_ignores_deleted_customers_walk_in_sales_and_other_types() -> None:
    deleted = fixture("lightspeed_retail/customer.json")
    deleted["deleted_at"] = "2024-06-01T00:00:00+00:00"
    assert read_lightspeed(*lightspeed_delivery("customer.update", deleted)).intent is Intent.IGNORE
    walk_in = fixture("lightspeed_retail/sale_retail.json")
    walk_in["customer_id"] = None
    assert read_lightspeed(*lightspeed_delivery("sale.update", walk_in)).intent is Intent.IGNORE
    product = read_lightspeed(*lightspeed_delivery("product.update", {"id": "p1"}))
    assert product.intent is Intent.IGNORE and product.topic == "product.update"


def test_lightspeed_verifies_when_a_secret_is_set_and_reads_unsigned_only_by_opt_in() -> None:
    payload = fixture("lightspeed_retail/customer.json")
    unsigned = lightspeed_delivery("customer.update", payload, secret=None)
    with pytest.raises(Unauthenticated, match="missing X-Signature"):
        read_lightspeed(*unsigned)
    with pytest.raises(Unauthenticated, match="missing X-Signature"):
        read_lightspeed(*unsigned, lightspeed_accept_unsigned=True)
    with pytest.raises(Unauthenticated, match="does not match"):
        read_lightspeed(*lightspeed_delivery("customer.update", payload, secret="wrong"))
    with pytest.raises(SecretNotConfigured, match="GRAPH_IDENTITY_LIGHTSPEED_WEBHOOK_SECRET"):
        read_lightspeed(*unsigned, lightspeed_webhook_secret=None)
    accepted = read_lightspeed(
        *unsigned, lightspeed_webhook_secret=None, lightspeed_accept_unsigned=True
    )
    assert accepted.intent is Intent.INGEST


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        (b"domain_prefix=x", ("body", "payload")),
        (b"payload=%7Bnot+json", ("body", "payload")),
        (b"payload=%5B%5D", ("body", "payload")),
        (b"\xff\xfe", ("body",)),
    ],
)
def test_lightspeed_bad_forms_name_the_field(body: bytes, loc: tuple[str, ...]) -> None:
    with pytest.raises(BadDelivery) as caught:
        read_lightspeed({}, body, lightspeed_webhook_secret=None, lightspeed_accept_unsigned=True)
    assert caught.value.loc == loc


def test_lightspeed_adapter_errors_are_located_inside_the_payload() -> None:
    payload = fixture("lightspeed_retail/customer.json")
    payload["id"] = None
    with pytest.raises(BadDelivery) as caught:
        read_lightspeed(*lightspeed_delivery("customer.update", payload))
    assert caught.value.loc == ("body", "payload", "id")
