"""The part of the graph one chunk touches, read under locks inside the write transaction.

Locking order (the same in every transaction, so deadlocks are rare and retried when they
happen): record keys sorted, then identifier keys sorted, then customer ids sorted. A
customer is re-read after it is locked, so a merge or split committed meanwhile is seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from neo4j import ManagedTransaction

from graph_identity.identifiers import Identifier
from graph_identity.store import cypher

MAX_LOCK_ROUNDS = 8


@dataclass
class RecordState:
    key: str
    exists: bool = False
    fingerprint: str | None = None
    status: str | None = None
    customer: str | None = None
    identifiers: frozenset[str] = frozenset()
    erased: bool = False
    open_conflict: str | None = None
    open_conflict_candidates: frozenset[str] = frozenset()
    partial_fingerprints: frozenset[str] = frozenset()


@dataclass
class IdentifierState:
    key: str
    generic: bool
    generic_reason: str | None
    links: dict[str, str | None] = field(default_factory=dict)


@dataclass
class CustomerState:
    id: str
    created_at: datetime
    survivor: str
    apart: frozenset[tuple[str, str]] = frozenset()


@dataclass
class Snapshot:
    records: dict[str, RecordState] = field(default_factory=dict)
    identifiers: dict[str, IdentifierState] = field(default_factory=dict)
    customers: dict[str, CustomerState] = field(default_factory=dict)


def identifier_row(identifier: Identifier) -> dict[str, object]:
    return {
        "key": identifier.key,
        "kind": str(identifier.kind),
        "value": identifier.value,
        "masked": identifier.masked,
        "canonical": identifier.canonical,
        "generic": identifier.generic,
        "generic_reason": identifier.generic_reason,
    }


def read_snapshot(
    tx: ManagedTransaction,
    record_keys: Iterable[str],
    identifiers: Iterable[Identifier],
    now: datetime,
) -> Snapshot:
    """Lock and read the records, identifiers and customers a chunk may touch."""
    snapshot = Snapshot()
    for row in tx.run(cypher.load("resolution/lock_records"), keys=sorted(set(record_keys))):
        snapshot.records[row["key"]] = RecordState(
            key=row["key"],
            exists=row["exists"],
            fingerprint=row["fingerprint"],
            status=row["status"],
            customer=row["customer"],
            identifiers=frozenset(row["identifiers"]),
            erased=row["erased"],
            open_conflict=row["open_conflict"],
            open_conflict_candidates=frozenset(row["open_conflict_candidates"]),
            partial_fingerprints=frozenset(row["partial_fingerprints"] or ()),
        )
    unique = {i.key: i for i in identifiers}
    rows = [identifier_row(unique[key]) for key in sorted(unique)]
    _read_identifiers(tx, "resolution/lock_identifiers", snapshot, identifiers=rows, now=now)
    previous = set().union(*(r.identifiers for r in snapshot.records.values())) - unique.keys()
    if previous:
        _read_identifiers(tx, "resolution/lock_identifier_keys", snapshot, keys=sorted(previous))
    lock_customers(tx, snapshot, _customers_seen(snapshot))
    return snapshot


def _read_identifiers(
    tx: ManagedTransaction, query: str, snapshot: Snapshot, **params: object
) -> None:
    for row in tx.run(cypher.load(query), **params):
        snapshot.identifiers[row["key"]] = IdentifierState(
            key=row["key"],
            generic=bool(row["generic"]),
            generic_reason=row["generic_reason"],
            links={link["record"]: link["customer"] for link in row["links"]},
        )


def _customers_seen(snapshot: Snapshot) -> set[str]:
    seen = {r.customer for r in snapshot.records.values() if r.customer}
    for record in snapshot.records.values():
        seen |= record.open_conflict_candidates
    for identifier in snapshot.identifiers.values():
        seen |= {c for c in identifier.links.values() if c}
    return seen


def lock_customers(tx: ManagedTransaction, snapshot: Snapshot, wanted: set[str]) -> None:
    """Lock customers (and their survivors) until no unlocked customer is referenced."""
    for _ in range(MAX_LOCK_ROUNDS):
        missing = sorted(wanted - snapshot.customers.keys())
        if not missing:
            return
        for row in tx.run(cypher.load("resolution/lock_customers"), ids=missing):
            snapshot.customers[row["id"]] = CustomerState(
                id=row["id"],
                created_at=row["created_at"].to_native(),
                survivor=row["survivor"],
                apart=frozenset((a["decision"], a["side"]) for a in row["apart"]),
            )
        wanted = {c.survivor for c in snapshot.customers.values()}
        if snapshot.identifiers:
            keys = sorted(snapshot.identifiers)
            _read_identifiers(tx, "resolution/read_identifier_links", snapshot, keys=keys)
            wanted |= _customers_seen(snapshot)
    raise RuntimeError("customers kept changing while being locked; the transaction retries")
