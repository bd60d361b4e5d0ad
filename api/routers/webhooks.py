"""Provider webhooks: ``POST /v1/webhooks/{shopify,woocommerce,lightspeed,qbo}``.

No API key: each delivery is authenticated by its provider's HMAC signature over the raw
body (see :mod:`graph_identity.webhooks`). Answers: 200 with a status (``processed``,
``duplicate``, ``ignored``, ``ping``, ``erased``, or ``rejected`` for a signed delivery that
cannot be used, with the ``problems`` by location and no values: providers retry any 4xx
for hours, so a bad payload is answered once, counted in
``graph_identity_webhook_rejected_deliveries_total{source, kind}`` and written nowhere);
401 for a missing or wrong signature or a stale timestamp; 422 for an unsigned (opted-in
Lightspeed) delivery that cannot be used; 503 when the provider's
secret is not configured (a server-side problem, and providers retry a 503, so no delivery
is lost while an operator sets it). Lightspeed deliveries without a secret are read unsigned
only when ``GRAPH_IDENTITY_LIGHTSPEED_ACCEPT_UNSIGNED=true`` says so explicitly: anyone who
can reach the URL can then write records. Nothing is written unless the answer is
``processed``.

QuickBooks Online notifications carry entity ids only: each is fetched from QuickBooks and
ingested (:mod:`graph_identity.webhooks.qbo`); a fetch that fails answers 503 so Intuit
retries, after ingesting what was fetched (a retry skips what is remembered).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from graph_identity.webhooks import (
    BadDelivery,
    SecretNotConfigured,
    Unauthenticated,
    WebhookResult,
    handle,
)
from graph_identity.webhooks.qbo import QboUnavailable, QboWebhookResult, handle_qbo

from ..dependencies import get_service
from ..errors import field_error, unprocessable
from ..schemas import Message, Unprocessable

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Message, "description": "Missing or wrong signature, or a stale timestamp"},
    422: {"model": Unprocessable, "description": "An unsigned payload that cannot be used"},
    503: {"model": Message, "description": "Secret not configured, or Neo4j not reachable"},
}
RAW_BODY = {
    "requestBody": {
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "application/x-www-form-urlencoded": {"schema": {"type": "object"}},
        }
    }
}


async def _receive(request: Request, source: str) -> WebhookResult | JSONResponse:
    body = await request.body()
    service = get_service(request)
    try:
        result = await run_in_threadpool(handle, service, source, request.headers, body)
    except SecretNotConfigured as exc:
        return JSONResponse({"detail": str(exc)}, status_code=503)
    except Unauthenticated as exc:
        return JSONResponse({"detail": str(exc)}, status_code=401)
    except BadDelivery as exc:
        return unprocessable([field_error(exc.loc, exc.reason, "webhook_payload")])
    metrics = request.app.state.metrics
    if result.action is not None:
        metrics.ingested.labels(action=result.action.value).inc()
    if result.rejection is not None:
        metrics.webhook_rejections.labels(source=source, kind=result.rejection.value).inc()
    return result


@router.post("/shopify", response_model=WebhookResult, responses=RESPONSES, openapi_extra=RAW_BODY)
async def shopify(request: Request) -> WebhookResult | JSONResponse:
    """``customers/create``, ``customers/update``, ``orders/create``; verifies
    ``X-Shopify-Hmac-Sha256`` and ``X-Shopify-Triggered-At``."""
    return await _receive(request, "shopify")


@router.post(
    "/woocommerce", response_model=WebhookResult, responses=RESPONSES, openapi_extra=RAW_BODY
)
async def woocommerce(request: Request) -> WebhookResult | JSONResponse:
    """Customer and order topics (``X-WC-Webhook-Topic``); verifies
    ``X-WC-Webhook-Signature``; answers WooCommerce's creation ping."""
    return await _receive(request, "woocommerce")


@router.post(
    "/lightspeed", response_model=WebhookResult, responses=RESPONSES, openapi_extra=RAW_BODY
)
async def lightspeed(request: Request) -> WebhookResult | JSONResponse:
    """Lightspeed Retail X-Series ``customer.update`` and ``sale.update`` (form body with a
    ``payload`` field); verifies ``X-Signature`` (unsigned only by explicit opt-in)."""
    return await _receive(request, "lightspeed")


QBO_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: RESPONSES[401],
    503: {
        "model": Message,
        "description": "Verifier token or QuickBooks settings missing, QuickBooks or Neo4j "
        "not reachable (Intuit retries)",
    },
}


@router.post(
    "/qbo", response_model=QboWebhookResult, responses=QBO_RESPONSES, openapi_extra=RAW_BODY
)
async def qbo(request: Request) -> QboWebhookResult | JSONResponse:
    """QuickBooks Online notifications (``eventNotifications[].dataChangeEvent.entities``);
    verifies ``intuit-signature``, fetches each Customer, Invoice and SalesReceipt named and
    ingests it; deletions and other entities are ignored. One result per entity."""
    body = await request.body()
    service = get_service(request)
    try:
        result = await run_in_threadpool(handle_qbo, service, request.headers, body)
    except (SecretNotConfigured, QboUnavailable) as exc:
        return JSONResponse({"detail": str(exc)}, status_code=503)
    except Unauthenticated as exc:
        return JSONResponse({"detail": str(exc)}, status_code=401)
    metrics = request.app.state.metrics
    for entity in result.entities:
        if entity.action is not None:
            metrics.ingested.labels(action=entity.action.value).inc()
    if result.rejection is not None:
        metrics.webhook_rejections.labels(source="qbo", kind=result.rejection.value).inc()
    return result
