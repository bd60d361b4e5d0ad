"""The part of the graph one chunk touches, read under locks inside the write transaction.

Locking order (the same in every transaction, so deadlocks are rare and retried when they
happen): record keys sorted, then identifier keys sorted, then customer ids sorted. A
customer is re-read after it is locked, so a merge or split committed meanwhile is seen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction

from graph_identity.errors import ConcurrentChange
from graph_identity.identifiers import Identifier, NormalizedRecord
from graph_identity.resolution.ties import Evidence
from graph_identity.store import cypher

MAX_LOCK_ROUNDS = 8


@dataclass
class RecordState:
    key: str
    exists: bool = False
    first_name: str | None = None
    last_name: str | None = None
    birth_date: str | None = None
    fingerprint: str | None = None
    status: str | None = None
    customer: str | None = None
    identifiers: frozenset[str] = frozenset()
    erased: bool = False
    replay: bool = False
    """Erased once, and re-allowed since: ingesting it removes the tombstone."""
    open_conflict: str | None = None
    open_conflict_candidates: frozenset[str] = frozenset()
    partial_fingerprints: frozenset[str] = frozenset()


@dataclass
class IdentifierState:
    key: str
    generic: bool
    generic_reason: str | None
    links: dict[str, str | None] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    """Each linked record's name and date of birth: a shared identifier ties only records
    that do not contradict (:mod:`graph_identity.resolution.ties`)."""


@dataclass
class CustomerState:
    id: str
    created_at: datetime
    survivor: str
    apart: frozenset[tuple[str, str]] = frozenset()
    evidence: dict[str, Evidence] = field(default_factory=dict)
    """Name and date of birth of each of its records that has one, by record key."""


@dataclass
class Snapshot:
    records: dict[str, RecordState] = field(default_factory=dict)
    identifiers: dict[str, IdentifierState] = field(default_factory=dict)
    customers: dict[str, CustomerState] = field(default_factory=dict)


def identifier_row(identifier: Identifier, records: Sequence[str]) -> dict[str, object]:
    return {
        "records": list(records),
        "key": identifier.key,
        "kind": str(identifier.kind),
        "value": identifier.value,
        "masked": identifier.masked,
        "canonical": identifier.canonical,
        "generic": identifier.generic,
        "generic_reason": identifier.generic_reason,
    }


def read_snapshot(
    tx: ManagedTransaction, records: Sequence[NormalizedRecord], now: datetime
) -> Snapshot:
    """Lock and read the records, identifiers and customers a chunk may touch.

    Records and identifiers the graph has never linked are not sent back by Neo4j (most of
    a first import): their state is the input's, so the read costs what the graph knows.
    """
    snapshot = Snapshot()
    record_keys = [r.key for r in records]
    unique: dict[str, Identifier] = {}
    carriers: dict[str, list[str]] = {}
    for record in records:
        for identifier in record.identifiers:
            unique.setdefault(identifier.key, identifier)
            carriers.setdefault(identifier.key, []).append(record.key)
    row = tx.run(
        cypher.load("resolution/lock_chunk"),
        keys=sorted(set(record_keys)),
        identifiers=[identifier_row(unique[key], carriers[key]) for key in sorted(unique)],
        now=now,
    ).single(strict=True)
    for record in row["records"]:
        snapshot.records[record["key"]] = RecordState(
            key=record["key"],
            exists=record["exists"],
            first_name=record["first_name"],
            last_name=record["last_name"],
            birth_date=record["birth_date"],
            fingerprint=record["fingerprint"],
            status=record["status"],
            customer=record["customer"],
            identifiers=frozenset(record["identifiers"]),
            erased=record["erased"],
            replay=record["replay"],
            open_conflict=record["open_conflict"],
            open_conflict_candidates=frozenset(record["open_conflict_candidates"]),
            partial_fingerprints=frozenset(record["partial_fingerprints"] or ()),
        )
    for key in record_keys:
        snapshot.records.setdefault(key, RecordState(key=key))
    _add_identifiers(snapshot, row["identifiers"])
    for key in unique.keys() - snapshot.identifiers.keys():
        snapshot.identifiers[key] = IdentifierState(key=key, generic=False, generic_reason=None)
    previous = set().union(*(r.identifiers for r in snapshot.records.values())) - unique.keys()
    if previous:
        rows = tx.run(cypher.load("resolution/lock_identifier_keys"), keys=sorted(previous))
        _add_identifiers(snapshot, rows)
    lock_customers(tx, snapshot, _customers_seen(snapshot))
    return snapshot


def _add_identifiers(snapshot: Snapshot, rows: Iterable[Mapping[str, Any]]) -> None:
    for row in rows:
        snapshot.identifiers[row["key"]] = IdentifierState(
            key=row["key"],
            generic=bool(row["generic"]),
            generic_reason=row["generic_reason"],
            links={link["record"]: link["customer"] for link in row["links"]},
            evidence={
                link["record"]: Evidence.of(
                    link["first_name"], link["last_name"], link["birth_date"]
                )
                for link in row["links"]
            },
        )


def _customers_seen(snapshot: Snapshot) -> set[str]:
    seen = {r.customer for r in snapshot.records.values() if r.customer}
    for record in snapshot.records.values():
        seen |= record.open_conflict_candidates
    for identifier in snapshot.identifiers.values():
        seen |= {c for c in identifier.links.values() if c}
    return seen


def lock_customers(tx: ManagedTransaction, snapshot: Snapshot, wanted: set[str]) -> None:
    """Lock customers (and their survivors) until no unlocked customer is referenced.

    The chunk's records and identifiers are locked already, so which records link to an
    identifier cannot change; which customer such a record belongs to can (a merge or split
    committed meanwhile), so it is re-read once the customers are locked.
    """
    linked = sorted({key for i in snapshot.identifiers.values() for key in i.links})
    for _ in range(MAX_LOCK_ROUNDS):
        missing = sorted(wanted - snapshot.customers.keys())
        if not missing:
            return
        row = tx.run(cypher.load("resolution/lock_customers"), ids=missing, records=linked).single(
            strict=True
        )
        for customer in row["customers"]:
            snapshot.customers[customer["id"]] = CustomerState(
                id=customer["id"],
                created_at=customer["created_at"].to_native(),
                survivor=customer["survivor"],
                apart=frozenset((a["decision"], a["side"]) for a in customer["apart"]),
                evidence={key: Evidence.of(*rest) for key, *rest in customer["evidence"]},
            )
        current = {link["record"]: link["customer"] for link in row["records"]}
        for identifier in snapshot.identifiers.values():
            for key in identifier.links:
                identifier.links[key] = current.get(key)
        wanted = {c.survivor for c in snapshot.customers.values()} | _customers_seen(snapshot)
    raise ConcurrentChange(
        f"customers kept changing while {MAX_LOCK_ROUNDS} rounds of locks were taken"
    )
