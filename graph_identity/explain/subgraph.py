"""The fetched subgraph, parsed from one query row into typed parts.

Both explanation queries return the same shapes (records with their links, identifiers,
decisions, conflicts); this is the only place that reads those rows. Identifiers arrive named
by Neo4j ``elementId`` and leave named ``i1``, ``i2``… in a stable order.

Records' names and dates of birth arrive only to decide whether a shared identifier ties
them; they are kept as :class:`Evidence` in ``Subgraph.evidence``, apart from the views, so no
explanation output carries them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_identity.explain.models import (
    ConflictInfo,
    DecisionInfo,
    EventInfo,
    IdentifierView,
    LinkView,
    RecordView,
)
from graph_identity.resolution.ties import Evidence


@dataclass(frozen=True)
class Subgraph:
    """``evidence``: record key → its name and date of birth, for the tie rule only."""

    records: dict[str, RecordView]
    identifiers: dict[str, IdentifierView]
    links: list[LinkView]
    decisions: dict[str, DecisionInfo]
    events: list[EventInfo]
    conflicts: list[ConflictInfo]
    evidence: dict[str, Evidence]


def parse_subgraph(row: dict[str, Any]) -> Subgraph:
    """A :class:`Subgraph` from a query row (ISO time strings are parsed by the models)."""
    identifiers = _identifiers(row)
    records = {
        r["key"]: RecordView(
            key=r["key"],
            provider=r["provider"],
            external_id=r["external_id"],
            customer_id=r.get("customer"),
            status=r.get("status"),
            first_seen=r.get("first_seen"),
            last_seen=r.get("last_seen"),
        )
        for r in sorted(row["records"], key=lambda r: r["key"])
    }
    links = sorted(
        (
            LinkView(
                record=r["key"],
                identifier=identifiers[link["identifier"]].id,
                live=link["live"],
                provider=link.get("provider"),
                rule=link.get("rule"),
                first_seen=link.get("first_seen"),
                last_seen=link.get("last_seen"),
                removed_at=link.get("removed_at"),
            )
            for r in row["records"]
            for link in r["links"]
        ),
        key=lambda link: (link.record, not link.live, _number(link.identifier)),
    )
    decisions = [_decision(d) for d in row.get("decisions", [])]
    return Subgraph(
        records=records,
        identifiers={view.id: view for view in identifiers.values()},
        links=links,
        decisions={d.id: d for d in sorted(decisions, key=lambda d: (d.at, d.id))},
        events=sorted((EventInfo(**e) for e in row.get("events", [])), key=lambda e: (e.at, e.id)),
        conflicts=sorted(
            (
                ConflictInfo(
                    id=k["id"],
                    opened_at=k["opened_at"],
                    record=k["record"],
                    candidates=sorted(set(k["candidates"])),
                    bridged_by=sorted(
                        (identifiers[i["id"]].id for i in k["bridged_by"]), key=_number
                    ),
                )
                for k in row.get("conflicts", [])
            ),
            key=lambda k: (k.opened_at, k.id),
        ),
        evidence={
            r["key"]: Evidence.of(r.get("first_name"), r.get("last_name"), r.get("birth_date"))
            for r in row["records"]
        },
    )


def _identifiers(row: dict[str, Any]) -> dict[str, IdentifierView]:
    """Element id → view, numbered by (kind, masked, element id); conflict bridges included."""
    found: dict[str, dict[str, Any]] = {i["id"]: i for i in row["identifiers"]}
    for conflict in row.get("conflicts", []):
        for bridge in conflict["bridged_by"]:
            found.setdefault(bridge["id"], bridge)
    ordered = sorted(found.values(), key=lambda i: (i["kind"], i["masked"], i["id"]))
    return {
        i["id"]: IdentifierView(
            id=f"i{n}",
            kind=i["kind"],
            masked=i["masked"],
            generic=bool(i.get("generic")),
            generic_reason=i.get("generic_reason"),
            canonical=i.get("canonical"),
        )
        for n, i in enumerate(ordered, start=1)
    }


def _decision(row: dict[str, Any]) -> DecisionInfo:
    apart: dict[str, list[str]] = {}
    for edge in row.get("apart", []):
        apart.setdefault(edge["side"], []).append(edge["record"])
    return DecisionInfo(
        id=row["id"],
        kind=row["kind"],
        actor=row["actor"],
        reason=row["reason"],
        at=row["at"],
        conflict_id=row.get("conflict_id"),
        concerns=row.get("concerns"),
        joins=sorted(row.get("joins", [])),
        assigns=sorted(row.get("assigns", [])),
        to_customers=sorted(row.get("to", [])),
        apart={side: sorted(keys) for side, keys in sorted(apart.items())},
    )


def _number(identifier_id: str) -> int:
    return int(identifier_id[1:])
