"""Shopify webhooks: ``customers/create``, ``customers/update``, ``orders/create``.

Headers (https://shopify.dev/docs/apps/build/webhooks): ``X-Shopify-Topic``,
``X-Shopify-Hmac-Sha256`` (base64 HMAC-SHA256 of the raw body with the app's secret),
``X-Shopify-Webhook-Id``, ``X-Shopify-Event-Id`` (the same on every delivery of one event:
Shopify's advice for spotting duplicates) and ``X-Shopify-Triggered-At``. Retries (8 over
4 hours) carry the original body and trigger time, so the age limit must cover 4 hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from graph_identity.adapters import shopify
from graph_identity.config import Settings
from graph_identity.webhooks.delivery import (
    Delivery,
    Intent,
    PayloadAdapter,
    header_id,
    ignored,
    json_object,
    replay_keys,
    secret_value,
    to_record,
)
from graph_identity.webhooks.signatures import check_timestamp, verify_base64_hmac

SOURCE = "shopify"
TOPICS: dict[str, tuple[PayloadAdapter, bool]] = {
    "customers/create": (shopify.customer_to_record, False),
    "customers/update": (shopify.customer_to_record, False),
    "orders/create": (shopify.order_to_record, True),
}
"""Topic → (adapter, partial). An order names its customer: a partial view of the record."""


def read(headers: Mapping[str, str], body: bytes, settings: Settings, now: datetime) -> Delivery:
    secret = secret_value(
        settings.shopify_webhook_secret, SOURCE, "GRAPH_IDENTITY_SHOPIFY_WEBHOOK_SECRET"
    )
    verify_base64_hmac(secret, body, headers.get("x-shopify-hmac-sha256"), "X-Shopify-Hmac-Sha256")
    check_timestamp(
        headers.get("x-shopify-triggered-at"),
        "X-Shopify-Triggered-At",
        now,
        timedelta(seconds=settings.webhook_max_age_seconds),
        timedelta(seconds=settings.webhook_clock_skew_seconds),
    )
    topic = headers.get("x-shopify-topic")
    if topic not in TOPICS:
        return ignored(SOURCE, topic, "topic not handled")
    adapter, partial = TOPICS[topic]
    keys = replay_keys(
        SOURCE,
        body,
        [
            ("webhook-id", header_id(headers, "X-Shopify-Webhook-Id")),
            ("event-id", header_id(headers, "X-Shopify-Event-Id")),
        ],
    )
    record = to_record(adapter, json_object(body), partial=partial)
    return Delivery(SOURCE, topic, Intent.INGEST, keys, record)
