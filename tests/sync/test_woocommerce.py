"""WooCommerce REST v3 pull sync against a fake WooCommerce on loopback and the real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from graph_identity.adapters.woocommerce import customer_to_record
from graph_identity.service import IdentityService
from graph_identity.sync import ClientOptions, SyncConfigError, woocommerce
from tests.sync.fake_woocommerce import KEY, SECRET, FakeWoo
from tests.sync.fakes import FakeServer
from tests.sync.people import people, sales
from tests.sync.scenario import Case, Stream, full_then_incremental

OPTIONS = ClientOptions(page_size=6, backoff=0.01, max_retries=3)


@pytest.fixture
def fake() -> FakeWoo:
    persons = people(15)
    return FakeWoo(persons, sales(persons, 10))


@pytest.fixture
def server(fake: FakeWoo) -> Iterator[FakeServer]:
    server = FakeServer(fake)
    yield server
    server.close()


def test_full_then_incremental_sync_equals_ingesting_the_same_records(
    strict: IdentityService, graph: Driver, fake: FakeWoo, server: FakeServer
) -> None:
    env = {
        "GRAPH_IDENTITY_WOOCOMMERCE_URL": server.url,
        "GRAPH_IDENTITY_WOOCOMMERCE_CONSUMER_KEY": KEY,
        "GRAPH_IDENTITY_WOOCOMMERCE_CONSUMER_SECRET": SECRET,
    }
    case = Case(
        server=server,
        connect=lambda: woocommerce.from_env(env, OPTIONS),
        persons=fake.persons,
        sales=fake.sales,
        customers=Stream(fake.customer, customer_to_record, refetched_in_full=True),
        orders=[(Stream(fake.order, woocommerce.order_to_record, partial=True), lambda s: True)],
    )
    full_then_incremental(strict, graph, case)
    orders = [r for r in server.requests if r.path.endswith("/orders")]
    assert any(r.query.get("dates_are_gmt") == "true" for r in orders)


def test_missing_credentials_name_the_variable() -> None:
    env = {"GRAPH_IDENTITY_WOOCOMMERCE_URL": "https://shop.example.com"}
    with pytest.raises(SyncConfigError) as raised:
        woocommerce.from_env(env, OPTIONS)
    assert raised.value.field == "GRAPH_IDENTITY_WOOCOMMERCE_CONSUMER_KEY"
