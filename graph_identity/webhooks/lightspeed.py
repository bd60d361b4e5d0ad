"""Lightspeed Retail X-Series webhooks: ``customer.update`` and ``sale.update``.

Documented facts (https://x-series-api.lightspeedhq.com/docs/webhooks):

- the POST is UTF-8 ``application/x-www-form-urlencoded``; its ``payload`` field holds a
  JSON object; other fields (``type``, ``domain_prefix``, …) "may be present but are not
  guaranteed", so without ``type`` the kind is read from the payload;
- the types are ``sale.update`` (a sale created *or* modified: there is no
  "sale.created"), ``customer.update`` (created, deleted or modified), ``product.update``,
  ``inventory.update``, ``register_closure.create``, ``consignment.send``/``.receive``;
- the payload objects are API 1.0 objects: a customer's street is ``physical_address1``
  where API 2.0 (the adapter's shape) says ``physical_address_1``; both are read;
- webhooks to OAuth apps carry ``X-Signature`` (see :mod:`.signatures`); no delivery id and
  no timestamp are sent, so a delivery is remembered by its body digest.

Deliveries are verified when a secret is configured. Without one they are refused
(:class:`SecretNotConfigured`, 503, as Shopify and WooCommerce without theirs) unless
``GRAPH_IDENTITY_LIGHTSPEED_ACCEPT_UNSIGNED=true`` opts in to unsigned deliveries: anyone
who can reach the URL can then write records (issue 20).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from graph_identity.adapters import lightspeed_retail
from graph_identity.config import Settings
from graph_identity.webhooks.delivery import (
    Delivery,
    Intent,
    ignored,
    json_object,
    replay_keys,
    to_record,
)
from graph_identity.webhooks.errors import BadDelivery, SecretNotConfigured
from graph_identity.webhooks.signatures import verify_lightspeed

SOURCE = "lightspeed"
CUSTOMER = "customer.update"
SALE = "sale.update"
_API_1_FIELDS = {
    "physical_address1": "physical_address_1",
    "physical_address2": "physical_address_2",
}
_SALE_FIELDS = ("sale_date", "register_id", "register_sale_products", "invoice_number")


def form_fields(body: bytes) -> dict[str, str]:
    """The form's fields (first value of each)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadDelivery(("body",), "not UTF-8 text") from None
    return {name: values[0] for name, values in parse_qs(text, keep_blank_values=True).items()}


def kind_of(topic: str | None, payload: Mapping[str, Any]) -> str | None:
    """The webhook type, from the ``type`` field or, when absent, the payload's shape."""
    if topic:
        return topic
    if any(name in payload for name in _SALE_FIELDS):
        return SALE
    if "customer_code" in payload:
        return CUSTOMER
    return None


def _api2_customer(payload: Mapping[str, Any]) -> dict[str, Any]:
    customer = dict(payload)
    for old, new in _API_1_FIELDS.items():
        if new not in customer and old in customer:
            customer[new] = customer.pop(old)
    return customer


def verifies(settings: Settings) -> bool:
    """Whether deliveries are checked against a secret (else read unsigned, or refused)."""
    secret = settings.lightspeed_webhook_secret
    return secret is not None and bool(secret.get_secret_value())


def verify(headers: Mapping[str, str], body: bytes, settings: Settings) -> None:
    """Check ``X-Signature`` with the configured secret; without one, refuse the delivery
    unless unsigned deliveries were explicitly accepted."""
    secret = settings.lightspeed_webhook_secret
    if secret is not None and verifies(settings):
        verify_lightspeed(secret.get_secret_value(), body, headers.get("x-signature"))
    elif not settings.lightspeed_accept_unsigned:
        raise SecretNotConfigured(
            SOURCE,
            "GRAPH_IDENTITY_LIGHTSPEED_WEBHOOK_SECRET, or GRAPH_IDENTITY_LIGHTSPEED_ACCEPT_UNSIGNED"
            "=true to accept unsigned deliveries",
        )


def read(headers: Mapping[str, str], body: bytes, settings: Settings, now: datetime) -> Delivery:
    verify(headers, body, settings)
    fields = form_fields(body)
    if "payload" not in fields:
        raise BadDelivery(("body", "payload"), "missing: X-Series sends the object in it")
    payload = json_object(fields["payload"], ("body", "payload"))
    topic = kind_of(fields.get("type"), payload)
    keys = replay_keys(SOURCE, body, [])
    loc: tuple[str | int, ...] = ("body", "payload")
    if topic == CUSTOMER:
        if payload.get("deleted_at"):
            return ignored(SOURCE, topic, "customer deleted in Lightspeed (not an erasure)")
        record = to_record(
            lightspeed_retail.customer_to_record, _api2_customer(payload), partial=False, loc=loc
        )
        return Delivery(SOURCE, topic, Intent.INGEST, keys, record)
    if topic == SALE:
        if not payload.get("customer_id"):
            return ignored(SOURCE, topic, "sale without a customer")
        record = to_record(lightspeed_retail.sale_to_record, payload, partial=True, loc=loc)
        return Delivery(SOURCE, topic, Intent.INGEST, keys, record)
    return ignored(SOURCE, topic, "type not handled")
