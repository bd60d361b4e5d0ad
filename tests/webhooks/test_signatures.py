"""Signature and timestamp checks, with real HMACs over raw bodies (no Neo4j)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest

from graph_identity.webhooks.errors import Unauthenticated
from graph_identity.webhooks.signatures import (
    body_digest,
    check_timestamp,
    parse_lightspeed_header,
    verify_base64_hmac,
    verify_lightspeed,
)
from tests.webhooks.helpers import b64_hmac, hex_hmac

SECRET = "s3cret"
BODY = b'{"id":7208843165841,"email":"rosa.delgado@example.com"}'
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
SKEW = timedelta(minutes=5)


def test_base64_hmac_of_the_raw_body_verifies() -> None:
    expected = base64.b64encode(hmac.new(b"s3cret", BODY, hashlib.sha256).digest()).decode()
    assert expected == b64_hmac(SECRET, BODY)
    verify_base64_hmac(SECRET, BODY, expected, "X-Shopify-Hmac-Sha256")
    verify_base64_hmac(SECRET, BODY, f" {expected}\n", "X-Shopify-Hmac-Sha256")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "missing X-Shopify-Hmac-Sha256"),
        ("", "missing X-Shopify-Hmac-Sha256"),
        (b64_hmac("other secret", BODY), "does not match"),
        (b64_hmac(SECRET, BODY + b" "), "does not match"),
        (hex_hmac(SECRET, BODY), "does not match"),
        ("ünïcode", "does not match"),
    ],
)
def test_base64_hmac_refuses(header: str | None, message: str) -> None:
    with pytest.raises(Unauthenticated, match=message):
        verify_base64_hmac(SECRET, BODY, header, "X-Shopify-Hmac-Sha256")


def test_reserialized_json_does_not_verify() -> None:
    """The MAC is over the bytes as sent: the same JSON re-serialized is another body."""
    signature = b64_hmac(SECRET, BODY)
    reserialized = b'{"id": 7208843165841, "email": "rosa.delgado@example.com"}'
    with pytest.raises(Unauthenticated):
        verify_base64_hmac(SECRET, reserialized, signature, "X-WC-Webhook-Signature")


@pytest.mark.parametrize(
    "header",
    [
        f"signature={hex_hmac(SECRET, BODY)},algorithm=HMAC-SHA256",
        f"signature={hex_hmac(SECRET, BODY).upper()}, algorithm=hmac-sha256",
        f"algorithm=HMAC-SHA256, signature={hex_hmac(SECRET, BODY)}",
        f"signature={b64_hmac(SECRET, BODY)},algorithm=HMAC-SHA256",
    ],
)
def test_lightspeed_signature_verifies_hex_or_base64(header: str) -> None:
    verify_lightspeed(SECRET, BODY, header)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "missing X-Signature"),
        (f"signature={hex_hmac(SECRET, BODY)}", "unsupported algorithm"),
        (f"signature={hex_hmac(SECRET, BODY)},algorithm=HMAC-SHA1", "unsupported algorithm"),
        (f"signature={hex_hmac('wrong', BODY)},algorithm=HMAC-SHA256", "does not match"),
        ("signature=897hRT893qkA783M093ha903f,algorithm=HMAC-SHA256", "does not match"),
        ("signature=,algorithm=HMAC-SHA256", "does not match"),
        ("algorithm=HMAC-SHA256", "does not match"),
    ],
)
def test_lightspeed_signature_refuses(header: str | None, message: str) -> None:
    with pytest.raises(Unauthenticated, match=message):
        verify_lightspeed(SECRET, BODY, header)


def test_lightspeed_header_parts() -> None:
    assert parse_lightspeed_header("signature=abc=,algorithm=HMAC-SHA256") == {
        "signature": "abc=",
        "algorithm": "HMAC-SHA256",
    }


def test_body_digest_is_sha256_hex() -> None:
    assert body_digest(BODY) == hashlib.sha256(BODY).hexdigest()


@pytest.mark.parametrize(
    "sent",
    [
        None,
        NOW.isoformat(),
        (NOW - HOUR + timedelta(seconds=1)).isoformat(),
        (NOW + SKEW).isoformat(),
        "2026-11-24T11:30:27.877041743Z",  # Shopify sends nanoseconds
    ],
)
def test_timestamps_inside_the_window_pass(sent: str | None) -> None:
    check_timestamp(sent, "X-Shopify-Triggered-At", NOW, HOUR, SKEW)


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ((NOW - HOUR - timedelta(seconds=1)).isoformat(), "older than"),
        ((NOW + SKEW + timedelta(seconds=1)).isoformat(), "in the future"),
        ("yesterday", "not an ISO 8601"),
        ("2026-11-24T12:00:00", "no time zone"),
    ],
)
def test_timestamps_outside_the_window_fail(sent: str, message: str) -> None:
    with pytest.raises(Unauthenticated, match=message):
        check_timestamp(sent, "X-Shopify-Triggered-At", NOW, HOUR, SKEW)
