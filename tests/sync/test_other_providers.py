"""Amazon, ShipStation and both Lightspeed pull syncs against fakes on loopback and the real
Neo4j: the same scenario as the others (throttled and failing pages, incremental, equal to
ingesting the same records, a second full sync changing nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from neo4j import Driver

from graph_identity.adapters.amazon import order_to_record as amazon_order
from graph_identity.adapters.lightspeed_retail import customer_to_record as xseries_customer
from graph_identity.adapters.lightspeed_retail import sale_to_record
from graph_identity.service import IdentityService
from graph_identity.sync import (
    ClientOptions,
    amazon,
    lightspeed_ecom,
    lightspeed_retail,
    shipstation,
)
from tests.sync import fake_amazon, fake_lightspeed, fake_shipstation
from tests.sync.fakes import FakeServer, Handler
from tests.sync.people import people, sales
from tests.sync.scenario import Case, Stream, full_then_incremental

Serve = Callable[[Handler], FakeServer]
OPTIONS = ClientOptions(page_size=6, backoff=0.01, max_retries=3)


@pytest.fixture
def serve() -> Iterator[Serve]:
    servers: list[FakeServer] = []

    def start(handler: Handler) -> FakeServer:
        server = FakeServer(handler)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def test_amazon_orders(strict: IdentityService, graph: Driver, serve: Serve) -> None:
    persons = people(15)
    fake = fake_amazon.FakeAmazon(persons, sales(persons, 14))
    server = serve(fake)
    env = {
        "GRAPH_IDENTITY_AMAZON_MARKETPLACE_IDS": fake_amazon.MARKETPLACE,
        "GRAPH_IDENTITY_AMAZON_REFRESH_TOKEN": fake_amazon.REFRESH,
        "GRAPH_IDENTITY_AMAZON_LWA_CLIENT_ID": "amzn-client",
        "GRAPH_IDENTITY_AMAZON_LWA_CLIENT_SECRET": "amzn-secret",
        "GRAPH_IDENTITY_AMAZON_LWA_URL": f"{server.url}/auth/o2/token",
        "GRAPH_IDENTITY_AMAZON_BASE_URL": server.url,
    }
    case = Case(
        server=server,
        connect=lambda: amazon.from_env(env, OPTIONS),
        persons=fake.persons,
        sales=fake.sales,
        customers=None,
        orders=[(Stream(fake.order, amazon_order), lambda s: True)],
    )
    full_then_incremental(strict, graph, case)
    assert any("NextToken" in r.query for r in server.requests)
    assert any("LastUpdatedAfter" in r.query for r in server.requests)


def test_shipstation_orders_and_shipments(
    strict: IdentityService, graph: Driver, serve: Serve
) -> None:
    persons = people(15)
    fake = fake_shipstation.FakeShipStation(persons, sales(persons, 14))
    server = serve(fake)
    env = {
        "GRAPH_IDENTITY_SHIPSTATION_API_KEY": fake_shipstation.KEY,
        "GRAPH_IDENTITY_SHIPSTATION_API_SECRET": fake_shipstation.SECRET,
        "GRAPH_IDENTITY_SHIPSTATION_BASE_URL": server.url,
    }
    case = Case(
        server=server,
        connect=lambda: shipstation.from_env(env, OPTIONS),
        persons=fake.persons,
        sales=fake.sales,
        customers=None,
        orders=[
            (Stream(fake.order, shipstation.order_to_record), lambda s: True),
            (
                Stream(fake.shipment, shipstation.shipment_to_record, follows_updates=False),
                lambda s: s.n % 2 == 1,
            ),
        ],
    )
    full_then_incremental(strict, graph, case)


def test_lightspeed_xseries_customers_and_sales(
    strict: IdentityService,
    graph: Driver,
    serve: Serve,
) -> None:
    persons = people(15)
    fake = fake_lightspeed.FakeXSeries(persons, sales(persons, 10))
    server = serve(fake)
    env = {
        "GRAPH_IDENTITY_LIGHTSPEED_RETAIL_DOMAIN_PREFIX": fake_lightspeed.PREFIX,
        "GRAPH_IDENTITY_LIGHTSPEED_RETAIL_TOKEN": fake_lightspeed.TOKEN,
        "GRAPH_IDENTITY_LIGHTSPEED_RETAIL_BASE_URL": server.url,
    }
    case = Case(
        server=server,
        connect=lambda: lightspeed_retail.from_env(env, OPTIONS),
        persons=fake.persons,
        sales=fake.sales,
        customers=Stream(fake.customer, xseries_customer),
        orders=[(Stream(fake.order, sale_to_record, partial=True), lambda s: True)],
        touched=fake.touch,
    )
    full, _ = full_then_incremental(strict, graph, case)
    assert sum(s.skipped for s in full.streams) == 1  # sale 7, a walk-in
    afters = [int(r.query["after"]) for r in server.requests if r.path.endswith("/customers")]
    assert afters[0] == 0 and max(afters) >= 15


def test_lightspeed_ecom_customers_and_orders(
    strict: IdentityService,
    graph: Driver,
    serve: Serve,
) -> None:
    persons = people(15)
    fake = fake_lightspeed.FakeEcom(persons, sales(persons, 10))
    server = serve(fake)
    env = {
        "GRAPH_IDENTITY_LIGHTSPEED_ECOM_API_KEY": fake_lightspeed.ECOM_KEY,
        "GRAPH_IDENTITY_LIGHTSPEED_ECOM_API_SECRET": fake_lightspeed.ECOM_SECRET,
        "GRAPH_IDENTITY_LIGHTSPEED_ECOM_BASE_URL": server.url,
    }
    case = Case(
        server=server,
        connect=lambda: lightspeed_ecom.from_env(env, OPTIONS),
        persons=fake.persons,
        sales=fake.sales,
        customers=Stream(fake.customer, lightspeed_ecom.customer_to_record),
        orders=[
            (Stream(fake.order, lightspeed_ecom.order_to_record, partial=True), lambda s: True)
        ],
    )
    full_then_incremental(strict, graph, case)
