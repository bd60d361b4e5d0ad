"""Building real provider deliveries: fixture payloads, raw bodies and real HMACs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

FIXTURES = Path(__file__).resolve().parents[1] / "adapters" / "fixtures"

SHOPIFY_SECRET = "shpss_test_secret_for_webhooks"
WOO_SECRET = "woo secret with spaces"
LIGHTSPEED_SECRET = "lightspeed-client-secret"


def fixture(name: str) -> Any:
    """A fixture payload; Lightspeed's ``{"data": {...}}`` envelope is taken off (webhooks
    send the bare object)."""
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data["data"] if name.startswith("lightspeed_retail/") else data


def raw_json(payload: Any) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode("utf-8")


def b64_hmac(secret: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def hex_hmac(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def shopify_delivery(
    topic: str,
    payload: Any,
    *,
    secret: str = SHOPIFY_SECRET,
    webhook_id: str = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    triggered_at: str | None = None,
) -> tuple[dict[str, str], bytes]:
    body = raw_json(payload)
    headers = {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": b64_hmac(secret, body),
        "X-Shopify-Webhook-Id": webhook_id,
        "X-Shopify-Triggered-At": triggered_at or now_iso(),
        "X-Shopify-Shop-Domain": "test-shop.myshopify.com",
    }
    return headers, body


def woo_delivery(
    topic: str, payload: Any, *, secret: str = WOO_SECRET, delivery_id: str = "d41d8cd98f00"
) -> tuple[dict[str, str], bytes]:
    body = raw_json(payload)
    headers = {
        "Content-Type": "application/json",
        "X-WC-Webhook-Topic": topic,
        "X-WC-Webhook-Signature": b64_hmac(secret, body),
        "X-WC-Webhook-Delivery-ID": delivery_id,
        "X-WC-Webhook-Source": "https://shop.example.com/",
    }
    return headers, body


def lightspeed_delivery(
    kind: str | None, payload: Any, *, secret: str | None = LIGHTSPEED_SECRET
) -> tuple[dict[str, str], bytes]:
    fields = {"payload": json.dumps(payload), "domain_prefix": "teststore"}
    if kind is not None:
        fields["type"] = kind
    body = urlencode(fields).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if secret is not None:
        headers["X-Signature"] = f"signature={hex_hmac(secret, body)},algorithm=HMAC-SHA256"
    return headers, body


def graph_state(driver: Any) -> tuple[list[str], list[str]]:
    """Every node and relationship with its properties, as sorted text: equal states mean
    nothing was written."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, "
        "properties(r) AS props, elementId(b) AS b"
    )
    return (
        sorted(repr((n["id"], sorted(n["labels"]), sorted(n["props"].items()))) for n in nodes),
        sorted(repr((r["a"], r["type"], sorted(r["props"].items()), r["b"])) for r in rels),
    )


def deliveries(driver: Any) -> list[str]:
    records, _, _ = driver.execute_query(
        "MATCH (d:WebhookDelivery) RETURN d.key AS key ORDER BY key"
    )
    return [r["key"] for r in records]
