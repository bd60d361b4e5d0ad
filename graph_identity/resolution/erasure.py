"""Erasure on request: remove a record's personal data and links, then re-resolve."""

from __future__ import annotations

from datetime import UTC, datetime

from neo4j import ManagedTransaction

from graph_identity.errors import NotFound
from graph_identity.resolution.components import resolve_splits
from graph_identity.results import ErasureResult
from graph_identity.store import cypher


def erase_record(tx: ManagedTransaction, key: str) -> ErasureResult:
    now = datetime.now(UTC)
    row = tx.run(cypher.load("erasure/lock_record"), key=key).single()
    if row is None:
        raise NotFound(f"record {key} does not exist")
    customer = row["customer"]
    erased = tx.run(cypher.load("erasure/erase_record"), key=key, at=now).single()
    removed = erased["removed"] if erased else 0
    after: list[str] = []
    if customer is not None:
        splits = resolve_splits(tx, {customer}, {}, now)
        if customer not in splits.empty:
            after = [customer, *(str(s["new_customer"]) for s in splits.splits)]
    return ErasureResult(
        record=key, customer_id=customer, customers_after=after, identifiers_removed=removed
    )


def allow_replay(tx: ManagedTransaction, key: str) -> None:
    if tx.run(cypher.load("erasure/allow_replay"), key=key).single() is None:
        raise NotFound(f"record {key} was not erased")
