"""Group commit on the real Neo4j: concurrent single-record ingests share a transaction, and
each caller still gets its own result or error (graph_identity/group_commit.py)."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from neo4j import Driver, ManagedTransaction

from graph_identity.config import Policy
from graph_identity.errors import RecordErased
from graph_identity.group_commit import WriteStep
from graph_identity.identifiers import NormalizedRecord
from graph_identity.models import RecordIn
from graph_identity.results import Action, IngestResult
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe
from graph_identity.webhooks.replay import AlreadyDelivered, remember_delivery
from tests.integration.test_concurrency import partition, people_records
from tests.webhooks.helpers import deliveries

Outcome = IngestResult | BaseException
ONE_GROUP = {"group_commit_window_ms": 1000, "group_commit_max": 3}
"""A group closes when its third record arrives (the long window is only a fallback)."""


def concurrently(calls: list[Callable[[], IngestResult]], stagger: float = 0.0) -> list[Outcome]:
    """Run the calls on their own threads, released together (or ``stagger`` s apart, in
    order); each one's result or exception, in the calls' order."""
    outcomes: list[Outcome | None] = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(index: int) -> None:
        barrier.wait()
        time.sleep(index * stagger)
        try:
            outcomes[index] = calls[index]()
        except BaseException as exc:  # handed to the assertions
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(o is not None for o in outcomes)
    return [o for o in outcomes if o is not None]


def group_sizes(caplog: pytest.LogCaptureFixture) -> list[int]:
    return [
        int(m.group(1))
        for r in caplog.records
        if (m := re.fullmatch(r"group committed: (\d+) records", r.getMessage()))
    ]


def person(n: int, *, email: str | None = None) -> RecordIn:
    return RecordIn(
        provider="shopify",
        external_id=f"g{n}",
        first_name="Ada",
        last_name=f"Person{n}",
        emails=[email or f"g{n}@example.com"],
    )


def record_keys(graph: Driver) -> list[str]:
    rows, _, _ = graph.execute_query("MATCH (r:Record) RETURN r.key AS key ORDER BY key")
    return [row["key"] for row in rows]


def emails(graph: Driver) -> list[str]:
    rows, _, _ = graph.execute_query("MATCH (e:Email) RETURN e.value AS v ORDER BY v")
    return [row["v"] for row in rows]


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="graph_identity.group_commit")
    return caplog


def test_grouping_is_on_by_default(make_service: Callable[..., IdentityService]) -> None:
    assert make_service().group_commit is not None
    assert make_service(group_commit_window_ms=0).group_commit is None
    assert make_service(group_commit_max=0).group_commit is None


def test_threads_give_the_sequential_graph_and_results(
    graph: Driver,
    make_service: Callable[..., IdentityService],
    neo4j_connection: Any,
    debug_log: pytest.LogCaptureFixture,
) -> None:
    records = people_records(seed=3)[:120]
    sequential = make_service(policy=Policy.CONNECTED, group_commit_window_ms=0)
    for record in records:
        sequential.ingest(record)
    expected = partition(graph)
    wipe(graph, neo4j_connection.database)

    grouped = make_service(policy=Policy.CONNECTED, group_commit_window_ms=20)
    results = concurrently([lambda r=r: grouped.ingest(r) for r in records])
    assert all(isinstance(r, IngestResult) for r in results), results
    assert partition(graph) == expected
    assert max(group_sizes(debug_log)) > 1
    for result in results:
        assert isinstance(result, IngestResult)
        # each caller's customer id is (an alias of) the customer its record is in now
        final = grouped.customer(str(result.customer_id))
        assert result.record in final.records
    again = concurrently([lambda r=r: grouped.ingest(r) for r in records])
    assert {r.action for r in again if isinstance(r, IngestResult)} == {Action.UNCHANGED}


def test_independent_records_answer_exactly_as_one_by_one(
    graph: Driver, make_service: Callable[..., IdentityService], neo4j_connection: Any
) -> None:
    first = [person(n) for n in range(12)]
    second = [person(n, email=f"new{n}@example.com") if n % 2 else person(n) for n in range(12)]

    def actions(service: IdentityService, concurrent: bool) -> list[list[Action]]:
        passes = []
        for batch in (first, second):
            if concurrent:
                outcomes = concurrently([lambda r=r: service.ingest(r) for r in batch])
            else:
                outcomes = [service.ingest(r) for r in batch]
            passes.append([o.action for o in outcomes if isinstance(o, IngestResult)])
        return passes

    expected = actions(make_service(group_commit_window_ms=0), concurrent=False)
    assert expected[0] == [Action.CREATED] * 12
    wipe(graph, neo4j_connection.database)
    assert actions(make_service(group_commit_window_ms=20), concurrent=True) == expected


def test_an_erased_record_fails_only_its_caller(
    graph: Driver,
    make_service: Callable[..., IdentityService],
    debug_log: pytest.LogCaptureFixture,
) -> None:
    service = make_service(**ONE_GROUP)
    service.ingest(person(0, email="erased@example.com"))
    service.erase("shopify", "g0")
    outcomes = concurrently([lambda n=n: service.ingest(person(n)) for n in range(3)])
    assert isinstance(outcomes[0], RecordErased) and outcomes[0].key == "shopify:g0"
    assert [o.action for o in outcomes[1:] if isinstance(o, IngestResult)] == [Action.CREATED] * 2
    assert group_sizes(debug_log)[-1] == 3
    assert record_keys(graph) == ["shopify:g1", "shopify:g2"]
    assert emails(graph) == ["g1@example.com", "g2@example.com"]


def test_two_deliveries_sharing_a_key_in_one_group(
    graph: Driver, make_service: Callable[..., IdentityService]
) -> None:
    """Two records whose deliveries share a replay key: the first is processed, the second
    is a duplicate and writes nothing; a third record of the group lands."""
    service = make_service(**ONE_GROUP)
    steps: list[tuple[WriteStep, ...]] = [
        (remember_delivery(["shared"], "shopify", "customers/create"),),
        (remember_delivery(["shared"], "shopify", "customers/create"),),
        (),
    ]
    outcomes = concurrently(
        [lambda n=n: service.ingest(person(n), extra_writes=steps[n]) for n in range(3)],
        stagger=0.05,
    )
    assert isinstance(outcomes[0], IngestResult) and outcomes[0].action is Action.CREATED
    assert isinstance(outcomes[1], AlreadyDelivered)
    assert isinstance(outcomes[2], IngestResult) and outcomes[2].action is Action.CREATED
    assert record_keys(graph) == ["shopify:g0", "shopify:g2"]
    assert deliveries(graph) == ["shared"]


def test_an_error_in_one_extra_write_fails_only_it(
    graph: Driver,
    make_service: Callable[..., IdentityService],
    debug_log: pytest.LogCaptureFixture,
) -> None:
    service = make_service(**ONE_GROUP)
    remember = remember_delivery(["probe"], "shopify", None)

    def remember_then_fail(tx: ManagedTransaction) -> None:
        remember(tx)
        raise ValueError("the caller's own write failed")

    outcomes = concurrently(
        [
            lambda n=n: service.ingest(
                person(n), extra_writes=[remember_then_fail] if n == 1 else []
            )
            for n in range(3)
        ]
    )
    assert isinstance(outcomes[1], ValueError)
    assert all(isinstance(outcomes[n], IngestResult) for n in (0, 2))
    assert group_sizes(debug_log) == [2]
    assert record_keys(graph) == ["shopify:g0", "shopify:g2"]
    assert deliveries(graph) == []


def test_an_erased_delivery_and_a_failing_step_in_one_group(
    graph: Driver, make_service: Callable[..., IdentityService]
) -> None:
    """Both leave the group: the failing step's caller gets its error, the erased record's
    RecordErased, and neither its delivery nor anything else is written."""
    service = make_service(group_commit_window_ms=1000, group_commit_max=2)
    service.ingest(person(1))
    service.erase("shopify", "g1")

    def fail(tx: ManagedTransaction) -> None:
        raise ValueError("the caller's own write failed")

    outcomes = concurrently(
        [
            lambda: service.ingest(person(0), extra_writes=[fail]),
            lambda: service.ingest(
                person(1), extra_writes=[remember_delivery(["erased"], "shopify", None)]
            ),
        ],
        stagger=0.05,
    )
    assert isinstance(outcomes[0], ValueError)
    assert isinstance(outcomes[1], RecordErased)
    assert record_keys(graph) == []
    assert deliveries(graph) == []


def test_a_failing_group_is_retried_record_by_record(
    graph: Driver, make_service: Callable[..., IdentityService], monkeypatch: pytest.MonkeyPatch
) -> None:
    service = make_service(**ONE_GROUP)
    real = service.engine.ingest_chunk

    def refuse_g1(tx: ManagedTransaction, records: list[NormalizedRecord]) -> Any:
        if any(r.key == "shopify:g1" for r in records):
            raise RuntimeError("this record breaks its chunk")
        return real(tx, records)

    monkeypatch.setattr(service.engine, "ingest_chunk", refuse_g1)
    outcomes = concurrently([lambda n=n: service.ingest(person(n)) for n in range(3)])
    assert isinstance(outcomes[1], RuntimeError)
    assert all(isinstance(outcomes[n], IngestResult) for n in (0, 2))
    assert record_keys(graph) == ["shopify:g0", "shopify:g2"]


def test_one_key_twice_in_a_window_commits_in_order(
    graph: Driver,
    make_service: Callable[..., IdentityService],
    debug_log: pytest.LogCaptureFixture,
) -> None:
    service = make_service(group_commit_window_ms=300, group_commit_max=3)
    calls = [
        lambda: service.ingest(person(0, email="old@example.com")),
        lambda: service.ingest(person(1)),
        lambda: service.ingest(person(0, email="new@example.com")),
        lambda: service.ingest(person(0, email="new@example.com")),
    ]
    outcomes = concurrently(calls, stagger=0.03)
    actions = [o.action for o in outcomes if isinstance(o, IngestResult)]
    assert actions == [Action.CREATED, Action.CREATED, Action.UPDATED, Action.UNCHANGED]
    assert group_sizes(debug_log) == [2, 1, 1]
    assert record_keys(graph) == ["shopify:g0", "shopify:g1"]
    latest = outcomes[3]
    assert isinstance(latest, IngestResult)
    assert service.customer(str(latest.customer_id)).emails == ["new@example.com"]
