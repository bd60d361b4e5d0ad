"""The lookup services call: which customer is this email / phone / address / record?"""

from __future__ import annotations

from neo4j import Driver

from graph_identity.identifiers import Identifier
from graph_identity.results import MatchedIdentifier, ResolveResult, ResolveStatus
from graph_identity.store import cypher


class Lookup:
    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def by_identifiers(
        self, identifiers: list[Identifier], record_key: str | None
    ) -> ResolveResult:
        customers: dict[str, list[MatchedIdentifier]] = {}
        held_candidates: list[str] = []
        if record_key is not None:
            records, _, _ = self.driver.execute_query(
                cypher.load("read/resolve_record"),
                key=record_key,
                database_=self.database,
                routing_="r",
            )
            for row in records:
                if row["customer"]:
                    customers.setdefault(row["customer"], [])
                held_candidates = row["candidates"] or []
        linking = [i.key for i in identifiers if not i.generic]
        if linking:
            records, _, _ = self.driver.execute_query(
                cypher.load("read/resolve_identifiers"),
                keys=linking,
                database_=self.database,
                routing_="r",
            )
            for row in records:
                customers.setdefault(row["customer"], []).append(
                    MatchedIdentifier(kind=row["kind"], masked=row["masked"])
                )
        if len(customers) == 1:
            ((customer, matched),) = customers.items()
            return ResolveResult(
                status=ResolveStatus.FOUND, customer_id=customer, matched_by=matched
            )
        if len(customers) > 1 or held_candidates:
            candidates = sorted(set(customers) | set(held_candidates))
            matched = [m for found in customers.values() for m in found]
            return ResolveResult(
                status=ResolveStatus.AMBIGUOUS, candidates=candidates, matched_by=matched
            )
        return ResolveResult(status=ResolveStatus.NOT_FOUND)
