"""What the sync tests compare: the live graph, as sets that do not depend on generated ids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neo4j import Driver

from graph_identity.models import RecordIn
from graph_identity.results import BatchMetrics
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe


def graph_state(driver: Driver) -> dict[str, Any]:
    """Customers as sets of record keys, and each record's live identifiers, orders and
    names (history, events and sync cursors left out)."""
    customers, _, _ = driver.execute_query(
        "MATCH (r:Record)-[:BELONGS_TO]->(c:Customer) RETURN collect(r.key) AS keys , c.id AS id"
    )
    links, _, _ = driver.execute_query(
        "MATCH (r:Record) OPTIONAL MATCH (r)-[:HAS]->(i:Identifier)"
        " OPTIONAL MATCH (r)-[:PLACED]->(o:Order)"
        " RETURN r.key AS key, collect(DISTINCT i.key) AS ids, collect(DISTINCT o.key) AS orders,"
        " [r.first_name, r.last_name] AS names"
    )
    return {
        "customers": {frozenset(row["keys"]) for row in customers},
        "records": {
            row["key"]: (frozenset(row["ids"]), frozenset(row["orders"]), tuple(row["names"]))
            for row in links
        },
    }


def import_records(service: IdentityService, records: Iterable[RecordIn]) -> BatchMetrics:
    """Ingest records the way a file import does, on an emptied graph."""
    wipe(service.driver, service.settings.neo4j_database)
    result = service.ingest_batch(list(records))
    assert result.rejected == []
    return result.metrics


def only_unchanged(metrics: BatchMetrics, skipped: int = 0) -> bool:
    """Every fetched object (but the ``skipped`` ones) came back unchanged."""
    return (
        metrics.unchanged == metrics.fetched - skipped
        and metrics.created == metrics.updated == metrics.linked == metrics.errors == 0
    )
