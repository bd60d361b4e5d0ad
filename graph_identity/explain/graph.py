"""Nodes and edges for programs and UIs, named like the stored graph's labels and types.

Node ids are ``<type>:<id>`` (``record:shopify:1042``, ``identifier:i3``). Every edge's ends
are in the node list: an element referenced but not fetched gets a node with its id only.
"""

from __future__ import annotations

from typing import Any

from graph_identity.explain.models import (
    ConflictInfo,
    DecisionInfo,
    EventInfo,
    GraphEdge,
    GraphNode,
    Hop,
    IdentifierView,
    LinkView,
    NodeType,
    RecordView,
)


def node_id(node_type: str, key: str) -> str:
    return f"{node_type}:{key}"


class GraphBuilder:
    """Collects nodes (first one wins) and edges (deduplicated), then lists them."""

    def __init__(self) -> None:
        self._nodes: dict[str, GraphNode] = {}
        self._edges: dict[tuple[str, str, str], GraphEdge] = {}

    def node(self, node_type: NodeType, key: str, label: str | None = None, /, **props: Any) -> str:
        ident = node_id(node_type, key)
        if ident not in self._nodes:
            self._nodes[ident] = GraphNode(
                id=ident, type=node_type, label=label or key, properties=props
            )
        return ident

    def edge(self, source: str, target: str, edge_type: str, /, **props: Any) -> None:
        self._edges.setdefault(
            (source, target, edge_type),
            GraphEdge(source=source, target=target, type=edge_type, properties=props),
        )

    def customer(self, customer_id: str, **props: Any) -> str:
        return self.node("customer", customer_id, **props)

    def record(self, view: RecordView) -> str:
        ident = self.node(
            "record",
            view.key,
            provider=view.provider,
            external_id=view.external_id,
            status=view.status,
            first_seen=view.first_seen,
            last_seen=view.last_seen,
        )
        if view.customer_id:
            self.edge(ident, self.customer(view.customer_id), "BELONGS_TO")
        return ident

    def identifier(self, view: IdentifierView) -> str:
        return self.node(
            "identifier",
            view.id,
            f"{view.kind} {view.masked}",
            **view.model_dump(exclude={"id"}, exclude_none=True),
        )

    def link(self, link: LinkView, identifier: IdentifierView) -> None:
        self.edge(
            self.node("record", link.record),
            self.identifier(identifier),
            "HAS" if link.live else "HAD",
            **link.model_dump(exclude={"record", "identifier", "live"}, exclude_none=True),
        )

    def decision(self, decision: DecisionInfo, records: set[str] | None = None) -> str:
        """The decision and its edges (to ``records`` only, when given)."""
        ident = self.node(
            "decision",
            decision.id,
            f"{decision.kind} by {decision.actor}",
            kind=decision.kind,
            actor=decision.actor,
            reason=decision.reason,
            at=decision.at,
        )
        if decision.conflict_id:
            self.edge(ident, self.node("conflict", decision.conflict_id), "DECIDES")

        def named(keys: list[str]) -> list[str]:
            return [k for k in keys if records is None or k in records]

        for key in named(decision.joins):
            self.edge(ident, self.node("record", key), "JOINS")
        for key in named(decision.assigns):
            self.edge(ident, self.node("record", key), "ASSIGNS")
        for customer in decision.to_customers:
            self.edge(ident, self.customer(customer), "TO")
        for side, keys in decision.apart.items():
            for key in named(keys):
                self.edge(ident, self.node("record", key), "APART", side=side)
        return ident

    def event(self, event: EventInfo) -> None:
        ident = self.node("event", event.id, event.kind, kind=event.kind, at=event.at)
        for customer in event.from_ids:
            self.edge(ident, self.customer(customer), "FROM")
        for customer in event.to_ids:
            self.edge(ident, self.customer(customer), "TO")

    def conflict(self, conflict: ConflictInfo, identifiers: dict[str, IdentifierView]) -> None:
        ident = self.node("conflict", conflict.id, status="open", opened_at=conflict.opened_at)
        if conflict.record:
            self.edge(ident, self.node("record", conflict.record), "CONCERNS")
        for customer in conflict.candidates:
            self.edge(ident, self.customer(customer), "CANDIDATE")
        for identifier in conflict.bridged_by:
            self.edge(ident, self.identifier(identifiers[identifier]), "BRIDGED_BY")

    def shared(self, hop: Hop, identifier: IdentifierView) -> None:
        """An identifier hop: both records' HAS edges to it, with their provenance."""
        target = self.identifier(identifier)
        for end in hop.ends:
            self.edge(
                self.node("record", end.record),
                target,
                "HAS",
                **end.model_dump(exclude={"record"}, exclude_none=True),
            )

    def build(self) -> tuple[list[GraphNode], list[GraphEdge]]:
        return list(self._nodes.values()), list(self._edges.values())
