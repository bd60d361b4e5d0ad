"""Pure signature and timestamp checks, always over the raw body bytes, in constant time.

- Shopify: ``X-Shopify-Hmac-Sha256`` is base64(HMAC-SHA256(secret, raw body)).
- WooCommerce: ``X-WC-Webhook-Signature`` is base64(HMAC-SHA256(secret, raw body)).
- Lightspeed Retail X-Series (https://x-series-api.lightspeedhq.com/docs/webhooks):
  documented header ``X-Signature: signature=<value>,algorithm=HMAC-SHA256``; "generate a
  signature by hashing the webhook request body ... Use the algorithm specified in the header
  and your application's client_secret as the hash key". The docs do not name the encoding
  of ``<value>`` (their example is neither hex nor a full base64 digest); integrations
  send lower-case hex, so hex is accepted, and base64 of the same 32-byte digest as well.
  Both encode the same MAC, so accepting both weakens nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from datetime import datetime, timedelta

from graph_identity.webhooks.errors import Unauthenticated

LIGHTSPEED_ALGORITHM = "HMAC-SHA256"
_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{64}")


def hmac_sha256(secret: str, body: bytes) -> bytes:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()


def body_digest(body: bytes) -> str:
    """SHA-256 of the raw body, hex: the replay key of a delivery without a delivery id."""
    return hashlib.sha256(body).hexdigest()


def verify_base64_hmac(secret: str, body: bytes, header: str | None, header_name: str) -> None:
    """Shopify and WooCommerce: the header is base64(HMAC-SHA256(secret, body))."""
    if not header:
        raise Unauthenticated(f"missing {header_name} header")
    expected = base64.b64encode(hmac_sha256(secret, body))
    if not hmac.compare_digest(expected, header.strip().encode("utf-8")):
        raise Unauthenticated(f"{header_name} does not match the body")


def _decode_signature(value: str) -> bytes | None:
    if _HEX_DIGEST.fullmatch(value):
        return bytes.fromhex(value)
    try:
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    return decoded if len(decoded) == hashlib.sha256().digest_size else None


def parse_lightspeed_header(header: str) -> dict[str, str]:
    """``signature=…,algorithm=…`` as a dict (keys lower-cased, spaces around parts ignored)."""
    parts: dict[str, str] = {}
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if sep:
            parts[name.strip().lower()] = value.strip()
    return parts


def verify_lightspeed(secret: str, body: bytes, header: str | None) -> None:
    """Lightspeed X-Series ``X-Signature``; see the module docstring for the documented facts."""
    if not header:
        raise Unauthenticated("missing X-Signature header")
    parts = parse_lightspeed_header(header)
    algorithm = parts.get("algorithm", "")
    if algorithm.upper() != LIGHTSPEED_ALGORITHM:
        raise Unauthenticated("X-Signature names an unsupported algorithm")
    given = _decode_signature(parts.get("signature", ""))
    # Compare against the real MAC even when the given value is unreadable: same cost.
    expected = hmac_sha256(secret, body)
    if not hmac.compare_digest(expected, given or bytes(len(expected))) or given is None:
        raise Unauthenticated("X-Signature does not match the body")


def check_timestamp(
    value: str | None,
    header_name: str,
    now: datetime,
    max_age: timedelta,
    skew: timedelta,
) -> None:
    """Refuse a provider timestamp older than ``max_age`` or further ahead than ``skew``.

    A missing header passes (not every delivery carries one); an unreadable one does not.
    """
    if value is None:
        return
    try:
        sent = datetime.fromisoformat(value.strip())
    except ValueError:
        raise Unauthenticated(f"{header_name} is not an ISO 8601 timestamp") from None
    if sent.tzinfo is None:
        raise Unauthenticated(f"{header_name} has no time zone")
    if sent < now - max_age:
        raise Unauthenticated(f"{header_name} is older than the accepted {max_age}")
    if sent > now + skew:
        raise Unauthenticated(f"{header_name} is in the future")
