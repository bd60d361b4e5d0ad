"""One webhook delivery, end to end: verify, read, then ingest once (or say why not).

Answers (the HTTP layer maps the errors): ``processed`` with the ingest result;
``duplicate`` for a remembered delivery (nothing written); ``ignored`` for a topic this
service does not use (answered 200 because providers retry every non-2xx answer, and
Shopify removes a subscription after repeated failures); ``ping`` for WooCommerce's
creation ping; ``erased`` when the record was erased (200, nothing written: a retry cannot
change that, and an operator re-allows replays explicitly); ``rejected`` for an
authenticated delivery this service cannot use: a header or payload that cannot be read or
mapped (:class:`BadDelivery`) or a record normalization refuses (``RecordRejected``).

Why ``rejected`` is a 200: a provider retries every non-2xx answer for hours (Shopify 8
times over 4 h, then removes the subscription) and each retry carries the same body, so a
4xx only multiplies one failure. The answer lists where and why (``problems``: locations and
messages, never values), the HTTP layer counts it by source and kind, and NOTHING is
written, not even the delivery's replay keys: a retry is rejected again the same way, and
once a fixed version of the service can read the payload a re-sent delivery is processed
rather than answered ``duplicate``.

Errors: :class:`SecretNotConfigured` (503), :class:`Unauthenticated` (401), and, for an
unsigned delivery (Lightspeed's opt-in, where nobody vouches for the body),
:class:`BadDelivery` and ``RecordRejected`` (422); nothing is written for any of them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from graph_identity.config import Settings
from graph_identity.errors import RecordErased, RecordRejected
from graph_identity.results import Action
from graph_identity.service import IdentityService
from graph_identity.webhooks import lightspeed, shopify, woocommerce
from graph_identity.webhooks.delivery import Delivery, Intent, lower_keys
from graph_identity.webhooks.errors import BadDelivery
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
    REJECTED = "rejected"


class RejectionKind(StrEnum):
    """What made an authenticated delivery unusable (a metrics label: no values)."""

    HEADER = "header"
    """A provider header (a delivery id) cannot be read."""
    PAYLOAD = "payload"
    """The body is no usable payload: not UTF-8, not JSON, or refused by the adapter."""
    RECORD = "record"
    """The mapped record is refused by normalization (e.g. no usable identifier)."""


class Problem(BaseModel):
    """One reason a delivery was rejected: where (``loc``) and why, never the value."""

    loc: list[str | int]
    msg: str


class WebhookResult(BaseModel):
    """What a delivery did. The ingest fields are set only when ``processed``; ``rejection``
    and ``problems`` only when ``rejected``."""

    status: WebhookStatus
    topic: str | None = None
    reason: str | None = None
    rejection: RejectionKind | None = None
    problems: list[Problem] = Field(default_factory=list)
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
    signed = source != lightspeed.SOURCE or lightspeed.verifies(service.settings)
    try:
        delivery = READERS[source](
            lower_keys(headers), body, service.settings, now or datetime.now(UTC)
        )
    except BadDelivery as exc:
        if not signed:
            raise
        kind = RejectionKind.HEADER if exc.loc[:1] == ("header",) else RejectionKind.PAYLOAD
        return _rejected(source, None, kind, [Problem(loc=list(exc.loc), msg=exc.reason)])
    try:
        result = _apply(service, delivery)
    except RecordRejected as exc:
        if not signed:
            raise
        problems = [Problem(loc=["record", *issue.loc], msg=issue.msg) for issue in exc.issues]
        return _rejected(source, delivery.topic, RejectionKind.RECORD, problems)
    log.info("webhook %s %r: %s", source, delivery.topic, result.status.value)
    return result


def _rejected(
    source: str, topic: str | None, kind: RejectionKind, problems: list[Problem]
) -> WebhookResult:
    where = ", ".join(".".join(map(str, p.loc)) for p in problems)
    log.warning("webhook %s %r rejected (%s): %s", source, topic, kind.value, where)
    return WebhookResult(
        status=WebhookStatus.REJECTED,
        topic=topic,
        reason="the delivery cannot be used; nothing was written",
        rejection=kind,
        problems=problems,
    )


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
