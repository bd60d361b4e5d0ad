"""Applying a human decision on a conflict: merge, assign, or keep apart.

Decisions are data: a ``Decision`` node with actor, time and reason, tied to the records it
speaks about, so later automatic work (merges, splits, re-syncs) keeps honouring it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from neo4j import ManagedTransaction

from graph_identity.decisions import DecisionIn
from graph_identity.errors import InvalidDecision, NotFound
from graph_identity.resolution.components import resolve_splits
from graph_identity.resolution.ids import new_id
from graph_identity.resolution.snapshot import Snapshot, lock_customers
from graph_identity.results import DecisionResult, DecisionView
from graph_identity.store import cypher


def apply_decision(
    tx: ManagedTransaction, conflict_id: str, decision: DecisionIn
) -> DecisionResult:
    now = datetime.now(UTC)
    row = tx.run(cypher.load("decisions/lock_conflict"), id=conflict_id).single()
    if row is None:
        raise NotFound(f"conflict {conflict_id} does not exist")
    if row["status"] != "open":
        raise InvalidDecision(("conflict_id",), "the conflict is already resolved")
    record = row["record"]
    if record is None:
        raise InvalidDecision(("conflict_id",), "the conflict's record was erased")
    candidates = sorted(set(row["candidates"]))
    snapshot = Snapshot()
    lock_customers(tx, snapshot, set(candidates))
    if decision.customer_id is not None and decision.customer_id not in candidates:
        raise InvalidDecision(("customer_id",), "must be one of the conflict's candidates")
    if decision.decision == "assign" and decision.customer_id is None:
        raise InvalidDecision(("customer_id",), "an assign decision names the customer")

    decision_id = new_id("dec")
    tx.run(
        cypher.load("decisions/create_decision"),
        id=decision_id,
        kind=decision.decision,
        actor=decision.actor,
        reason=decision.reason,
        at=now,
        conflict_id=conflict_id,
    ).consume()
    current = row["record_customer"]
    moved_to: dict[str, str] = {}
    if decision.decision == "merge":
        customer = min(candidates, key=lambda c: (snapshot.customers[c].created_at, c))
        merges = [
            {
                "from": other,
                "into": customer,
                "event_id": new_id("evt"),
                "reason": f"human decision {decision_id}",
                "decision_id": decision_id,
            }
            for other in candidates
            if other != customer
        ]
        if merges:
            tx.run(cypher.load("resolution/merge_customers"), rows=merges, now=now).consume()
        _move(tx, record, customer, now)
        tx.run(
            cypher.load("decisions/join_records"), decision=decision_id, customer=customer
        ).consume()
    elif decision.decision == "assign":
        customer = str(decision.customer_id)
        _move(tx, record, customer, now)
        tx.run(
            cypher.load("decisions/assign_edges"),
            decision=decision_id,
            key=record,
            customer=customer,
        ).consume()
    else:
        sides = [{"customer": c, "side": f"s{i}"} for i, c in enumerate(candidates)]
        tx.run(cypher.load("decisions/apart_sides"), decision=decision_id, sides=sides).consume()
        customer = decision.customer_id or current or _own_customer(tx, now)
        _move(tx, record, customer, now)
    if current is not None and current != customer:
        moved_to[current] = customer
    resolve_splits(tx, set(moved_to), moved_to, now)
    return DecisionResult(
        conflict_id=conflict_id,
        decision=DecisionView(
            id=decision_id,
            kind=decision.decision,
            actor=decision.actor,
            reason=decision.reason,
            at=now,
            conflict_id=conflict_id,
        ),
        customer_id=customer,
    )


def _move(tx: ManagedTransaction, record: str, customer: str, now: datetime) -> None:
    tx.run(cypher.load("decisions/move_record"), key=record, customer=customer, at=now).consume()


def _own_customer(tx: ManagedTransaction, now: datetime) -> str:
    customer = new_id("cus")
    tx.run(cypher.load("resolution/create_customers"), rows=[{"id": customer}], now=now).consume()
    return customer
