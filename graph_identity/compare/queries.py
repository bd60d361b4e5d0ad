"""Comparing two providers' customers and orders (``cypher/compare/``).

A customer is *in* a provider when one of its records comes from it; the source provider's
customers that have no record from the destination are listed with their golden name,
email and phone (chosen like :meth:`IdentityService.customer` does) and their source ids.
Orders match by order number (a leading ``#`` ignored), else by a shared email of the
placing records with the same total and the same UTC date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from neo4j import Driver

from graph_identity.compare.models import (
    CustomerComparison,
    CustomerOnlyInSource,
    CustomerSummary,
    OrderComparison,
    OrderOnlyInSource,
    OrderSummary,
)
from graph_identity.errors import RecordRejected
from graph_identity.identifiers import FieldIssue
from graph_identity.models import PROVIDER_SLUG_PATTERN
from graph_identity.read.golden import first_present, primary, rank_records
from graph_identity.store import cypher
from graph_identity.store.values import native

_SLUG = re.compile(PROVIDER_SLUG_PATTERN)


def check_providers(source: str, destination: str) -> None:
    """:class:`RecordRejected` naming the field when a provider slug is unusable."""
    issues = [
        FieldIssue((name,), "not a provider slug (lower-case letters, digits, _)")
        for name, value in (("source", source), ("destination", destination))
        if not _SLUG.match(value)
    ]
    if not issues and source == destination:
        issues.append(FieldIssue(("destination",), "must differ from source"))
    if issues:
        raise RecordRejected(issues)


class Comparer:
    def __init__(self, driver: Driver, database: str, provider_priority: Sequence[str]) -> None:
        self.driver = driver
        self.database = database
        self.priority = list(provider_priority)

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(
            cypher.load(name), params, database_=self.database, routing_="r"
        )
        return [native(record.data()) for record in records]

    def customers(self, source: str, destination: str) -> CustomerComparison:
        check_providers(source, destination)
        params = {"source": source, "destination": destination}
        counts = self._read("compare/customer_counts", **params)[0]
        rows = self._read("compare/customers_only_in_source", **params)
        return CustomerComparison(
            source=source,
            destination=destination,
            summary=CustomerSummary(**counts),
            only_in_source=[self._customer(row, source) for row in rows],
        )

    def _customer(self, row: dict[str, Any], source: str) -> CustomerOnlyInSource:
        records = rank_records(row["records"], self.priority)
        return CustomerOnlyInSource(
            customer_id=row["id"],
            first_name=first_present(records, "first_name"),
            last_name=first_present(records, "last_name"),
            primary_email=primary(records, "email"),
            primary_phone=primary(records, "phone"),
            source_ids=sorted(r["external_id"] for r in records if r["provider"] == source),
        )

    def orders(self, source: str, destination: str) -> OrderComparison:
        check_providers(source, destination)
        rows = self._read("compare/orders", source=source, destination=destination)
        (counts,) = self._read("compare/order_counts", destination=destination)
        by_number = sum(1 for r in rows if r["by_number"])
        by_email = sum(1 for r in rows if r["by_email_total_date"])
        missing = [r for r in rows if not (r["by_number"] or r["by_email_total_date"])]
        return OrderComparison(
            source=source,
            destination=destination,
            summary=OrderSummary(
                source=len(rows),
                destination=counts["destination"],
                matched_by_number=by_number,
                matched_by_email_total_date=by_email,
                only_in_source=len(missing),
            ),
            only_in_source=[_order(row) for row in missing],
        )


def _order(row: dict[str, Any]) -> OrderOnlyInSource:
    return OrderOnlyInSource(
        order_id=row["order_id"],
        number=row["number"],
        total=_decimal(row["total"]),
        currency=row["currency"],
        created_at=row["created_at"],
        channel=row["channel"],
        source_record_id=row["record_id"],
        customer_id=row["customer_id"],
    )


def _decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
