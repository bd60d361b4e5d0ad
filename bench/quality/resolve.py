"""One labelled set through the engine: bulk-import its files, read the customers back."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver, RoutingControl

from bench.quality.datasets import LabelledSet
from graph_identity.config import Policy, Settings
from graph_identity.imports import import_file
from graph_identity.service import IdentityService
from graph_identity.store import cypher
from graph_identity.store.admin import wipe

ALONE = "alone:"
"""Cluster prefix of a record without a customer (held, or refused): it counts as a singleton."""


@dataclass(frozen=True, slots=True)
class EngineRun:
    policy: Policy
    settings: Settings
    """The settings the service ran with (policy and overrides applied)."""
    clusters: dict[str, str]
    """Source row id → customer id, or ``alone:<record key>`` for a record without one."""
    held_records: int
    rejected_rows: int
    conflicts: int
    generic_identifiers: int
    seconds: float


def import_csv(service: IdentityService, path: Path, provider: str) -> int:
    """Import one flat CSV as ``provider`` through the bulk import; the rows refused."""
    return import_file(service, path, provider=provider, fmt="csv", restart=True).metrics.errors


def record_customers(driver: Driver, database: str, providers: list[str]) -> dict[str, str | None]:
    records, _, _ = driver.execute_query(
        cypher.load("bench/record_customers"),
        providers=providers,
        database_=database,
        routing_=RoutingControl.READ,
    )
    return {row["record"]: row["customer"] for row in records}


def read_clusters(
    driver: Driver, database: str, labelled: LabelledSet
) -> tuple[dict[str, str], int]:
    """Source row id → its customer (or ``alone:<record key>``), and how many records are held."""
    customers = record_customers(driver, database, labelled.providers)
    clusters = {}
    for row in labelled.rows:
        customer = customers.get(row.record_key)
        clusters[row.row_id] = customer or f"{ALONE}{row.record_key}"
    held = sum(1 for customer in customers.values() if customer is None)
    return clusters, held


def run_engine(
    driver: Driver,
    settings: Settings,
    labelled: LabelledSet,
    policy: Policy,
    workdir: Path,
    overrides: Mapping[str, object] | None = None,
) -> EngineRun:
    """Wipe the graph, import ``labelled`` under ``policy`` and read its clusters back.

    ``overrides`` (Settings field → value) apply over ``settings`` for this run only.
    """
    database = settings.neo4j_database
    wipe(driver, database)
    service = IdentityService(
        driver, settings.model_copy(update={**(overrides or {}), "policy": policy})
    )
    files = labelled.write_csvs(workdir)
    started = time.perf_counter()
    rejected = sum(import_csv(service, path, provider) for provider, path in files)
    seconds = time.perf_counter() - started
    clusters, held = read_clusters(driver, database, labelled)
    return EngineRun(
        policy=policy,
        settings=service.settings,
        clusters=clusters,
        held_records=held,
        rejected_rows=rejected,
        conflicts=sum(service.stats().conflicts.values()),
        generic_identifiers=len(service.generic_identifiers()),
        seconds=seconds,
    )
