"""The asyncio entry points the API serves from its event loop, on the real Neo4j:
``resolve_async`` on the async driver (or a worker thread without one) and ``ingest_async``
awaiting its group commit (graph_identity/service.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from neo4j import Driver

from graph_identity.config import Policy, Settings
from graph_identity.errors import InvalidBookmark, RecordErased, RecordRejected
from graph_identity.models import RecordIn
from graph_identity.results import Action, IngestResult, ResolveResult, ResolveStatus
from graph_identity.service import IdentityService
from graph_identity.store.driver import connect_async
from tests.integration.test_group_commit import group_sizes, person, record_keys

QUERIES: list[dict[str, Any]] = [
    {"email": "ada@example.com"},
    {"phone": "5125550142"},
    {"email": "ada@example.com", "phone": "5125550142"},
    {"provider": "lightspeed", "external_id": "pos-1"},
    {"email": "nobody@example.com"},
]


def pos_and_ecom() -> list[RecordIn]:
    """An email-only and a phone-only record, then one with both: a bridge between them."""
    return [
        RecordIn(provider="lightspeed", external_id="pos-1", emails=["ada@example.com"]),
        RecordIn(provider="lightspeed", external_id="pos-2", phones=["5125550142"]),
        RecordIn(
            provider="shopify",
            external_id="web-1",
            emails=["ada@example.com"],
            phones=["5125550142"],
        ),
    ]


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="graph_identity.group_commit")
    return caplog


def with_async_service(
    graph: Driver, settings: Settings, work: Callable[[IdentityService], Awaitable[Any]]
) -> Any:
    """Run ``work(service)`` in a fresh event loop, the service holding an async driver that
    belongs to that loop."""

    async def main() -> Any:
        async_driver = connect_async(settings)
        try:
            return await work(IdentityService(graph, settings, async_driver=async_driver))
        finally:
            await async_driver.close()

    return asyncio.run(main())


@pytest.mark.parametrize("policy", [Policy.STRICT, Policy.REVIEW_ALL_BRIDGES])
def test_resolve_async_answers_as_resolve(
    graph: Driver, settings: Settings, policy: Policy
) -> None:
    settings = settings.model_copy(update={"policy": policy})
    service = IdentityService(graph, settings)
    for record in pos_and_ecom():
        service.ingest(record)
    expected = [service.resolve(**query) for query in QUERIES]
    assert {r.status for r in expected} >= {ResolveStatus.FOUND, ResolveStatus.NOT_FOUND}

    async def answers(async_service: IdentityService) -> list[ResolveResult]:
        return [await async_service.resolve_async(**query) for query in QUERIES]

    assert with_async_service(graph, settings, answers) == expected
    without_async_driver = asyncio.run(answers(service))
    assert without_async_driver == expected
    if policy is Policy.REVIEW_ALL_BRIDGES:
        assert expected[2].status is ResolveStatus.AMBIGUOUS


def test_resolve_async_reads_after_a_bookmark_and_refuses_a_foreign_one(
    graph: Driver, settings: Settings
) -> None:
    service = IdentityService(graph, settings)
    created = service.ingest(person(1))

    async def work(async_service: IdentityService) -> ResolveResult:
        with pytest.raises(RecordRejected):
            await async_service.resolve_async(email="not an email")
        with pytest.raises(InvalidBookmark):
            await async_service.resolve_async(email="g1@example.com", after=["FB:nonsense"])
        return await async_service.resolve_async(email="g1@example.com", after=service.bookmarks())

    found = with_async_service(graph, settings, work)
    assert found.status is ResolveStatus.FOUND and found.customer_id == created.customer_id


def test_concurrent_ingest_async_share_a_group_and_answer_each(
    graph: Driver, settings: Settings, debug_log: pytest.LogCaptureFixture
) -> None:
    settings = settings.model_copy(update={"group_commit_window_ms": 200, "group_commit_max": 100})
    service = IdentityService(graph, settings)
    service.ingest(person(0))
    service.erase("shopify", "g0")
    unusable = RecordIn(provider="shopify", emails=["nobody-at-all"], phones=["12"])
    records = [person(n) for n in range(12)] + [unusable]

    async def work(async_service: IdentityService) -> list[IngestResult | BaseException]:
        return await asyncio.gather(
            *(async_service.ingest_async(r) for r in records), return_exceptions=True
        )

    outcomes = with_async_service(graph, settings, work)
    assert isinstance(outcomes[0], RecordErased)
    assert isinstance(outcomes[-1], RecordRejected)
    created = outcomes[1:-1]
    assert [(o.record, o.action) for o in created if isinstance(o, IngestResult)] == [
        (f"shopify:g{n}", Action.CREATED) for n in range(1, 12)
    ]
    assert group_sizes(debug_log)[-1] == 12  # the unusable record never reached a group
    assert record_keys(graph) == sorted(f"shopify:g{n}" for n in range(1, 12))


def test_ingest_async_without_grouping_writes_each_record(
    graph: Driver, settings: Settings
) -> None:
    settings = settings.model_copy(update={"group_commit_window_ms": 0})

    async def work(async_service: IdentityService) -> list[IngestResult]:
        assert async_service.group_commit is None
        return list(await asyncio.gather(*(async_service.ingest_async(person(n)) for n in (1, 2))))

    results = with_async_service(graph, settings, work)
    assert [r.action for r in results] == [Action.CREATED, Action.CREATED]
    assert record_keys(graph) == ["shopify:g1", "shopify:g2"]
