"""Chains between records, found with networkx over the fetched subgraph.

The graph is bipartite: record nodes on one side; on the other, the identifiers the records
hold live (``HAS``) and the merge decisions that join them (a human-made hub). Generic
identifiers are left out unless asked for: they link no one, but can show why not.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph_identity.explain.models import Hop, HopEnd, LinkView
from graph_identity.explain.subgraph import Subgraph

Node = tuple[str, str]


def record_node(key: str) -> Node:
    return ("record", key)


def link_graph(subgraph: Subgraph, records: Iterable[str], *, generic: bool = False) -> nx.Graph:
    """Records tied by shared live identifiers (generic ones only if ``generic``) and by
    merge decisions. Nodes and edges are added in a fixed order, so paths are stable.
    """
    keys = sorted(set(records))
    graph = nx.Graph()
    graph.add_nodes_from(record_node(key) for key in keys)
    for link in subgraph.links:
        identifier = subgraph.identifiers[link.identifier]
        if link.live and record_node(link.record) in graph and (generic or not identifier.generic):
            graph.add_edge(record_node(link.record), ("identifier", link.identifier), link=link)
    for decision in subgraph.decisions.values():
        if decision.kind == "merge":
            for key in decision.joins:
                if record_node(key) in graph:
                    graph.add_edge(record_node(key), ("decision", decision.id))
    return graph


def shortest_chain(graph: nx.Graph, source: str, target: str) -> list[Node] | None:
    """The shortest node path from one record to another, or None."""
    try:
        path: list[Node] = nx.shortest_path(graph, record_node(source), record_node(target))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    return path


def spanning_tree(graph: nx.Graph, root: str) -> dict[str, list[Node]]:
    """BFS from ``root``: for every other reachable record, the node path record, hub,
    parent record — its first step on a shortest chain to the root. In BFS order.
    """
    predecessor = dict(nx.bfs_predecessors(graph, record_node(root)))
    return {
        node[1]: [node, predecessor[node], predecessor[predecessor[node]]]
        for node in predecessor
        if node[0] == "record"
    }


def hops(graph: nx.Graph, subgraph: Subgraph, path: list[Node]) -> list[Hop]:
    """A node path record, hub, record, … as hops between consecutive records."""
    result = []
    for index in range(0, len(path) - 2, 2):
        (_, first), (hub_type, hub), (_, second) = path[index : index + 3]
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
