"""The lookup services call: which customer is this email / phone / address / record?

The hot read of the live path, so it is one auto-commit query (one round trip, no BEGIN or
COMMIT) and waits for no earlier write unless the caller hands over bookmarks: a service
that wants to read its own write passes the bookmark its write answered with (the API's
``Graph-Identity-Bookmark`` header). A transient failure is retried a few times here, since
an auto-commit query is not retried by the driver.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neo4j import Bookmarks, Driver, Record
from neo4j.exceptions import ClientError, DriverError, Neo4jError

from graph_identity.errors import InvalidBookmark
from graph_identity.identifiers import Identifier
from graph_identity.results import MatchedIdentifier, ResolveResult, ResolveStatus
from graph_identity.store import cypher

READ_ATTEMPTS = 3
INVALID_BOOKMARK_CODES = (
    "Neo.ClientError.Transaction.InvalidBookmark",
    "Neo.ClientError.Transaction.InvalidBookmarkMixture",
)


class Lookup:
    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def _read_one(self, bookmarks: Sequence[str], **params: Any) -> Record:
        query = cypher.load("read/resolve")
        attempt = 1
        while True:
            try:
                with self.driver.session(
                    database=self.database,
                    default_access_mode="READ",
                    bookmarks=Bookmarks.from_raw_values(bookmarks),
                ) as session:
                    return session.run(query, params).single(strict=True)
            except ClientError as error:
                if error.code in INVALID_BOOKMARK_CODES:
                    raise InvalidBookmark("not a bookmark this database gave out") from None
                raise
            except (Neo4jError, DriverError) as error:
                if not error.is_retryable() or attempt == READ_ATTEMPTS:
                    raise
                attempt += 1

    def by_identifiers(
        self,
        identifiers: list[Identifier],
        record_key: str | None,
        bookmarks: Sequence[str] = (),
    ) -> ResolveResult:
        row = self._read_one(
            bookmarks, record=record_key, keys=[i.key for i in identifiers if not i.generic]
        )
        customers: dict[str, list[MatchedIdentifier]] = {}
        if row["record_customer"]:
            customers[row["record_customer"]] = []
        held_candidates: list[str] = row["held_candidates"] or []
        for reached in row["reached"]:
            customers.setdefault(reached["customer"], []).append(
                MatchedIdentifier(kind=reached["kind"], masked=reached["masked"])
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
