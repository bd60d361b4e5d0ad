"""Shopify Admin GraphQL pull sync against a fake Shopify on loopback and the real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from graph_identity.adapters.shopify import customer_to_record
from graph_identity.service import IdentityService
from graph_identity.sync import ClientOptions, SyncRunner, shopify
from tests.sync.fake_shopify import SHOP, TOKEN, FakeShopify
from tests.sync.fakes import FakeServer
from tests.sync.people import people, sales
from tests.sync.scenario import Case, Stream, full_then_incremental

OPTIONS = ClientOptions(page_size=6, backoff=0.01, max_retries=3)


@pytest.fixture
def fake() -> FakeShopify:
    persons = people(15)
    return FakeShopify(persons, sales(persons, 10))


@pytest.fixture
def server(fake: FakeShopify) -> Iterator[FakeServer]:
    server = FakeServer(fake)
    yield server
    server.close()


def env(server: FakeServer) -> dict[str, str]:
    return {
        "GRAPH_IDENTITY_SHOPIFY_SHOP": SHOP,
        "GRAPH_IDENTITY_SHOPIFY_ACCESS_TOKEN": TOKEN,
        "GRAPH_IDENTITY_SHOPIFY_BASE_URL": server.url,
    }


def test_full_then_incremental_sync_equals_ingesting_the_same_records(
    strict: IdentityService, graph: Driver, fake: FakeShopify, server: FakeServer
) -> None:
    case = Case(
        server=server,
        connect=lambda: shopify.from_env(env(server), OPTIONS),
        persons=fake.persons,
        sales=fake.sales,
        customers=Stream(fake.customer, customer_to_record),
        orders=[(Stream(fake.order, shopify.order_to_record, partial=True), lambda s: True)],
    )
    full, _ = full_then_incremental(strict, graph, case)
    assert [s.name for s in full.streams] == ["customers", "orders"]
    queries = [r.json()["variables"]["query"] for r in server.requests if r.body]
    assert any(q and q.startswith("updated_at:>'") for q in queries)


def test_a_throttled_answer_waits_for_the_bucket_and_retries(
    strict: IdentityService, graph: Driver, fake: FakeShopify, server: FakeServer
) -> None:
    waits: list[float] = []
    fake.throttle = 2
    connector = shopify.from_env(env(server), ClientOptions(page_size=6, sleep=waits.append))
    report = SyncRunner(strict).run(connector)
    assert report.metrics.fetched == 25 and report.metrics.errors == 0
    assert waits[:2] == [8 / 100.0, 8 / 100.0]  # (cost 8 - 0 available) / restore 100 a second
