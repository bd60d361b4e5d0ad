"""The scenario every provider passes: a throttled, failing full sync; a second full sync
that changes nothing; an incremental one that fetches only what changed; and the same graph
as ingesting the same records in the same order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver

from graph_identity.adapters import AdapterError
from graph_identity.models import RecordIn
from graph_identity.service import IdentityService
from graph_identity.sync import Connector, ProviderReport, SyncOptions, SyncRunner
from tests.sync.fakes import FAILED, THROTTLED, FakeServer
from tests.sync.helpers import graph_state, import_records, only_unchanged
from tests.sync.people import Person, Sale, changed

CHANGED_PEOPLE = (2, 9, 13)
CHANGED_SALES = (1, 6)

Mapper = Callable[[Mapping[str, Any]], RecordIn]
Render = Callable[[Any], dict[str, Any]]


@dataclass
class Stream:
    """How the fake renders one stream's objects and how the sync maps them."""

    render: Render
    to_record: Mapper
    partial: bool = False
    refetched_in_full: bool = False
    """The API has no changed-since filter for it: incremental runs read it all."""
    follows_updates: bool = True
    """Its incremental filter is a modified date (not a creation date)."""


@dataclass
class Case:
    server: FakeServer
    connect: Callable[[], Connector]
    persons: dict[int, Person]
    sales: dict[int, Sale]
    customers: Stream | None
    orders: list[tuple[Stream, Callable[[Sale], bool]]]
    """Order-like streams, each with which sales it holds."""
    touched: Callable[[str, int], None] | None = None


def _records(stream: Stream, objects: Iterable[Any]) -> list[RecordIn]:
    """What a file import of these objects would ingest (unmappable ones are left out, as
    the sync leaves them out)."""
    found = []
    for obj in objects:
        try:
            record = stream.to_record(stream.render(obj))
        except AdapterError:
            continue
        found.append(record.model_copy(update={"partial": True}) if stream.partial else record)
    return found


def _phase(case: Case, persons: list[Person], sales: list[Sale], all_of: bool) -> list[RecordIn]:
    records: list[RecordIn] = []
    if case.customers is not None:
        refetch = case.customers.refetched_in_full and all_of
        records += _records(case.customers, list(case.persons.values()) if refetch else persons)
    for stream, holds in case.orders:
        records += _records(stream, [s for s in sales if holds(s)])
    return records


def full_then_incremental(
    service: IdentityService, graph: Driver, case: Case
) -> tuple[ProviderReport, ProviderReport]:
    server = case.server
    first_phase = _phase(case, list(case.persons.values()), list(case.sales.values()), False)
    customers = len(case.persons) if case.customers else 0
    expected_full = customers + sum(
        sum(1 for s in case.sales.values() if holds(s)) for _, holds in case.orders
    )
    server.fail_after(1, THROTTLED)
    server.fail_after(3, FAILED)
    connector = case.connect()
    full = SyncRunner(service).run(connector)
    assert all(s.mode == "full" for s in full.streams)
    assert full.metrics.fetched == expected_full
    assert full.metrics.errors == 0, full.issues
    assert connector.client.retries >= 2  # type: ignore[attr-defined]
    after_full = graph_state(graph)

    again = SyncRunner(service, SyncOptions(full=True)).run(case.connect())
    assert again.metrics.fetched == expected_full
    skipped = sum(s.skipped for s in again.streams)
    assert only_unchanged(again.metrics, skipped), again.metrics
    assert graph_state(graph) == after_full

    now = datetime.now(UTC)
    for n in CHANGED_PEOPLE:
        case.persons[n] = changed(case.persons[n], now)
        if case.touched:
            case.touched("customers", n)
    for n in CHANGED_SALES:
        case.sales[n] = replace(case.sales[n], updated=now)
        if case.touched:
            case.touched("sales", n)
    before = len(server.requests)
    incremental = SyncRunner(service).run(case.connect())
    assert all(s.mode == "incremental" for s in incremental.streams)
    changed_people = [case.persons[n] for n in CHANGED_PEOPLE]
    changed_sales = [case.sales[n] for n in CHANGED_SALES]
    refetch_all = case.customers is not None and case.customers.refetched_in_full
    expected_customers = (len(case.persons) if refetch_all else 3) if case.customers else 0
    expected_orders = sum(
        sum(1 for s in changed_sales if holds(s))
        for stream, holds in case.orders
        if stream.follows_updates
    )
    assert incremental.metrics.fetched == expected_customers + expected_orders
    assert incremental.metrics.created == 0 and incremental.metrics.errors == 0
    if case.customers is not None:
        assert incremental.metrics.updated >= len(CHANGED_PEOPLE)
    assert len(server.requests) - before <= 2 * len(incremental.streams)

    synced = graph_state(graph)
    import_records(service, first_phase)
    service.ingest_batch(_phase(case, changed_people, changed_sales, True))
    assert graph_state(graph) == synced
    return full, incremental
