"""The public face of the library: one object that services, the CLI and the API call."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from neo4j import READ_ACCESS, AsyncDriver, Driver, ManagedTransaction

from graph_identity.config import Settings
from graph_identity.decisions import DecisionIn
from graph_identity.errors import RecordErased, RecordRejected
from graph_identity.explain import (
    CustomerExplanation,
    PairExplanation,
    explain_customer,
    explain_pair,
)
from graph_identity.group_commit import GroupCommit, GroupItem, ingest_group
from graph_identity.group_commit import WriteStep as WriteStep
from graph_identity.identifiers import FieldIssue, Identifier, NormalizedRecord
from graph_identity.models import PostalAddress, RecordIn, record_key
from graph_identity.normalize import InvalidValue, NormalizationConfig, normalize_record
from graph_identity.read.customers import CustomerReader
from graph_identity.read.lookup import Lookup
from graph_identity.resolution.decisions import apply_decision
from graph_identity.resolution.engine import (
    ChunkOutcome,
    ResolutionEngine,
    chunks_without_repeats,
)
from graph_identity.resolution.erasure import allow_replay, erase_record
from graph_identity.results import (
    BatchMetrics,
    BatchResult,
    ConflictView,
    Customer,
    DecisionResult,
    ErasedRecord,
    ErasureResult,
    FieldError,
    GenericIdentifier,
    IngestResult,
    RejectedRecord,
    ResolveResult,
    Stats,
)
from graph_identity.store import cypher

T = TypeVar("T")


def _errors(issues: Sequence[FieldIssue]) -> list[FieldError]:
    return [FieldError(loc=list(i.loc), msg=i.msg) for i in issues]


class IdentityService:
    """Ingest, resolve, decide, erase and read customers, against one Neo4j database.

    The one owner of write transactions: every write runs here as a managed transaction
    (retried by the driver on transient errors), and callers add writes of their own to a
    record's transaction with ``extra_writes`` instead of opening one themselves.
    """

    def __init__(
        self,
        driver: Driver,
        settings: Settings,
        *,
        on_group_commit: Callable[[int, float], None] | None = None,
        async_driver: AsyncDriver | None = None,
    ) -> None:
        """``on_group_commit(records, seconds)`` hears of each group commit (for metrics);
        ``async_driver`` (same database) serves :meth:`resolve_async`."""
        self.driver = driver
        self.settings = settings
        self.normalization = NormalizationConfig.from_settings(settings)
        self.engine = ResolutionEngine(settings)
        self.reader = CustomerReader(
            driver, settings.neo4j_database, list(settings.provider_priority)
        )
        self.lookup = Lookup(driver, settings.neo4j_database, async_driver)
        self.group_commit = (
            GroupCommit(
                self._write_group,
                self._ingest_alone,
                window_seconds=settings.group_commit_window_ms / 1000,
                max_records=settings.group_commit_max,
                on_commit=on_group_commit,
            )
            if settings.group_commit_window_ms > 0 and settings.group_commit_max > 1
            else None
        )

    def _write(self, work: Callable[..., T], *args: Any) -> T:
        """Run ``work(tx, *args)`` as one managed write transaction (read-your-writes for
        later calls through the driver's bookmark manager)."""
        with self.driver.session(
            database=self.settings.neo4j_database,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        ) as session:
            return session.execute_write(work, *args)

    def bookmarks(self) -> list[str]:
        """Bookmarks covering every write this service has committed so far: hand them to
        :meth:`resolve` (``after``) to read those writes."""
        return sorted(self.driver.execute_query_bookmark_manager.get_bookmarks())

    def normalize(self, record: RecordIn) -> NormalizedRecord:
        """Canonical identifiers of a record. Raises RecordRejected."""
        return normalize_record(record, self.normalization)

    def ingest(
        self, record: RecordIn | NormalizedRecord, *, extra_writes: Sequence[WriteStep] = ()
    ) -> IngestResult:
        """Ingest one record (normalized here unless it already is).

        ``extra_writes`` run first in the same transaction: they commit with the record or
        not at all. Raises RecordRejected (422) or RecordErased (409); on either, or on an
        error from an extra write, nothing is written. With group commit on (the default),
        concurrent calls share one transaction (:mod:`graph_identity.group_commit`) with the
        same per-record results and errors.
        """
        normalized = record if isinstance(record, NormalizedRecord) else self.normalize(record)
        if self.group_commit is None:
            outcome = self._ingest_alone(normalized, tuple(extra_writes))
        else:
            outcome = self.group_commit.ingest(normalized, tuple(extra_writes))
        return outcome.model_copy(update={"warnings": _errors(normalized.issues)})

    async def ingest_async(self, record: RecordIn) -> IngestResult:
        """:meth:`ingest` for an asyncio caller: the record joins the next group and the
        caller awaits its result without holding a thread (a worker thread writes when
        group commit is off)."""
        normalized = self.normalize(record)
        if self.group_commit is None:
            outcome = await asyncio.to_thread(self._ingest_alone, normalized, ())
        else:
            outcome = await asyncio.wrap_future(self.group_commit.submit(normalized, ()))
        return outcome.model_copy(update={"warnings": _errors(normalized.issues)})

    def _ingest_alone(
        self, record: NormalizedRecord, extra_writes: tuple[WriteStep, ...]
    ) -> IngestResult:
        return self._write(self._ingest_one, record, extra_writes)

    def _write_group(self, items: Sequence[GroupItem]) -> list[ChunkOutcome]:
        return self._write(ingest_group, self.engine, items)

    def _ingest_one(
        self, tx: ManagedTransaction, record: NormalizedRecord, extra_writes: tuple[WriteStep, ...]
    ) -> IngestResult:
        for write in extra_writes:
            write(tx)
        (outcome,) = self.engine.ingest_chunk(tx, [record])
        if isinstance(outcome, ErasedRecord):
            raise RecordErased(outcome.record)
        return outcome

    def ingest_normalized(
        self, records: Sequence[NormalizedRecord]
    ) -> list[IngestResult | ErasedRecord]:
        """Ingest records already normalized (bulk imports), one transaction per chunk.

        An erased record is answered with :class:`ErasedRecord` and nothing of it is written;
        the rest of its chunk is.
        """
        outcomes: list[IngestResult | ErasedRecord] = []
        for chunk in chunks_without_repeats(records, self.settings.chunk_size):
            outcomes.extend(self._write(self.engine.ingest_chunk, chunk))
        return outcomes

    def ingest_batch(self, records: Sequence[RecordIn]) -> BatchResult:
        """Ingest many records in chunks; invalid ones are listed in ``rejected``."""
        rejected: list[RejectedRecord] = []
        valid: list[tuple[int, NormalizedRecord]] = []
        for index, record in enumerate(records):
            try:
                valid.append((index, self.normalize(record)))
            except RecordRejected as exc:
                key = (
                    record_key(record.provider, record.external_id) if record.external_id else None
                )
                rejected.append(RejectedRecord(index=index, record=key, errors=_errors(exc.issues)))
        outcomes = self.ingest_normalized([n for _, n in valid])
        results: list[IngestResult] = []
        for (index, normalized), outcome in zip(valid, outcomes, strict=True):
            if isinstance(outcome, ErasedRecord):
                error = FieldError(loc=["external_id"], msg=str(RecordErased(outcome.record)))
                rejected.append(RejectedRecord(index=index, record=outcome.record, errors=[error]))
            else:
                results.append(outcome.model_copy(update={"warnings": _errors(normalized.issues)}))
        return BatchResult(
            results=results,
            rejected=sorted(rejected, key=lambda r: r.index),
            metrics=batch_metrics(len(records), results, len(rejected)),
        )

    def resolve(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        address: PostalAddress | None = None,
        provider: str | None = None,
        external_id: str | None = None,
        after: Sequence[str] = (),
    ) -> ResolveResult:
        """Look a customer up without writing. Raises RecordRejected for unusable input.

        The lookup waits for no earlier write unless ``after`` holds bookmarks (from
        :meth:`bookmarks` after a write): then it sees at least those writes, on any member
        of a cluster."""
        identifiers, key = self._lookup_keys(email, phone, address, provider, external_id)
        return self.lookup.by_identifiers(identifiers, key, after)

    async def resolve_async(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        address: PostalAddress | None = None,
        provider: str | None = None,
        external_id: str | None = None,
        after: Sequence[str] = (),
    ) -> ResolveResult:
        """:meth:`resolve` for an asyncio caller: the read runs on the async driver when the
        service has one (see :class:`~graph_identity.read.lookup.Lookup`)."""
        identifiers, key = self._lookup_keys(email, phone, address, provider, external_id)
        return await self.lookup.by_identifiers_async(identifiers, key, after)

    def _lookup_keys(
        self,
        email: str | None,
        phone: str | None,
        address: PostalAddress | None,
        provider: str | None,
        external_id: str | None,
    ) -> tuple[list[Identifier], str | None]:
        """The identifiers and record key a lookup reads. Raises RecordRejected."""
        identifiers: list[Identifier] = []
        issues: list[FieldIssue] = []
        given: list[tuple[str, Callable[[], Identifier]]] = []
        if email is not None:
            given.append(("email", partial(self.normalization.email, email)))
        if phone is not None:
            given.append(("phone", partial(self.normalization.phone, phone)))
        if address is not None:
            given.append(("address", partial(self.normalization.address, address)))
        for field, make in given:
            try:
                identifiers.append(make())
            except InvalidValue as exc:
                issues.append(FieldIssue(loc=(field,), msg=str(exc)))
        if (provider is None) != (external_id is None):
            issues.append(
                FieldIssue(loc=("external_id",), msg="provider and external_id go together")
            )
        if issues:
            raise RecordRejected(issues)
        key = record_key(provider, external_id) if provider and external_id else None
        if not identifiers and key is None:
            raise RecordRejected(
                [FieldIssue(loc=(), msg="give an email, phone, address or provider+external_id")]
            )
        return identifiers, key

    def customer(self, customer_id: str) -> Customer:
        """The merged customer; an alias id answers with the survivor. Raises NotFound."""
        return self.reader.customer(customer_id)

    def erase(self, provider: str, external_id: str) -> ErasureResult:
        """Erase a record's personal data and links, re-resolve. Raises NotFound."""
        return self._write(erase_record, record_key(provider, external_id))

    def allow_replay(self, provider: str, external_id: str) -> None:
        """Let an erased record be ingested again. Raises NotFound."""
        self._write(allow_replay, record_key(provider, external_id))

    def conflicts(
        self, status: str | None = None, *, limit: int = 100, offset: int = 0
    ) -> list[ConflictView]:
        return self.reader.conflicts(status, limit, offset)

    def decide(self, conflict_id: str, decision: DecisionIn) -> DecisionResult:
        """Apply a human decision. Raises NotFound or InvalidDecision."""
        return self._write(apply_decision, conflict_id, decision)

    def generic_identifiers(self) -> list[GenericIdentifier]:
        return self.reader.generic_identifiers()

    def stats(self) -> Stats:
        return self.reader.stats()

    def open_conflict_count(self) -> int:
        """Conflicts waiting for a human decision (an index lookup, cheap enough per scrape)."""
        records, _, _ = self.driver.execute_query(
            cypher.load("read/open_conflict_count"),
            database_=self.settings.neo4j_database,
            routing_="r",
        )
        return int(records[0]["open"])

    def ping(self) -> None:
        """Raise the driver's error unless Neo4j answers a trivial read. One attempt, no
        retries, so a readiness probe answers at once while the database is down.
        """
        with self.driver.session(
            database=self.settings.neo4j_database, default_access_mode=READ_ACCESS
        ) as session:
            session.run(cypher.load("admin/ping")).consume()

    def explain_customer(self, customer_id: str) -> CustomerExplanation:
        """Why this customer's records are one customer. Raises NotFound."""
        return explain_customer(self.driver, self.settings.neo4j_database, customer_id)

    def explain_pair(self, a_key: str, b_key: str) -> PairExplanation:
        """Why two records (``provider:external_id``) are, or are not, one customer."""
        return explain_pair(self.driver, self.settings.neo4j_database, a_key, b_key)


def batch_metrics(fetched: int, results: Sequence[IngestResult], errors: int) -> BatchMetrics:
    return BatchMetrics.of(fetched, Counter(r.action for r in results), errors)
