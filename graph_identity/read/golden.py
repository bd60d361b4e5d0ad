"""The golden record: one name, email and phone per customer, chosen from its records.

Primaries come from the record of the most trusted provider (configurable priority), then
the most recently updated; consent takes the most recent explicit value. Computed at read
time, so a better record arriving later improves the answer without any rewrite.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from graph_identity.results import OrderMetrics
from graph_identity.store.values import in_utc

_NEVER = datetime.min.replace(tzinfo=UTC)


def _as_of(record: dict[str, Any]) -> datetime:
    """When the record was last true; times are compared as instants in UTC."""
    stamp = record.get("source_updated_at") or record.get("last_seen")
    return in_utc(stamp) if stamp is not None else _NEVER


def rank_records(
    records: Sequence[dict[str, Any]], priority: Sequence[str]
) -> list[dict[str, Any]]:
    """Records best first: provider priority, then most recent."""
    order = {provider: index for index, provider in enumerate(priority)}
    by_recency = sorted(records, key=_as_of, reverse=True)
    return sorted(by_recency, key=lambda r: order.get(r["provider"], len(order)))


def primary(records: Sequence[dict[str, Any]], kind: str) -> str | None:
    for record in records:
        for identifier in record["identifiers"]:
            if identifier["kind"] == kind and not identifier["generic"]:
                return str(identifier["value"])
    return None


def first_present(records: Sequence[dict[str, Any]], field: str) -> str | None:
    return next((r[field] for r in records if r.get(field)), None)


def latest_consent(records: Sequence[dict[str, Any]]) -> bool | None:
    explicit = [r for r in records if r.get("marketing_consent") is not None]
    if not explicit:
        return None
    return bool(max(explicit, key=_as_of)["marketing_consent"])


def order_metrics(orders: Sequence[dict[str, Any]]) -> OrderMetrics:
    total = Decimal("0")
    for order in orders:
        try:
            total += Decimal(order["total"]) if order.get("total") else Decimal("0")
        except InvalidOperation:
            continue
    dates = sorted(in_utc(o["created_at"]) for o in orders if o.get("created_at"))
    return OrderMetrics(
        order_count=len(orders),
        order_total=total,
        first_order_at=dates[0] if dates else None,
        last_order_at=dates[-1] if dates else None,
    )
