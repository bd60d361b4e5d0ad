"""One webhook delivery, end to end: verify, read, then ingest once (or say why not).

Answers (the HTTP layer maps the errors): ``processed`` with the ingest result;
``duplicate`` for a remembered delivery (nothing written); ``ignored`` for a topic this
service does not use (answered 200 because providers retry every non-2xx answer, and
Shopify removes a subscription after repeated failures); ``ping`` for WooCommerce's
creation ping; ``erased`` when the record was erased (200, nothing written: a retry cannot
change that, and an operator re-allows replays explicitly). Errors:
:class:`SecretNotConfigured` (503), :class:`Unauthenticated` (401), :class:`BadDelivery`
and ``RecordRejected`` (422); nothing is written for any of them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from graph_identity.config import Settings
from graph_identity.errors import RecordErased
from graph_identity.results import Action
from graph_identity.service import IdentityService
from graph_identity.webhooks import lightspeed, shopify, woocommerce
from graph_identity.webhooks.delivery import Delivery, Intent, lower_keys
from graph_identity.webhooks.replay import AlreadyDelivered, ingest_once

log = logging.getLogger(__name__)

Reader = Callable[[Mapping[str, str], bytes, Settings, datetime], Delivery]
READERS: dict[str, Reader] = {
    shopify.SOURCE: shopify.read,
    woocommerce.SOURCE: woocommerce.read,
    lightspeed.SOURCE: lightspeed.read,
}
"""Webhook source (the URL's last segment) → its reader."""


class WebhookStatus(StrEnum):
    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    PING = "ping"
    ERASED = "erased"


class WebhookResult(BaseModel):
    """What a delivery did. The ingest fields are set only when ``processed``."""

    status: WebhookStatus
    topic: str | None = None
    reason: str | None = None
    record: str | None = None
    customer_id: str | None = None
    action: Action | None = None
    candidates: list[str] = Field(default_factory=list)
    conflict_id: str | None = None


def handle(
    service: IdentityService,
    source: str,
    headers: Mapping[str, str],
    body: bytes,
    now: datetime | None = None,
) -> WebhookResult:
    """Verify and apply one delivery from ``source`` (a key of :data:`READERS`)."""
    delivery = READERS[source](
        lower_keys(headers), body, service.settings, now or datetime.now(UTC)
    )
    result = _apply(service, delivery)
    log.info("webhook %s %r: %s", source, delivery.topic, result.status.value)
    return result


def _apply(service: IdentityService, delivery: Delivery) -> WebhookResult:
    topic = delivery.topic
    if delivery.intent is Intent.PING:
        return WebhookResult(status=WebhookStatus.PING, reason=delivery.reason)
    if delivery.intent is Intent.IGNORE or delivery.record is None:
        return WebhookResult(status=WebhookStatus.IGNORED, topic=topic, reason=delivery.reason)
    normalized = service.normalize(delivery.record)
    try:
        outcome = ingest_once(
            service, delivery.replay_keys, delivery.record.provider, topic, normalized
        )
    except AlreadyDelivered:
        return WebhookResult(status=WebhookStatus.DUPLICATE, topic=topic, record=normalized.key)
    except RecordErased as exc:
        return WebhookResult(
            status=WebhookStatus.ERASED, topic=topic, record=exc.key, reason=str(exc)
        )
    return WebhookResult(
        status=WebhookStatus.PROCESSED,
        topic=topic,
        record=outcome.record,
        customer_id=outcome.customer_id,
        action=outcome.action,
        candidates=outcome.candidates,
        conflict_id=outcome.conflict_id,
    )
