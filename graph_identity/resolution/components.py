"""Re-resolving customers whose records may no longer be connected (splits).

A customer's records must stay connected through live non-generic identifiers or human
merge decisions. When an update, an erasure or a newly generic identifier breaks that, the
customer splits: the largest part keeps the id (ties: the part with the oldest record),
every other part becomes a new customer, and a split event is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from typing import Any, TypedDict

import networkx as nx
from neo4j import ManagedTransaction

from graph_identity.resolution.ids import new_id
from graph_identity.resolution.ties import Evidence, ties
from graph_identity.store import cypher


class Split(TypedDict):
    """One new customer cut out of ``customer``: the records it takes."""

    customer: str
    new_customer: str
    records: list[str]


@dataclass
class SplitPlan:
    splits: list[Split] = field(default_factory=list)
    events: list[dict[str, object]] = field(default_factory=list)
    merges: list[dict[str, object]] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)


def connected_parts(records: list[dict[str, Any]]) -> list[list[str]]:
    """Record keys grouped into connected parts, the part that keeps the id first.

    Records tie when they share an identifier and nothing on them contradicts (the rule of
    :mod:`graph_identity.resolution.ties`). Records assigned to the customer by a human that
    share nothing with the rest join the part that keeps the id: the person said they
    belong here.
    """
    graph: nx.Graph[tuple[str, str]] = nx.Graph()
    holders: dict[str, list[str]] = defaultdict(list)
    evidence = {
        r["key"]: Evidence.of(r["first_name"], r["last_name"], r.get("birth_date")) for r in records
    }
    for record in records:
        graph.add_node(("record", record["key"]))
        for identifier in record["identifiers"]:
            holders[identifier].append(record["key"])
        for decision in record["joins"]:
            graph.add_edge(("record", record["key"]), ("decision", decision))
    for identifier, keys in holders.items():
        kind = identifier.split(":", 1)[0]
        for first, second in combinations(keys, 2):
            if ties(kind, evidence[first], evidence[second]):
                graph.add_edge(("record", first), ("record", second))
    seen = {r["key"]: (str(r["first_seen"]), r["key"]) for r in records}
    assigned = {r["key"] for r in records if r["assigned"]}
    parts = [
        sorted(key for kind, key in component if kind == "record")
        for component in nx.connected_components(graph)
    ]
    parts = [p for p in parts if p]
    parts.sort(key=lambda part: (-len(part), min(seen[k] for k in part)))
    if len(parts) <= 1:
        return parts
    main, rest = parts[0], []
    for part in parts[1:]:
        if set(part) <= assigned:
            main = main + part
        else:
            rest.append(part)
    return [sorted(main), *rest]


def plan_splits(rows: Iterable[dict[str, Any]], moved_to: dict[str, str]) -> SplitPlan:
    plan = SplitPlan()
    for row in rows:
        customer = row["customer"]
        if row["status"] != "active":
            continue
        if not row["records"]:
            if customer in moved_to and moved_to[customer] != customer:
                plan.merges.append(
                    {
                        "from": customer,
                        "into": moved_to[customer],
                        "event_id": new_id("evt"),
                        "reason": "its records joined another customer",
                        "decision_id": None,
                    }
                )
            else:
                plan.empty.append(customer)
            continue
        parts = connected_parts(row["records"])
        if len(parts) <= 1:
            continue
        new_ids = []
        for part in parts[1:]:
            new_customer = new_id("cus")
            new_ids.append(new_customer)
            plan.splits.append(Split(customer=customer, new_customer=new_customer, records=part))
        plan.events.append(
            {
                "id": new_id("evt"),
                "kind": "split",
                "reason": "its records are no longer connected",
                "from_ids": [customer],
                "to_ids": [customer, *new_ids],
            }
        )
    return plan


def resolve_splits(
    tx: ManagedTransaction, customer_ids: set[str], moved_to: dict[str, str], now: datetime
) -> SplitPlan:
    """Split (or retire) the given customers where their records fell apart."""
    if not customer_ids:
        return SplitPlan()
    rows = tx.run(cypher.load("resolution/customer_components"), ids=sorted(customer_ids))
    plan = plan_splits([row.data() for row in rows], moved_to)
    if plan.merges:
        tx.run(cypher.load("resolution/merge_customers"), rows=plan.merges, now=now).consume()
    if plan.splits:
        tx.run(cypher.load("resolution/split_customers"), rows=plan.splits, now=now).consume()
        tx.run(cypher.load("resolution/record_events"), rows=plan.events, now=now).consume()
    if plan.empty:
        tx.run(cypher.load("resolution/mark_customers_empty"), ids=plan.empty).consume()
    return plan
