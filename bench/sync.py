"""Pull-sync throughput per provider on the loopback fakes, against a file import of the
same objects in the same run.

For each provider: a full sync of every stream into an emptied graph (objects/s over all
streams, and over its customer-like stream alone), then the same customer-like objects
written to a JSON Lines file and imported with ``graph-identity import``'s runner into an
emptied graph (rows/s). The fakes are the ones the tests use (``tests/sync``); their data is
generated. Lightspeed eCom has no JSON file adapter (its file import is the CSV order
export), so it has no file figure.

    .venv/bin/python -m bench.sync [--persons 1000] [--sales 1000] [--write]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import bench_server, write_section
from graph_identity.imports import import_file
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe
from graph_identity.sync import ClientOptions, Connector, SyncRunner, registry
from tests.sync import (
    fake_amazon,
    fake_lightspeed,
    fake_qbo,
    fake_shipstation,
    fake_shopify,
    fake_woocommerce,
)
from tests.sync.fakes import FakeServer
from tests.sync.people import Person, Sale, people, sales


@dataclass(frozen=True)
class Setup:
    """A provider's fake, its environment, and which stream a file import can mirror."""

    provider: str
    make: Callable[[list[Person], list[Sale]], Any]
    env: Callable[[str], dict[str, str]]
    stream: str
    file_kind: str | None
    objects: Callable[[Any], list[Mapping[str, Any]]]


SETUPS = [
    Setup(
        "qbo",
        fake_qbo.FakeQbo,
        lambda url: {
            "GRAPH_IDENTITY_QBO_REALM_ID": fake_qbo.REALM,
            "GRAPH_IDENTITY_QBO_ACCESS_TOKEN": fake_qbo.TOKEN,
            "GRAPH_IDENTITY_QBO_BASE_URL": url,
        },
        "customer",
        "customer",
        lambda f: [f.customer(p) for p in f.persons.values()],
    ),
    Setup(
        "shopify",
        fake_shopify.FakeShopify,
        lambda url: {
            "GRAPH_IDENTITY_SHOPIFY_SHOP": fake_shopify.SHOP,
            "GRAPH_IDENTITY_SHOPIFY_ACCESS_TOKEN": fake_shopify.TOKEN,
            "GRAPH_IDENTITY_SHOPIFY_BASE_URL": url,
        },
        "customers",
        "customer",
        lambda f: [f.customer(p) for p in f.persons.values()],
    ),
    Setup(
        "woocommerce",
        fake_woocommerce.FakeWoo,
        lambda url: {
            "GRAPH_IDENTITY_WOOCOMMERCE_URL": url,
            "GRAPH_IDENTITY_WOOCOMMERCE_CONSUMER_KEY": fake_woocommerce.KEY,
            "GRAPH_IDENTITY_WOOCOMMERCE_CONSUMER_SECRET": fake_woocommerce.SECRET,
        },
        "customers",
        "customer",
        lambda f: [f.customer(p) for p in f.persons.values()],
    ),
    Setup(
        "lightspeed_retail",
        fake_lightspeed.FakeXSeries,
        lambda url: {
            "GRAPH_IDENTITY_LIGHTSPEED_RETAIL_DOMAIN_PREFIX": fake_lightspeed.PREFIX,
            "GRAPH_IDENTITY_LIGHTSPEED_RETAIL_TOKEN": fake_lightspeed.TOKEN,
            "GRAPH_IDENTITY_LIGHTSPEED_RETAIL_BASE_URL": url,
        },
        "customers",
        "customer",
        lambda f: [f.customer(p) for p in f.persons.values()],
    ),
    Setup(
        "lightspeed_ecom",
        fake_lightspeed.FakeEcom,
        lambda url: {
            "GRAPH_IDENTITY_LIGHTSPEED_ECOM_API_KEY": fake_lightspeed.ECOM_KEY,
            "GRAPH_IDENTITY_LIGHTSPEED_ECOM_API_SECRET": fake_lightspeed.ECOM_SECRET,
            "GRAPH_IDENTITY_LIGHTSPEED_ECOM_BASE_URL": url,
        },
        "customers",
        None,
        lambda f: [],
    ),
    Setup(
        "amazon",
        fake_amazon.FakeAmazon,
        lambda url: {
            "GRAPH_IDENTITY_AMAZON_MARKETPLACE_IDS": fake_amazon.MARKETPLACE,
            "GRAPH_IDENTITY_AMAZON_ACCESS_TOKEN": fake_amazon.ACCESS,
            "GRAPH_IDENTITY_AMAZON_BASE_URL": url,
        },
        "orders",
        "order",
        lambda f: [f.order(s) for s in f.sales.values()],
    ),
    Setup(
        "shipstation",
        fake_shipstation.FakeShipStation,
        lambda url: {
            "GRAPH_IDENTITY_SHIPSTATION_API_KEY": fake_shipstation.KEY,
            "GRAPH_IDENTITY_SHIPSTATION_API_SECRET": fake_shipstation.SECRET,
            "GRAPH_IDENTITY_SHIPSTATION_BASE_URL": url,
        },
        "shipments",
        "shipment",
        lambda f: [f.shipment(s) for s in f.sales.values() if s.n % 2],
    ),
]


def measure(
    service: IdentityService, setup: Setup, persons: int, sale_count: int, page: int
) -> str:
    people_list = people(persons)
    fake = setup.make(people_list, sales(people_list, sale_count))
    server = FakeServer(fake)
    try:
        wipe(service.driver, service.settings.neo4j_database)
        options = ClientOptions(page_size=page)
        connector: Connector = registry.FACTORIES[setup.provider](setup.env(server.url), options)
        try:
            report = SyncRunner(service).run(connector)
        finally:
            connector.close()
    finally:
        server.close()
    (stream,) = [s for s in report.streams if s.name == setup.stream]
    file_rate = "-"
    if setup.file_kind is not None:
        wipe(service.driver, service.settings.neo4j_database)
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / f"{setup.provider}.jsonl"
            path.write_text("".join(json.dumps(o) + "\n" for o in setup.objects(fake)))
            started = time.monotonic()
            imported = import_file(
                service, path, provider=setup.provider, kind=setup.file_kind, batch_size=1000
            )
            seconds = time.monotonic() - started
        file_rate = f"{imported.metrics.fetched / seconds:,.0f}"
    return (
        f"| {setup.provider} | {report.metrics.fetched:,} | {report.seconds:.1f} | "
        f"{report.rate:,.0f} | {setup.stream} | {stream.metrics.fetched:,} | "
        f"{stream.rate:,.0f} | {file_rate} | {report.metrics.errors} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--sales", type=int, default=1000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--providers", nargs="*", default=[s.provider for s in SETUPS])
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    rows = [
        "| provider | objects (all streams) | s | objects/s | stream | objects | "
        "objects/s | file import rows/s | errors |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    with bench_server() as bench:
        service = IdentityService(bench.driver, bench.settings)
        measure(service, SETUPS[0], 200, 200, args.page_size)  # untimed: a cold JVM plans
        for setup in SETUPS:
            if setup.provider in args.providers:
                rows.append(measure(service, setup, args.persons, args.sales, args.page_size))
                print(rows[-1], flush=True)
    body = (
        f"{args.persons:,} generated people and {args.sales:,} sales per provider, pages of "
        f"{args.page_size}, each provider's full sync into an emptied graph, then the same "
        "objects of one stream imported from a JSON Lines file (`import_file`, batches of "
        "1,000) into an emptied graph, after an untimed QBO sync of 200 people warms Neo4j "
        "up. One run, no repetitions.\n\n" + "\n".join(rows)
    )
    if args.write:
        command = (
            f".venv/bin/python -m bench.sync --persons {args.persons} --sales {args.sales} --write"
        )
        write_section("Pull sync throughput (fake provider APIs on loopback)", body, command)
    print(body)


if __name__ == "__main__":
    main()
