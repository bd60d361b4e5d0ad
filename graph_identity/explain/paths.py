"""Chains between records, found with networkx over the fetched subgraph.

The graph is bipartite: record nodes on one side; on the other, the identifiers the records
hold live (``HAS``) and the merge decisions that join them (a human-made hub). Generic
identifiers are left out unless asked for: they link no one, but can show why not.

A shared identifier ties two records only when nothing on them contradicts (names, dates of
birth: :mod:`graph_identity.resolution.ties`), a rule that is not transitive: an identifier
whose holders all tie is one hub; otherwise each tying pair of holders gets its own hub
``("identifier", id, first, second)``, so a path never passes from one record to another
through it unless those two tie. Asked to ignore contradictions, it is one hub again (to show
why not).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from graph_identity.explain.models import Hop, HopEnd, LinkView
from graph_identity.explain.subgraph import Subgraph
from graph_identity.resolution.ties import ties as records_tie

Node = tuple[str, ...]
"""``("record", key)``, ``("decision", id)``, ``("identifier", id)`` or, for a phone held by
records whose names do not all agree, ``("identifier", id, first, second)``: one agreeing pair.
"""


def record_node(key: str) -> Node:
    return ("record", key)


def link_graph(
    subgraph: Subgraph,
    records: Iterable[str],
    *,
    generic: bool = False,
    ignore_names: bool = False,
) -> nx.Graph[Node]:
    """Records tied by shared live identifiers (generic ones only if ``generic``; a phone only
    between records whose names agree, unless ``ignore_names``) and by merge decisions.
    Nodes and edges are added in a fixed order, so paths are stable.
    """
    keys = sorted(set(records))
    graph: nx.Graph[Node] = nx.Graph()
    graph.add_nodes_from(record_node(key) for key in keys)
    links = [
        link
        for link in subgraph.links
        if link.live
        and record_node(link.record) in graph
        and (generic or not subgraph.identifiers[link.identifier].generic)
    ]
    holders: dict[str, dict[str, None]] = {}
    for link in links:
        holders.setdefault(link.identifier, {})[link.record] = None
    hubs = {
        identifier: _hubs(subgraph, identifier, list(held_by), ignore_names=ignore_names)
        for identifier, held_by in holders.items()
    }
    for link in links:
        for hub in hubs[link.identifier][link.record]:
            graph.add_edge(record_node(link.record), hub, link=link)
    for decision in subgraph.decisions.values():
        if decision.kind == "merge":
            for key in decision.joins:
                if record_node(key) in graph:
                    graph.add_edge(record_node(key), ("decision", decision.id))
    return graph


def _hubs(
    subgraph: Subgraph, identifier: str, holders: list[str], *, ignore_names: bool
) -> dict[str, list[Node]]:
    """Each holder's hubs for one identifier: the identifier itself when all its holders
    tie pairwise, else one hub per pair that ties (a phone whose holders' names differ).
    A generic identifier, which links no one whatever the names, is always one hub.
    """
    view = subgraph.identifiers[identifier]

    def ties(first: str, second: str) -> bool:
        return records_tie(view.kind, subgraph.evidence[first], subgraph.evidence[second])

    if ignore_names or view.generic or all(ties(*pair) for pair in combinations(holders, 2)):
        return {key: [("identifier", identifier)] for key in holders}
    hubs: dict[str, list[Node]] = {key: [] for key in holders}
    for first, second in combinations(holders, 2):
        if ties(first, second):
            hub = ("identifier", identifier, first, second)
            hubs[first].append(hub)
            hubs[second].append(hub)
    return hubs


def shortest_chain(graph: nx.Graph[Node], source: str, target: str) -> list[Node] | None:
    """The shortest node path from one record to another, or None."""
    try:
        path: list[Node] = nx.shortest_path(graph, record_node(source), record_node(target))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    return path


def spanning_tree(graph: nx.Graph[Node], root: str) -> dict[str, list[Node]]:
    """BFS from ``root``: for every other reachable record, the node path record, hub,
    parent record — its first step on a shortest chain to the root. In BFS order.
    """
    predecessor = dict(nx.bfs_predecessors(graph, record_node(root)))
    return {
        node[1]: [node, predecessor[node], predecessor[predecessor[node]]]
        for node in predecessor
        if node[0] == "record"
    }


def hops(graph: nx.Graph[Node], subgraph: Subgraph, path: list[Node]) -> list[Hop]:
    """A node path record, hub, record, … as hops between consecutive records."""
    result = []
    for index in range(0, len(path) - 2, 2):
        (_, first), (hub_type, hub, *_), (_, second) = path[index : index + 3]
        if hub_type == "decision":
            decision = subgraph.decisions[hub]
            result.append(
                Hop(
                    from_record=first,
                    to_record=second,
                    via="decision",
                    kind=decision.kind,
                    decision=decision.ref(),
                    ends=[HopEnd(record=first), HopEnd(record=second)],
                )
            )
            continue
        identifier = subgraph.identifiers[hub]
        links: list[LinkView] = [
            graph.edges[path[index], path[index + 1]]["link"],
            graph.edges[path[index + 1], path[index + 2]]["link"],
        ]
        result.append(
            Hop(
                from_record=first,
                to_record=second,
                via="identifier",
                kind=identifier.kind,
                masked=identifier.masked,
                identifier=identifier.id,
                generic=identifier.generic,
                generic_reason=identifier.generic_reason,
                ends=[
                    HopEnd(
                        record=link.record,
                        provider=link.provider,
                        rule=link.rule,
                        first_seen=link.first_seen,
                        last_seen=link.last_seen,
                    )
                    for link in links
                ],
            )
        )
    return result
