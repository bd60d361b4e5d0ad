"""Hand-built query rows, shaped like cypher/explain/*_subgraph.cypher returns them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def at(text: str) -> datetime:
    """``2024-03-02`` → that day, 10:00 UTC."""
    return datetime.fromisoformat(text).replace(hour=10, tzinfo=UTC)


def day(n: int) -> datetime:
    return EPOCH + timedelta(days=n)


@dataclass
class Rows:
    """A small graph: add identifiers, records, decisions…, then take a customer or pair row."""

    customer: str = "cus_1"
    records: list[dict[str, Any]] = field(default_factory=list)
    identifiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    tombstones: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)

    def identifier(
        self,
        ref: str,
        kind: str,
        masked: str,
        *,
        generic_reason: str | None = None,
        canonical: str | None = None,
    ) -> str:
        self.identifiers[ref] = {
            "id": f"4:db:{ref}",
            "kind": kind,
            "masked": masked,
            "generic": generic_reason is not None,
            "generic_reason": generic_reason,
            "canonical": canonical,
        }
        return ref

    def record(
        self,
        key: str,
        *has: str | tuple[str, datetime] | tuple[str, datetime, datetime],
        customer: str | None = "",
        seen: datetime = EPOCH,
        had: tuple[str, ...] = (),
        status: str = "active",
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> str:
        """A record holding identifiers live (``ref`` or ``(ref, first[, last])``)."""
        provider, _, external_id = key.partition(":")
        links = []
        for item in has:
            links.append(self._link(*_span(item, seen), provider=provider))
        for ref in had:
            link = self._link(ref, seen, seen, provider=provider)
            links.append({**link, "live": False, "removed_at": seen})
        self.records.append(
            {
                "key": key,
                "provider": provider,
                "external_id": external_id,
                "status": status,
                "first_name": first_name,
                "last_name": last_name,
                "first_seen": seen,
                "last_seen": seen,
                "customer": self.customer if customer == "" else customer,
                "links": links,
            }
        )
        return key

    def link(self, key: str, ref: str, first: datetime, last: datetime) -> None:
        """One more live link for an existing record."""
        record = next(r for r in self.records if r["key"] == key)
        record["links"].append(self._link(ref, first, last, provider=record["provider"]))

    def _link(self, ref: str, first: datetime, last: datetime, *, provider: str) -> dict[str, Any]:
        kind = self.identifiers[ref]["kind"]
        return {
            "identifier": f"4:db:{ref}",
            "live": True,
            "provider": provider,
            "rule": f"{kind}.v1",
            "first_seen": first,
            "last_seen": last,
            "removed_at": None,
        }

    def decision(
        self,
        decision_id: str,
        kind: str,
        *,
        joins: tuple[str, ...] = (),
        assigns: tuple[str, ...] = (),
        to: tuple[str, ...] = (),
        apart: dict[str, tuple[str, ...]] | None = None,
        concerns: str | None = None,
        when: datetime = EPOCH,
    ) -> str:
        self.decisions.append(
            {
                "id": decision_id,
                "kind": kind,
                "actor": "alice",
                "reason": f"checked ({kind})",
                "at": when,
                "conflict_id": f"cfl_{decision_id}",
                "concerns": concerns,
                "joins": list(joins),
                "assigns": list(assigns),
                "to": list(to),
                "apart": [
                    {"record": key, "side": side}
                    for side, keys in (apart or {}).items()
                    for key in keys
                ],
            }
        )
        return decision_id

    def conflict(
        self, conflict_id: str, record: str | None, candidates: tuple[str, ...], *bridges: str
    ) -> str:
        self.conflicts.append(
            {
                "id": conflict_id,
                "status": "open",
                "opened_at": EPOCH,
                "record": record,
                "candidates": list(candidates),
                "bridged_by": [self.identifiers[ref] for ref in bridges],
            }
        )
        return conflict_id

    def customer_row(self) -> dict[str, Any]:
        return {
            "id": self.customer,
            "status": "active",
            "created_at": EPOCH,
            "aliases": self.aliases,
            **self._common(),
            "events": self.events,
        }

    def pair_row(self) -> dict[str, Any]:
        return {**self._common(), "tombstones": self.tombstones}

    def _common(self) -> dict[str, Any]:
        used = {link["identifier"] for r in self.records for link in r["links"]}
        return {
            "records": self.records,
            "identifiers": [i for i in self.identifiers.values() if i["id"] in used],
            "decisions": self.decisions,
            "conflicts": self.conflicts,
        }


def _span(
    item: str | tuple[str, datetime] | tuple[str, datetime, datetime], seen: datetime
) -> tuple[str, datetime, datetime]:
    """``ref`` or ``(ref, first)`` or ``(ref, first, last)`` → ``(ref, first, last)``."""
    if isinstance(item, str):
        return item, seen, seen
    ref, first, *rest = item
    return ref, first, rest[0] if rest else first
