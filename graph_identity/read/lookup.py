"""The lookup services call: which customer is this email / phone / address / record?

The hot read of the live path, so it is one auto-commit query (one round trip, no BEGIN or
COMMIT) and waits for no earlier write unless the caller hands over bookmarks: a service
that wants to read its own write passes the bookmark its write answered with (the API's
``Graph-Identity-Bookmark`` header). A transient failure is retried a few times here, since
an auto-commit query is not retried by the driver, after a short pause (a leader election
or a dropped connection does not heal at once, and an immediate retry meets it again).

:meth:`Lookup.by_identifiers_async` is the same read on the asyncio driver, so the API
answers a lookup on its event loop: no thread hop, and no thread waiting for the GIL behind
the write path's worker.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

from neo4j import AsyncDriver, Bookmarks, Driver, Record
from neo4j.exceptions import ClientError, DriverError, Neo4jError

from graph_identity.errors import InvalidBookmark
from graph_identity.identifiers import Identifier
from graph_identity.results import MatchedIdentifier, ResolveResult, ResolveStatus
from graph_identity.store import cypher

READ_ATTEMPTS = 3
RETRY_PAUSES_S = (0.05, 0.2)
"""The pause before the second and the third attempt."""
INVALID_BOOKMARK_CODES = (
    "Neo.ClientError.Transaction.InvalidBookmark",
    "Neo.ClientError.Transaction.InvalidBookmarkMixture",
)


def _pause_unless_final(error: Exception, attempt: int) -> float:
    """Re-raise ``error`` unless another attempt is due (an invalid bookmark is the
    caller's error, not a transient one); else how long to wait before it."""
    if isinstance(error, ClientError) and error.code in INVALID_BOOKMARK_CODES:
        raise InvalidBookmark("not a bookmark this database gave out") from None
    retryable = isinstance(error, Neo4jError | DriverError) and error.is_retryable()
    if not retryable or attempt == READ_ATTEMPTS:
        raise error
    return RETRY_PAUSES_S[attempt - 1]


def _params(identifiers: list[Identifier], record_key: str | None) -> dict[str, Any]:
    return {"record": record_key, "keys": [i.key for i in identifiers if not i.generic]}


def _answer(row: Record) -> ResolveResult:
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
        return ResolveResult(status=ResolveStatus.FOUND, customer_id=customer, matched_by=matched)
    if len(customers) > 1 or held_candidates:
        candidates = sorted(set(customers) | set(held_candidates))
        matched = [m for found in customers.values() for m in found]
        return ResolveResult(
            status=ResolveStatus.AMBIGUOUS, candidates=candidates, matched_by=matched
        )
    return ResolveResult(status=ResolveStatus.NOT_FOUND)


class Lookup:
    def __init__(
        self, driver: Driver, database: str, async_driver: AsyncDriver | None = None
    ) -> None:
        """``async_driver`` serves :meth:`by_identifiers_async`; without one, that runs the
        blocking read on a worker thread."""
        self.driver = driver
        self.async_driver = async_driver
        self.database = database

    def by_identifiers(
        self,
        identifiers: list[Identifier],
        record_key: str | None,
        bookmarks: Sequence[str] = (),
    ) -> ResolveResult:
        query, params = cypher.load("read/resolve"), _params(identifiers, record_key)
        attempt = 1
        while True:
            try:
                with self.driver.session(
                    database=self.database,
                    default_access_mode="READ",
                    bookmarks=Bookmarks.from_raw_values(bookmarks),
                ) as session:
                    return _answer(session.run(query, params).single(strict=True))
            except (Neo4jError, DriverError) as error:
                time.sleep(_pause_unless_final(error, attempt))
                attempt += 1

    async def by_identifiers_async(
        self,
        identifiers: list[Identifier],
        record_key: str | None,
        bookmarks: Sequence[str] = (),
    ) -> ResolveResult:
        if self.async_driver is None:
            return await asyncio.to_thread(self.by_identifiers, identifiers, record_key, bookmarks)
        query, params = cypher.load("read/resolve"), _params(identifiers, record_key)
        attempt = 1
        while True:
            try:
                async with self.async_driver.session(
                    database=self.database,
                    default_access_mode="READ",
                    bookmarks=Bookmarks.from_raw_values(bookmarks),
                ) as session:
                    result = await session.run(query, params)
                    return _answer(await result.single(strict=True))
            except (Neo4jError, DriverError) as error:
                await asyncio.sleep(_pause_unless_final(error, attempt))
                attempt += 1
