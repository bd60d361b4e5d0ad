"""Applying a :class:`Plan` with one UNWIND statement per kind of write.

Every step gets the transaction's time once, as ``$now``, and no row carries a time of its
own: the driver packs each ``datetime`` parameter slowly (see
:mod:`graph_identity.store.wire_time`), and a first import creates a customer per record.
"""

from __future__ import annotations

from neo4j import ManagedTransaction

from graph_identity.resolution.planner import Plan
from graph_identity.store import cypher

# Order matters: customers exist before records point at them, merges run before records
# are assigned to survivors, and links exist before conflicts name their identifiers.
_STEPS: tuple[tuple[str, str], ...] = (
    ("new_customers", "resolution/create_customers"),
    ("merges", "resolution/merge_customers"),
    ("created", "resolution/create_records"),
    ("records", "resolution/upsert_records"),
    ("links", "resolution/link_identifiers"),
    ("unlinks", "resolution/unlink_identifiers"),
    ("orders", "resolution/upsert_orders"),
    ("closed_conflicts", "resolution/close_conflicts"),
    ("conflicts", "resolution/open_conflicts"),
    ("generic", "resolution/mark_generic"),
)


def write_plan(tx: ManagedTransaction, plan: Plan) -> None:
    for attribute, query in _STEPS:
        rows = getattr(plan, attribute)
        if rows:
            tx.run(cypher.load(query), rows=rows, now=plan.now).consume()
    if plan.contradiction_checked:
        tx.run(
            cypher.load("resolution/record_contradictions"),
            keys=sorted(plan.contradiction_checked),
            rows=plan.contradictions,
            now=plan.now,
        ).consume()
