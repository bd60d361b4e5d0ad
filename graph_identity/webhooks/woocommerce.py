"""WooCommerce webhooks: customer and order topics (``X-WC-Webhook-Topic``).

Headers (WooCommerce ``WC_Webhook::deliver``): ``X-WC-Webhook-Topic`` such as
``customer.created`` or ``order.updated``, ``X-WC-Webhook-Signature`` (base64 HMAC-SHA256 of
the raw body with the webhook's secret) and ``X-WC-Webhook-Delivery-ID``. WooCommerce makes a
new delivery id for every attempt, so a retry is recognised by its body digest, not its id.
The body is the REST v3 object, the shape the adapters read. There is no timestamp header.

On creation WooCommerce pings the URL with the unsigned form body ``webhook_id=<n>`` and
refuses to save the webhook unless it gets a 2xx; the ping is answered and writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from graph_identity.adapters import woocommerce
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
from graph_identity.webhooks.signatures import verify_base64_hmac

SOURCE = "woocommerce"
TOPICS: dict[str, tuple[PayloadAdapter, bool]] = {
    "customer.created": (woocommerce.customer_to_record, False),
    "customer.updated": (woocommerce.customer_to_record, False),
    "order.created": (woocommerce.order_to_record, True),
    "order.updated": (woocommerce.order_to_record, True),
}
"""Topic → (adapter, partial). Deletions are ignored: a shop deleting a customer is not an
erasure request (erasure is ``DELETE /v1/records/...``, decided by an operator)."""
_PING = re.compile(rb"webhook_id=[0-9]{1,20}")


def is_ping(body: bytes) -> bool:
    return _PING.fullmatch(body.strip()) is not None


def read(headers: Mapping[str, str], body: bytes, settings: Settings, now: datetime) -> Delivery:
    if is_ping(body):
        return Delivery(SOURCE, None, Intent.PING, reason="WooCommerce ping on webhook creation")
    secret = secret_value(
        settings.woocommerce_webhook_secret, SOURCE, "GRAPH_IDENTITY_WOOCOMMERCE_WEBHOOK_SECRET"
    )
    verify_base64_hmac(
        secret, body, headers.get("x-wc-webhook-signature"), "X-WC-Webhook-Signature"
    )
    topic = headers.get("x-wc-webhook-topic")
    if topic not in TOPICS:
        return ignored(SOURCE, topic, "topic not handled")
    adapter, partial = TOPICS[topic]
    keys = replay_keys(
        SOURCE, body, [("delivery-id", header_id(headers, "X-WC-Webhook-Delivery-ID"))]
    )
    record = to_record(adapter, json_object(body), partial=partial)
    return Delivery(SOURCE, topic, Intent.INGEST, keys, record)
