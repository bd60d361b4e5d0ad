"""Reading customers, conflicts, generic identifiers and totals."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from neo4j import Driver

from graph_identity.errors import NotFound
from graph_identity.read.golden import (
    first_present,
    latest_consent,
    order_metrics,
    primary,
    rank_records,
)
from graph_identity.results import (
    ConflictView,
    Customer,
    DecisionView,
    GenericIdentifier,
    HistoryEvent,
    MatchedIdentifier,
    ProviderStats,
    Stats,
)
from graph_identity.store import cypher
from graph_identity.store.values import native


class CustomerReader:
    def __init__(self, driver: Driver, database: str, provider_priority: list[str]) -> None:
        self.driver = driver
        self.database = database
        self.priority = provider_priority

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(
            cypher.load(name), params, database_=self.database, routing_="r"
        )
        return [native(record.data()) for record in records]

    def customer(self, customer_id: str) -> Customer:
        rows = self._read("read/customer", id=customer_id)
        if not rows:
            raise NotFound(f"customer {customer_id} does not exist")
        row = rows[0]
        records = rank_records(row["records"], self.priority)
        orders = [o for r in records for o in r["orders"]]
        by_channel: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for order in orders:
            by_channel[order.get("channel") or "unknown"].append(order)
        overall = order_metrics(orders)
        return Customer(
            id=row["id"],
            requested_id=customer_id if customer_id != row["id"] else None,
            aliases=sorted(set(row["aliases"])),
            records=sorted(r["key"] for r in records),
            providers=sorted({r["provider"] for r in records}),
            first_name=first_present(records, "first_name"),
            last_name=first_present(records, "last_name"),
            emails=_values(records, "email"),
            phones=_values(records, "phone"),
            primary_email=primary(records, "email"),
            primary_phone=primary(records, "phone"),
            marketing_consent=latest_consent(records),
            order_count=overall.order_count,
            order_total=overall.order_total,
            first_order_at=overall.first_order_at,
            last_order_at=overall.last_order_at,
            orders_by_channel={k: order_metrics(v) for k, v in sorted(by_channel.items())},
            decisions=_decisions(row["decisions"]),
            history=_history(row["history"]),
            open_conflicts=sorted(set(row["open_conflicts"])),
            created_at=row["created_at"],
        )

    def conflicts(self, status: str | None, limit: int, offset: int) -> list[ConflictView]:
        rows = self._read("read/conflicts", status=status, skip=offset, limit=limit)
        return [
            ConflictView(
                id=row["id"],
                status=row["status"],
                record=row["record"] or "(erased)",
                customer_ids=sorted(set(row["customer_ids"])),
                identifiers=[MatchedIdentifier(**i) for i in row["identifiers"]],
                opened_at=row["opened_at"],
                reason=row["reason"],
                resolved_at=row["resolved_at"],
                decision=_decision(row["decision"]) if row["decision"] else None,
            )
            for row in rows
        ]

    def generic_identifiers(self) -> list[GenericIdentifier]:
        return [GenericIdentifier(**row) for row in self._read("read/generic_identifiers")]

    def stats(self) -> Stats:
        row = self._read("read/stats")[0]
        return Stats(
            customers=row["customers"],
            records=row["records"],
            identifiers={i["kind"]: i["count"] for i in row["identifiers"]},
            providers=[ProviderStats(**p) for p in row["providers"]],
            conflicts={c["status"]: c["count"] for c in row["conflicts"]},
        )


def _values(records: list[dict[str, Any]], kind: str) -> list[str]:
    found: dict[str, None] = {}
    for record in records:
        for identifier in record["identifiers"]:
            if identifier["kind"] == kind:
                found.setdefault(identifier["value"], None)
    return list(found)


def _decision(row: dict[str, Any]) -> DecisionView:
    return DecisionView(
        id=row["id"],
        kind=row["kind"],
        actor=row["actor"],
        reason=row["reason"],
        at=row["at"],
        conflict_id=row.get("conflict_id"),
    )


def _decisions(rows: list[dict[str, Any]]) -> list[DecisionView]:
    unique = {row["id"]: row for row in rows}
    return sorted((_decision(r) for r in unique.values()), key=lambda d: d.at)


def _history(rows: list[dict[str, Any]]) -> list[HistoryEvent]:
    unique = {row["id"]: row for row in rows}
    return [_event(row) for row in sorted(unique.values(), key=lambda e: (e["at"], e["id"]))]


def _event(row: dict[str, Any]) -> HistoryEvent:
    return HistoryEvent(
        id=row["id"],
        kind=row["kind"],
        at=row["at"],
        from_customers=row["from_ids"],
        to_customers=row["to_ids"],
        reason=row["reason"],
    )
