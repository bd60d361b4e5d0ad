"""Replay protection on the real Neo4j: atomic with the ingest, safe under concurrency."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from neo4j import Driver, ManagedTransaction
from pydantic import SecretStr

from graph_identity.identifiers import NormalizedRecord
from graph_identity.service import IdentityService
from graph_identity.webhooks import WebhookResult, WebhookStatus, handle
from tests.webhooks.helpers import (
    SHOPIFY_SECRET,
    deliveries,
    fixture,
    graph_state,
    shopify_delivery,
)


@pytest.fixture
def service(make_service: Callable[..., IdentityService]) -> IdentityService:
    return make_service(shopify_webhook_secret=SecretStr(SHOPIFY_SECRET))


def test_a_crash_after_remembering_leaves_neither_delivery_nor_record(
    service: IdentityService, graph: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers, body = shopify_delivery("customers/create", fixture("shopify/customer_rest.json"))
    real = service.engine.ingest_chunk

    def crash_after_ingest(tx: ManagedTransaction, records: list[NormalizedRecord]) -> Any:
        real(tx, records)
        raise RuntimeError("process died before commit")

    monkeypatch.setattr(service.engine, "ingest_chunk", crash_after_ingest)
    with pytest.raises(RuntimeError):
        handle(service, "shopify", headers, body)
    assert graph_state(graph) == ([], [])
    monkeypatch.undo()
    retried = handle(service, "shopify", headers, body)
    assert retried.status is WebhookStatus.PROCESSED and retried.action == "created"
    assert len(deliveries(graph)) == 2


def test_concurrent_copies_of_one_delivery_ingest_once(
    service: IdentityService, graph: Driver
) -> None:
    headers, body = shopify_delivery("customers/create", fixture("shopify/customer_rest.json"))
    copies = 6
    barrier = threading.Barrier(copies)
    results: list[WebhookResult] = []
    errors: list[BaseException] = []

    def deliver() -> None:
        barrier.wait()
        try:
            results.append(handle(service, "shopify", headers, body))
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=deliver) for _ in range(copies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    statuses = sorted(r.status for r in results)
    assert statuses == [WebhookStatus.DUPLICATE] * (copies - 1) + [WebhookStatus.PROCESSED]
    records, _, _ = graph.execute_query("MATCH (r:Record) RETURN count(r) AS n")
    assert records[0]["n"] == 1
    assert len(deliveries(graph)) == 2
