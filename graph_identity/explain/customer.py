"""Why these records are one customer: every record, identifier and link with provenance,
each record's chain to the oldest record, decisions, merges and splits, open conflicts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from neo4j import Driver

from graph_identity.errors import NotFound
from graph_identity.explain.fetch import fetch_row
from graph_identity.explain.graph import GraphBuilder
from graph_identity.explain.models import (
    Chain,
    CustomerExplanation,
    GraphEdge,
    GraphNode,
    Hop,
    RecordView,
)
from graph_identity.explain.paths import hops, link_graph, spanning_tree
from graph_identity.explain.subgraph import Subgraph, parse_subgraph

_NEVER = datetime.max.replace(tzinfo=UTC)


def explain_customer(
    driver: Driver, database: str, customer_id: str, *, include_canonical: bool = False
) -> CustomerExplanation:
    """Explain a customer (an alias id explains its survivor). Raises NotFound.

    One query fetches the whole subgraph. ``include_canonical`` adds addresses' canonical
    text (personal data) to the identifiers; it is off unless asked for.
    """
    row = fetch_row(
        driver,
        database,
        "explain/customer_subgraph",
        id=customer_id,
        include_canonical=include_canonical,
    )
    if row is None:
        raise NotFound(f"customer {customer_id} does not exist")
    return build_customer_explanation(row, customer_id)


def build_customer_explanation(row: dict[str, Any], requested_id: str) -> CustomerExplanation:
    """The explanation from a ``customer_subgraph`` row (no database needed)."""
    subgraph = parse_subgraph(row)
    records = sorted(subgraph.records.values(), key=lambda r: (r.first_seen or _NEVER, r.key))
    oldest = records[0].key if records else None
    nodes, edges = _graph(row, subgraph)
    return CustomerExplanation(
        customer_id=row["id"],
        requested_id=requested_id if requested_id != row["id"] else None,
        status=row.get("status"),
        created_at=row.get("created_at"),
        aliases=sorted(a["id"] for a in row["aliases"]),
        oldest_record=oldest,
        records=records,
        identifiers=list(subgraph.identifiers.values()),
        links=subgraph.links,
        chains=_chains(subgraph, records, oldest) if oldest else [],
        decisions=list(subgraph.decisions.values()),
        events=subgraph.events,
        open_conflicts=subgraph.conflicts,
        nodes=nodes,
        edges=edges,
    )


def chain_of(explanation: CustomerExplanation, record: str) -> list[Hop]:
    """The whole chain of hops from ``record`` to the oldest record (parents followed)."""
    chains = {c.record: c for c in explanation.chains}
    found = []
    chain = chains[record]
    while chain.hop is not None and chain.parent is not None:
        found.append(chain.hop)
        chain = chains[chain.parent]
    return found


def _chains(subgraph: Subgraph, records: list[RecordView], root: str) -> list[Chain]:
    """BFS spanning tree from the oldest record over live non-generic links and merges;
    records in BFS order, then the assigned and the unconnected ones.
    """
    graph = link_graph(subgraph, subgraph.records)
    tree = spanning_tree(graph, root)
    depth = {root: 0}
    chains = [Chain(record=root, tie="oldest")]
    for key, path in tree.items():
        parent = path[2][1]
        depth[key] = depth[parent] + 1
        (hop,) = hops(graph, subgraph, path)
        chains.append(Chain(record=key, tie="chain", parent=parent, depth=depth[key], hop=hop))
    assigned = {
        key: d.id for d in subgraph.decisions.values() if d.kind == "assign" for key in d.assigns
    }
    for record in records:
        if record.key in depth:
            continue
        if record.key in assigned:
            chains.append(
                Chain(record=record.key, tie="assigned", decision_id=assigned[record.key])
            )
        else:
            chains.append(Chain(record=record.key, tie="unconnected"))
    return chains


def _graph(row: dict[str, Any], subgraph: Subgraph) -> tuple[list[GraphNode], list[GraphEdge]]:
    builder = GraphBuilder()
    builder.customer(row["id"], status=row.get("status"))
    for alias in row["aliases"]:
        builder.edge(
            builder.customer(alias["id"], status="merged"),
            builder.customer(alias["into"] or row["id"]),
            "MERGED_INTO",
        )
    for record in subgraph.records.values():
        builder.record(record)
    for link in subgraph.links:
        builder.link(link, subgraph.identifiers[link.identifier])
    for decision in subgraph.decisions.values():
        builder.decision(decision)
    for event in subgraph.events:
        builder.event(event)
    for conflict in subgraph.conflicts:
        builder.conflict(conflict, subgraph.identifiers)
    return builder.build()
