"""Why two records are one customer (the shortest chain, hop by hop), or why not.

An unknown key — no record and no tombstone — raises :class:`NotFound` (the API's 404);
an erased key answers ``why_not`` with code ``erased``.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from graph_identity.errors import NotFound
from graph_identity.explain.fetch import fetch_row
from graph_identity.explain.graph import GraphBuilder
from graph_identity.explain.models import (
    GraphEdge,
    GraphNode,
    Hop,
    HopEnd,
    IdentifierView,
    PairExplanation,
    TombstoneInfo,
    WhyNot,
)
from graph_identity.explain.paths import hops, link_graph, shortest_chain
from graph_identity.explain.subgraph import Subgraph, parse_subgraph
from graph_identity.explain.why_not import why_not


def explain_pair(
    driver: Driver, database: str, a_key: str, b_key: str, *, include_canonical: bool = False
) -> PairExplanation:
    """Explain two records given as ``provider:external_id``. Raises NotFound for a key
    that is neither a record nor erased. One query fetches both customers' subgraphs.
    """
    row = fetch_row(
        driver,
        database,
        "explain/pair_subgraph",
        a=a_key,
        b=b_key,
        include_canonical=include_canonical,
    )
    assert row is not None, "pair_subgraph returns one row, whatever the keys"
    return build_pair_explanation(row, a_key, b_key)


def build_pair_explanation(row: dict[str, Any], a: str, b: str) -> PairExplanation:
    """The explanation from a ``pair_subgraph`` row (no database needed)."""
    subgraph = parse_subgraph(row)
    tombstones = {t["key"]: TombstoneInfo(**t) for t in row["tombstones"]}
    for key in (a, b):
        if key not in subgraph.records and key not in tombstones:
            raise NotFound(f"record {key} does not exist")
    record_a, record_b = subgraph.records.get(a), subgraph.records.get(b)
    customer_a = record_a.customer_id if record_a else None
    customer_b = record_b.customer_id if record_b else None
    same = customer_a is not None and customer_a == customer_b
    path = _path(subgraph, a, b, generic=False) if record_a and record_b else []
    reason: WhyNot | None = None
    if same:
        path = path or _assigned_hop(subgraph, a, b)
    else:
        if record_a and record_b and not path:
            path = _path(subgraph, a, b, generic=True) or _path(
                subgraph, a, b, generic=True, ignore_names=True
            )
        reason = why_not(subgraph, a, b, tombstones, path)
    nodes, edges = _graph(subgraph, a, b, path, reason, tombstones)
    return PairExplanation(
        a=a,
        b=b,
        same_customer=same,
        customer_a=customer_a,
        customer_b=customer_b,
        path=path,
        reason=reason,
        identifiers=_identifiers(subgraph, path),
        nodes=nodes,
        edges=edges,
    )


def _path(
    subgraph: Subgraph, a: str, b: str, *, generic: bool, ignore_names: bool = False
) -> list[Hop]:
    """The shortest chain from ``a`` to ``b`` as hops (generic identifiers only if
    ``generic``; a phone whatever its holders' names if ``ignore_names``), or empty.
    """
    graph = link_graph(subgraph, subgraph.records, generic=generic, ignore_names=ignore_names)
    chain = shortest_chain(graph, a, b)
    return hops(graph, subgraph, chain) if chain else []


def _assigned_hop(subgraph: Subgraph, a: str, b: str) -> list[Hop]:
    """One customer with no chain between them: the assign decision that put one there."""
    for decision in subgraph.decisions.values():
        if decision.kind == "assign" and {a, b} & set(decision.assigns):
            return [
                Hop(
                    from_record=a,
                    to_record=b,
                    via="decision",
                    kind=decision.kind,
                    decision=decision.ref(),
                    ends=[HopEnd(record=a), HopEnd(record=b)],
                )
            ]
    return []


def _identifiers(subgraph: Subgraph, path: list[Hop]) -> list[IdentifierView]:
    named = {hop.identifier for hop in path}
    return [i for i in subgraph.identifiers.values() if i.id in named]


def _graph(
    subgraph: Subgraph,
    a: str,
    b: str,
    path: list[Hop],
    reason: WhyNot | None,
    tombstones: dict[str, TombstoneInfo],
) -> tuple[list[GraphNode], list[GraphEdge]]:
    """The pair, its customers, the chain, and whatever the reason names."""
    builder = GraphBuilder()
    shown = {a, b} | {end.record for hop in path for end in hop.ends}
    for key in sorted(shown):
        if key in subgraph.records:
            builder.record(subgraph.records[key])
        elif key in tombstones:
            builder.node("tombstone", key, erased_at=tombstones[key].erased_at)
    decisions = {hop.decision.id for hop in path if hop.decision is not None}
    if reason is not None and reason.decision is not None:
        decisions.add(reason.decision.id)
    for hop in path:
        if hop.identifier is not None:
            builder.shared(hop, subgraph.identifiers[hop.identifier])
    for decision in sorted(decisions):
        builder.decision(subgraph.decisions[decision], records=shown)
    if reason is not None and reason.conflict_id is not None:
        (conflict,) = [k for k in subgraph.conflicts if k.id == reason.conflict_id]
        builder.conflict(conflict, subgraph.identifiers)
    return builder.build()
