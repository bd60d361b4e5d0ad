"""QuickBooks Online pull sync against a fake QBO API on loopback and the real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from neo4j import Driver

from graph_identity.adapters.qbo import customer_to_record
from graph_identity.models import RecordIn
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe
from graph_identity.sync import ClientOptions, SyncOptions, SyncProgress, SyncRunner, qbo
from graph_identity.sync.cursors import Cursor, CursorKey, CursorStore
from tests.sync.fake_qbo import REALM, REFRESH, TOKEN, FakeQbo
from tests.sync.fakes import FAILED, THROTTLED, FakeServer
from tests.sync.helpers import graph_state, import_records, only_unchanged
from tests.sync.people import changed, people, sales

OPTIONS = ClientOptions(page_size=10, backoff=0.01, max_retries=3)
PERSONS = 35
SALES = 24


@pytest.fixture
def fake() -> FakeQbo:
    persons = people(PERSONS)
    return FakeQbo(persons, sales(persons, SALES))


@pytest.fixture
def server(fake: FakeQbo) -> Iterator[FakeServer]:
    server = FakeServer(fake)
    yield server
    server.close()


def connect(server: FakeServer, **extra: str) -> qbo.QboConnector:
    env = {
        "GRAPH_IDENTITY_QBO_REALM_ID": REALM,
        "GRAPH_IDENTITY_QBO_ACCESS_TOKEN": TOKEN,
        "GRAPH_IDENTITY_QBO_BASE_URL": server.url,
        **extra,
    }
    return qbo.from_env(env, OPTIONS)


def final_records(fake: FakeQbo) -> list[RecordIn]:
    customers = [customer_to_record(fake.customer(p)) for p in fake.persons.values()]
    orders = [
        qbo.transaction_to_record(body, entity).model_copy(update={"partial": True})
        for entity in ("Invoice", "SalesReceipt")
        for _, body in fake.entities(entity)
    ]
    return customers + orders


def test_full_then_incremental_sync_equals_importing_the_same_records(
    strict: IdentityService, graph: Driver, fake: FakeQbo, server: FakeServer
) -> None:
    server.fail_after(1, THROTTLED)
    server.fail_after(3, FAILED)
    connector = connect(server)
    full = SyncRunner(strict).run(connector)
    assert [s.mode for s in full.streams] == ["full", "full", "full"]
    assert full.metrics.fetched == PERSONS + SALES
    assert full.metrics.created + full.metrics.linked == PERSONS
    assert full.metrics.errors == 0 and full.issues == []
    assert connector.client.retries == 2

    now = datetime.now(UTC)
    for n in (3, 14, 27):
        fake.persons[n] = changed(fake.persons[n], now)
    fake.deleted[999] = now
    before = len(server.requests)
    incremental = SyncRunner(strict).run(connect(server))
    assert [s.mode for s in incremental.streams] == ["incremental"] * 3
    assert incremental.metrics.fetched == 4  # three changed customers and one deletion
    assert incremental.metrics.updated == 3
    assert sum(s.skipped for s in incremental.streams) == 1
    assert {r.path for r in server.requests[before:]} == {f"/v3/company/{REALM}/cdc"}

    synced = graph_state(graph)
    assert len(synced["customers"]) == PERSONS
    import_records(strict, final_records(fake))
    assert graph_state(graph) == synced


def test_a_second_full_sync_changes_nothing(
    strict: IdentityService, graph: Driver, server: FakeServer
) -> None:
    SyncRunner(strict).run(connect(server))
    first = graph_state(graph)
    again = SyncRunner(strict, SyncOptions(full=True)).run(connect(server))
    assert again.metrics.fetched == PERSONS + SALES
    assert only_unchanged(again.metrics)
    assert graph_state(graph) == first


class Killed(Exception):
    pass


def test_a_sync_killed_mid_run_resumes_from_its_cursor(
    strict: IdentityService, graph: Driver, server: FakeServer
) -> None:
    def kill_after_two_pages(progress: SyncProgress) -> None:
        if progress.stream == "customer" and progress.pages == 2:
            raise Killed

    with pytest.raises(Killed):
        SyncRunner(strict).run(connect(server), on_progress=kill_after_two_pages)
    before = len(server.requests)
    resumed = SyncRunner(strict).run(connect(server))
    assert resumed.streams[0].mode == "resumed"
    first_query = server.requests[before].query["query"]
    assert "STARTPOSITION 21 " in first_query
    assert resumed.metrics.fetched == PERSONS - 20 + SALES
    resumed_state = graph_state(graph)

    wipe(graph, strict.settings.neo4j_database)
    SyncRunner(strict).run(connect(server))
    assert graph_state(graph) == resumed_state


def test_a_page_that_keeps_failing_stops_its_stream_and_is_fetched_again_next_run(
    strict: IdentityService, graph: Driver, server: FakeServer
) -> None:
    server.fail_after(1, *[FAILED] * (OPTIONS.max_retries + 1))
    report = SyncRunner(strict).run(connect(server))
    customers, invoices, receipts = report.streams
    assert customers.failed and customers.metrics.fetched == 10
    assert not invoices.failed and not receipts.failed
    assert report.metrics.errors == 1
    assert "HTTP 500" in report.issues[0].reason

    again = SyncRunner(strict).run(connect(server))
    assert again.streams[0].mode == "resumed"
    assert again.streams[0].metrics.fetched == PERSONS - 10
    records, _, _ = graph.execute_query("MATCH (r:Record) RETURN count(r) AS n")
    assert records[0]["n"] == PERSONS


def test_a_bad_object_is_an_error_and_the_rest_of_its_page_is_stored(
    strict: IdentityService, graph: Driver, fake: FakeQbo, server: FakeServer
) -> None:
    fake.broken.add(4)
    report = SyncRunner(strict).run(connect(server))
    assert report.metrics.errors == 1
    (issue,) = report.issues
    assert issue.object_id == "4" and "PrimaryEmailAddr" in issue.reason
    assert "person4" not in issue.reason
    records, _, _ = graph.execute_query("MATCH (r:Record) RETURN count(r) AS n")
    sold_to_4 = any(s.person == 4 for s in fake.sales.values())
    assert records[0]["n"] == PERSONS - 1 + sold_to_4  # its sales still name customer 4


def test_an_expired_token_is_refreshed_once(
    strict: IdentityService, graph: Driver, fake: FakeQbo, server: FakeServer
) -> None:
    fake.token = "something-newer"
    connector = connect(
        server,
        GRAPH_IDENTITY_QBO_REFRESH_TOKEN=REFRESH,
        GRAPH_IDENTITY_QBO_CLIENT_ID="client-id",
        GRAPH_IDENTITY_QBO_CLIENT_SECRET="client-secret",
        GRAPH_IDENTITY_QBO_TOKEN_URL=f"{server.url}/oauth2/v1/tokens/bearer",
    )
    report = SyncRunner(strict).run(connector)
    assert report.metrics.fetched == PERSONS + SALES and report.metrics.errors == 0
    refreshes = [r for r in server.requests if r.path.startswith("/oauth2")]
    assert len(refreshes) == 1


def test_a_crash_before_the_cursor_moved_refetches_that_page_as_unchanged(
    strict: IdentityService, graph: Driver, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = CursorStore.save
    saves: list[str | None] = []

    def crash_on_the_second_page(self: CursorStore, key: CursorKey, cursor: Cursor) -> None:
        saves.append(cursor.position)
        if len(saves) == 2:  # page 2 is committed, its cursor never written
            raise Killed
        real_save(self, key, cursor)

    monkeypatch.setattr(CursorStore, "save", crash_on_the_second_page)
    with pytest.raises(Killed):
        SyncRunner(strict).run(connect(server))
    monkeypatch.setattr(CursorStore, "save", real_save)

    resumed = SyncRunner(strict).run(connect(server))
    customers = resumed.streams[0]
    assert customers.mode == "resumed"
    assert customers.metrics.fetched == PERSONS - 10  # pages 2.. again, page 1 not
    assert customers.metrics.unchanged == 10  # page 2 was already stored
    resumed_state = graph_state(graph)

    wipe(graph, strict.settings.neo4j_database)
    SyncRunner(strict).run(connect(server))
    assert graph_state(graph) == resumed_state
