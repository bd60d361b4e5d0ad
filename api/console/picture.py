"""A small picture of a conflict's subgraph, laid out server-side for an inline SVG.

The candidates' explanations give their records and live identifiers (masked); the conflict's
record joins the identifiers that bridge them. Layered layout, top to bottom: customers, their
records (grouped under their customer, side by side), identifiers (each under the records that
hold it), and the held record at the bottom, so what the candidates share sits in the middle.
networkx holds the graph; the positions are computed here, with no numeric library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from graph_identity.explain import CustomerExplanation
from graph_identity.results import ConflictView

SPACING = 240
NODE_WIDTH = 224
ROW_Y = (34, 124, 214, 304)
MARGIN = 124
MAX_RECORDS_PER_CUSTOMER = 6
MAX_IDENTIFIERS = 12
LABEL_CHARS = 32


@dataclass(frozen=True)
class PictureNode:
    id: str
    label: str
    kind: str
    x: float
    y: float
    bridging: bool = False


@dataclass(frozen=True)
class PictureEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    bridging: bool


@dataclass(frozen=True)
class Picture:
    node_width: int
    width: int
    height: int
    nodes: list[PictureNode]
    edges: list[PictureEdge]
    summary: str


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def conflict_graph(
    conflict: ConflictView, explanations: Sequence[CustomerExplanation]
) -> nx.Graph[str]:
    """Customers, records and identifiers (named ``kind masked``) of the conflict."""
    graph: nx.Graph[str] = nx.Graph()
    bridging = {f"{i.kind} {i.masked}" for i in conflict.identifiers}
    for explanation in explanations:
        customer = f"customer:{explanation.customer_id}"
        graph.add_node(customer, kind="customer", label=explanation.customer_id, order=0)
        names = {i.id: f"{i.kind} {i.masked}" for i in explanation.identifiers}
        held: dict[str, set[str]] = {}
        for link in explanation.links:
            if link.live:
                held.setdefault(link.record, set()).add(names[link.identifier])
        records = sorted(
            (r.key for r in explanation.records if r.key != conflict.record),
            key=lambda key: (not held.get(key, set()) & bridging, key),
        )[:MAX_RECORDS_PER_CUSTOMER]
        for key in records:
            graph.add_node(f"record:{key}", kind="record", label=key, customer=customer)
            graph.add_edge(customer, f"record:{key}")
            for name in held.get(key, ()):
                graph.add_node(f"identifier:{name}", kind="identifier", label=name)
                graph.add_edge(f"record:{key}", f"identifier:{name}")
    held_record = f"record:{conflict.record}"
    graph.add_node(held_record, kind="held", label=conflict.record)
    for name in sorted(bridging):
        graph.add_node(f"identifier:{name}", kind="identifier", label=name)
        graph.add_edge(held_record, f"identifier:{name}")
    for _node, data in graph.nodes(data=True):
        data["bridging"] = data["kind"] == "identifier" and data["label"] in bridging
    extra = sorted(
        (n for n, d in graph.nodes(data=True) if d["kind"] == "identifier" and not d["bridging"]),
        key=lambda n: (-graph.degree(n), n),
    )
    graph.remove_nodes_from(extra[max(0, MAX_IDENTIFIERS - len(bridging)) :])
    return graph


def _spread(wanted: list[tuple[float, str]]) -> dict[str, float]:
    """Keep the wanted x order, at least SPACING apart."""
    placed: dict[str, float] = {}
    last = float("-inf")
    for x, node in sorted(wanted):
        last = max(x, last + SPACING)
        placed[node] = last
    return placed


def layout(graph: nx.Graph[str]) -> dict[str, tuple[float, float]]:
    kinds = {n: d["kind"] for n, d in graph.nodes(data=True)}
    customers = [n for n in graph if kinds[n] == "customer"]
    x: dict[str, float] = {}
    column = 0
    for customer in customers:
        records = sorted(n for n in graph[customer] if kinds[n] == "record")
        start = column
        for record in records:
            x[record] = MARGIN + column * SPACING
            column += 1
        if not records:
            column += 1
        x[customer] = MARGIN + (start + max(column - start - 1, 0) / 2) * SPACING
    identifiers = [n for n in graph if kinds[n] == "identifier"]
    wanted = []
    for identifier in identifiers:
        near = [x[n] for n in graph[identifier] if n in x]
        wanted.append((sum(near) / len(near) if near else MARGIN, identifier))
    x.update(_spread(wanted))
    held = [n for n in graph if kinds[n] == "held"]
    for node in held:
        near = [x[n] for n in graph[node] if n in x]
        x[node] = sum(near) / len(near) if near else MARGIN
    row = {"customer": 0, "record": 1, "identifier": 2, "held": 3}
    return {n: (x[n], float(ROW_Y[row[kinds[n]]])) for n in graph}


def picture(conflict: ConflictView, explanations: Sequence[CustomerExplanation]) -> Picture:
    graph = conflict_graph(conflict, explanations)
    position = layout(graph)
    nodes = [
        PictureNode(
            id=node,
            label=_short(data["label"]),
            kind=data["kind"],
            x=position[node][0],
            y=position[node][1],
            bridging=data["bridging"],
        )
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        PictureEdge(
            *position[a],
            *position[b],
            bridging=graph.nodes[a]["kind"] == "held" or graph.nodes[b]["kind"] == "held",
        )
        for a, b in graph.edges
    ]
    width = int(max((n.x for n in nodes), default=0) + MARGIN)
    customers = sum(1 for n in nodes if n.kind == "customer")
    records = sum(1 for n in nodes if n.kind == "record")
    bridges = sum(1 for n in nodes if n.bridging)
    summary = (
        f"{customers} candidate customers with {records} records; record {conflict.record} "
        f"reaches them through {bridges} bridging identifiers."
    )
    return Picture(
        node_width=NODE_WIDTH,
        width=width,
        height=ROW_Y[-1] + 36,
        nodes=nodes,
        edges=edges,
        summary=summary,
    )
