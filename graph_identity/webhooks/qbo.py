"""QuickBooks Online webhooks: entity ids in, the changed entities fetched and ingested.

Documented facts (https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/
managing-webhooks-notifications): the POST's JSON body is ``{"eventNotifications":
[{"realmId": ..., "dataChangeEvent": {"entities": [{"name", "id", "operation",
"lastUpdated"}]}}]}``; ``intuit-signature`` is base64(HMAC-SHA256(verifier token, raw body)),
the app's Verifier Token shown in the developer portal. A notification carries no values,
only ids, so each Customer, Invoice or SalesReceipt it names (Create, Update, Merge, Void) is
fetched by id through the sync's connector (:mod:`graph_identity.sync.qbo`, the same
``GRAPH_IDENTITY_QBO_*`` settings) and ingested as the sync does: a customer as its record,
an invoice or sales receipt as an order of its customer (a partial view). Deletions are
ignored (deleting a customer in the books is not an erasure request), as are other entities
and other companies (realms).

Each entity is remembered under its own replay key, ``qbo:body:<SHA-256 of the body>:<name>:
<id>``, in the transaction of its ingest. Keys are looked up before anything is fetched, so a
repeated notification answers ``duplicate`` without calling QuickBooks. When a fetch fails
(QuickBooks down, after one retry), the entities fetched are still ingested, each whole, and
:class:`QboUnavailable` (503) makes Intuit retry: the retry skips the remembered ones.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import RoutingControl
from pydantic import BaseModel, Field

from graph_identity.adapters import AdapterError
from graph_identity.errors import RecordErased, RecordRejected
from graph_identity.models import RecordIn
from graph_identity.results import Action
from graph_identity.service import IdentityService
from graph_identity.store import cypher
from graph_identity.sync import qbo as qbo_sync
from graph_identity.sync.base import PageError, SyncConfigError
from graph_identity.sync.http import ProviderHttpError
from graph_identity.sync.settings import ClientOptions, Env
from graph_identity.webhooks.delivery import json_object, secret_value
from graph_identity.webhooks.errors import BadDelivery, WebhookError
from graph_identity.webhooks.handler import Problem, RejectionKind, WebhookStatus
from graph_identity.webhooks.replay import AlreadyDelivered, remember_delivery
from graph_identity.webhooks.signatures import body_digest, verify_base64_hmac

log = logging.getLogger(__name__)

SOURCE = "qbo"
HEADER = "intuit-signature"
VARIABLE = "GRAPH_IDENTITY_QBO_WEBHOOK_VERIFIER"
ENTITIES = ("Customer", "Invoice", "SalesReceipt")
FETCHED_OPERATIONS = ("Create", "Update", "Merge", "Void")
"""Operations after which the entity exists: its current state is fetched."""
CLIENT = ClientOptions(max_retries=1, backoff=0.5, max_wait=1.0, timeout=10.0)
"""One retry, short waits: Intuit expects a quick answer and retries a 503 itself."""
GONE = (400, 404)
"""What QuickBooks answers for an entity id it does not have (``Object Not Found`` is a 400):
the entity was deleted since, so retrying cannot help."""
_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


class QboUnavailable(WebhookError):
    """QuickBooks could not be asked (not configured, or a fetch failed): 503, Intuit retries.
    The message names settings and entities, never values."""


class QboEntityResult(BaseModel):
    """What one entity of the notification did: ids, status and record key, no values."""

    entity: str
    id: str
    operation: str | None
    status: WebhookStatus
    reason: str | None = None
    record: str | None = None
    customer_id: str | None = None
    action: Action | None = None
    problems: list[Problem] = Field(default_factory=list)


class QboWebhookResult(BaseModel):
    """The notification's outcome: ``processed`` when an entity was ingested, ``duplicate``
    when every handled entity was already, ``ignored`` when none is handled, ``rejected``
    when the body cannot be read (nothing written); ``entities`` lists each one."""

    status: WebhookStatus
    reason: str | None = None
    rejection: RejectionKind | None = None
    problems: list[Problem] = Field(default_factory=list)
    entities: list[QboEntityResult] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Change:
    realm: str
    entity: str
    id: str
    operation: str | None
    key: str


@dataclass(slots=True)
class _Plan:
    results: dict[int, QboEntityResult] = field(default_factory=dict)
    fetch: list[tuple[int, Change]] = field(default_factory=list)


def _text(value: object, loc: tuple[str | int, ...]) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise BadDelivery(loc, "expected a non-empty string")
    return str(value).strip()


def _list(value: object, loc: tuple[str | int, ...]) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadDelivery(loc, "expected an array")
    return value


def parse_changes(body: bytes) -> list[Change]:
    """The entities a notification names, in order, each once. Raises :class:`BadDelivery`."""
    payload = json_object(body)
    digest = body_digest(body)
    changes: dict[tuple[str, str, str], Change] = {}
    notifications = _list(payload.get("eventNotifications"), ("body", "eventNotifications"))
    for n, notification in enumerate(notifications):
        loc: tuple[str | int, ...] = ("body", "eventNotifications", n)
        if not isinstance(notification, Mapping):
            raise BadDelivery(loc, "expected an object")
        realm = _text(notification.get("realmId"), (*loc, "realmId"))
        event = notification.get("dataChangeEvent") or {}
        if not isinstance(event, Mapping):
            raise BadDelivery((*loc, "dataChangeEvent"), "expected an object")
        entities = _list(event.get("entities"), (*loc, "dataChangeEvent", "entities"))
        for e, item in enumerate(entities):
            where = (*loc, "dataChangeEvent", "entities", e)
            if not isinstance(item, Mapping):
                raise BadDelivery(where, "expected an object")
            name = _text(item.get("name"), (*where, "name"))
            entity_id = _text(item.get("id"), (*where, "id"))
            if not _ID.fullmatch(entity_id):
                raise BadDelivery((*where, "id"), "not an entity id (letters, digits, dashes)")
            given = item.get("operation")
            operation = None if given is None else _text(given, (*where, "operation"))
            key = f"{SOURCE}:body:{digest}:{name}:{entity_id}"
            change = Change(realm, name, entity_id, operation, key)
            changes.setdefault((realm, name, entity_id), change)
    return list(changes.values())


def handle_qbo(
    service: IdentityService,
    headers: Mapping[str, str],
    body: bytes,
    env: Mapping[str, str] | None = None,
    client: ClientOptions = CLIENT,
) -> QboWebhookResult:
    """Verify and apply one notification. Raises ``SecretNotConfigured`` (503),
    ``Unauthenticated`` (401) or :class:`QboUnavailable` (503)."""
    verifier = secret_value(service.settings.qbo_webhook_verifier, SOURCE, VARIABLE)
    signature = {name.lower(): value for name, value in headers.items()}.get(HEADER)
    verify_base64_hmac(verifier, body, signature, HEADER)
    try:
        changes = parse_changes(body)
    except BadDelivery as exc:
        log.warning("webhook qbo rejected (payload): %s", ".".join(map(str, exc.loc)))
        return QboWebhookResult(
            status=WebhookStatus.REJECTED,
            reason="the delivery cannot be used; nothing was written",
            rejection=RejectionKind.PAYLOAD,
            problems=[Problem(loc=list(exc.loc), msg=exc.reason)],
        )
    settings = dict(os.environ) if env is None else env
    plan = _plan(service, changes, settings)
    failed: list[Change] = []
    if plan.fetch:
        try:
            connector = qbo_sync.from_env(settings, client)
        except SyncConfigError as exc:
            raise QboUnavailable(f"the QuickBooks connector is not configured ({exc})") from None
        try:
            for index, change in plan.fetch:
                try:
                    payload = connector.read(change.entity, change.id)
                except ProviderHttpError as exc:
                    if exc.status not in GONE:
                        failed.append(change)
                        continue
                    reason = f"QuickBooks answered HTTP {exc.status}: the entity is gone"
                    plan.results[index] = _result(change, WebhookStatus.IGNORED, reason=reason)
                    continue
                except PageError:
                    failed.append(change)
                    continue
                plan.results[index] = _ingest(service, connector, change, payload)
        finally:
            connector.close()
    results = [plan.results[i] for i in sorted(plan.results)]
    if failed:
        names = ", ".join(f"{c.entity} {c.id}" for c in failed)
        log.warning("webhook qbo: QuickBooks fetch failed for %d entities", len(failed))
        raise QboUnavailable(
            f"QuickBooks could not be reached for {names}; the other entities were handled "
            "and a retry of this notification fetches the rest"
        )
    status = _overall(results)
    log.info("webhook qbo: %s (%d entities)", status.value, len(results))
    return QboWebhookResult(status=status, entities=results)


def _plan(service: IdentityService, changes: Sequence[Change], env: Mapping[str, str]) -> _Plan:
    plan = _Plan()
    realm = Env(env, SOURCE).optional("REALM_ID")
    known = _known(service, [c.key for c in changes])
    for index, change in enumerate(changes):
        reason = None
        if change.entity not in ENTITIES:
            reason = "entity not handled"
        elif change.operation == "Delete":
            reason = "deletion: erasure stays an explicit operator action (DELETE /v1/records)"
        elif change.operation not in FETCHED_OPERATIONS:
            reason = "operation not handled"
        elif realm is not None and change.realm != realm:
            reason = "another company (realmId) than GRAPH_IDENTITY_QBO_REALM_ID"
        if reason is not None:
            plan.results[index] = _result(change, WebhookStatus.IGNORED, reason=reason)
        elif change.key in known:
            plan.results[index] = _result(change, WebhookStatus.DUPLICATE)
        else:
            plan.fetch.append((index, change))
    return plan


def _known(service: IdentityService, keys: Sequence[str]) -> set[str]:
    if not keys:
        return set()
    records, _, _ = service.driver.execute_query(
        cypher.load("webhooks/known_deliveries"),
        keys=list(keys),
        database_=service.settings.neo4j_database,
        routing_=RoutingControl.READ,
    )
    return set(records[0]["known"]) if records else set()


def _result(change: Change, status: WebhookStatus, **fields: Any) -> QboEntityResult:
    return QboEntityResult(
        entity=change.entity, id=change.id, operation=change.operation, status=status, **fields
    )


def _record(
    connector: qbo_sync.QboConnector, change: Change, payload: Mapping[str, Any]
) -> RecordIn:
    stream = connector.stream(change.entity)
    record = stream.to_record(payload)
    return record.model_copy(update={"partial": True}) if stream.partial else record


def _ingest(
    service: IdentityService,
    connector: qbo_sync.QboConnector,
    change: Change,
    payload: Mapping[str, Any],
) -> QboEntityResult:
    rejected = "the entity cannot be used; nothing was written"
    try:
        record = _record(connector, change, payload)
        normalized = service.normalize(record)
    except AdapterError as exc:
        problem = Problem(loc=[change.entity, *exc.loc], msg=exc.reason)
        return _result(change, WebhookStatus.REJECTED, reason=rejected, problems=[problem])
    except RecordRejected as exc:
        problems = [Problem(loc=["record", *i.loc], msg=i.msg) for i in exc.issues]
        return _result(change, WebhookStatus.REJECTED, reason=rejected, problems=problems)
    topic = f"{change.entity}.{change.operation}"
    try:
        outcome = service.ingest(
            normalized, extra_writes=[remember_delivery([change.key], SOURCE, topic)]
        )
    except AlreadyDelivered:
        return _result(change, WebhookStatus.DUPLICATE, record=normalized.key)
    except RecordErased as exc:
        return _result(change, WebhookStatus.ERASED, record=exc.key, reason=str(exc))
    return _result(
        change,
        WebhookStatus.PROCESSED,
        record=outcome.record,
        customer_id=outcome.customer_id,
        action=outcome.action,
    )


def _overall(results: Sequence[QboEntityResult]) -> WebhookStatus:
    statuses = {r.status for r in results}
    for status in (WebhookStatus.PROCESSED, WebhookStatus.DUPLICATE, WebhookStatus.ERASED):
        if status in statuses:
            return status
    if WebhookStatus.REJECTED in statuses:
        return WebhookStatus.REJECTED
    return WebhookStatus.IGNORED
