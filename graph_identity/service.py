"""The public face of the library: one object that services, the CLI and the API call."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from neo4j import READ_ACCESS, Driver, ManagedTransaction

from graph_identity.config import Settings
from graph_identity.decisions import DecisionIn
from graph_identity.errors import RecordErased
from graph_identity.explain import (
    CustomerExplanation,
    PairExplanation,
    explain_customer,
    explain_pair,
)
from graph_identity.identifiers import FieldIssue, Identifier, NormalizedRecord, RecordRejected
from graph_identity.models import PostalAddress, RecordIn, record_key
from graph_identity.normalize import InvalidValue, NormalizationConfig, normalize_record
from graph_identity.read.customers import CustomerReader
from graph_identity.read.lookup import Lookup
from graph_identity.resolution.decisions import apply_decision
from graph_identity.resolution.engine import ResolutionEngine
from graph_identity.resolution.erasure import allow_replay, erase_record
from graph_identity.results import (
    Action,
    BatchMetrics,
    BatchResult,
    ConflictView,
    Customer,
    DecisionResult,
    ErasureResult,
    FieldError,
    GenericIdentifier,
    IngestResult,
    RejectedRecord,
    ResolveResult,
    Stats,
)
from graph_identity.store import cypher


def _errors(issues: Sequence[FieldIssue]) -> list[FieldError]:
    return [FieldError(loc=list(i.loc), msg=i.msg) for i in issues]


class IdentityService:
    """Ingest, resolve, decide, erase and read customers, against one Neo4j database."""

    def __init__(self, driver: Driver, settings: Settings) -> None:
        self.driver = driver
        self.settings = settings
        self.normalization = NormalizationConfig.from_settings(settings)
        self.engine = ResolutionEngine(driver, settings)
        self.reader = CustomerReader(
            driver, settings.neo4j_database, list(settings.provider_priority)
        )
        self.lookup = Lookup(driver, settings.neo4j_database)

    def _session(self):  # type: ignore[no-untyped-def]
        return self.driver.session(
            database=self.settings.neo4j_database,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        )

    def normalize(self, record: RecordIn) -> NormalizedRecord:
        """Canonical identifiers of a record. Raises RecordRejected."""
        return normalize_record(record, self.normalization)

    def ingest(self, record: RecordIn, *, allow_replay: bool = False) -> IngestResult:
        """Ingest one record. Raises RecordRejected (422) or RecordErased (409)."""
        normalized = self.normalize(record)
        (outcome,) = self.engine.ingest([normalized], chunk_size=1, allow_replay=allow_replay)
        if isinstance(outcome, RecordErased):
            raise outcome
        return outcome.model_copy(update={"warnings": _errors(normalized.issues)})

    def ingest_normalized(
        self, records: Sequence[NormalizedRecord], *, allow_replay: bool = False
    ) -> list[IngestResult | RecordErased]:
        """Ingest records already normalized (bulk imports), chunk by chunk."""
        return self.engine.ingest(
            records, chunk_size=self.settings.chunk_size, allow_replay=allow_replay
        )

    def ingest_in_transaction(
        self, tx: ManagedTransaction, record: NormalizedRecord
    ) -> IngestResult | RecordErased:
        """Ingest one normalized record inside the caller's managed write transaction.

        For callers whose own writes must commit or roll back with the record (the webhooks'
        remembered deliveries). An erased record comes back as RecordErased, not raised.
        """
        (outcome,) = self.engine.ingest_chunk(tx, [record], False)
        return outcome

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
            if isinstance(outcome, RecordErased):
                error = FieldError(loc=["external_id"], msg=str(outcome))
                rejected.append(RejectedRecord(index=index, record=outcome.key, errors=[error]))
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
    ) -> ResolveResult:
        """Look a customer up without writing. Raises RecordRejected for unusable input."""
        identifiers: list[Identifier] = []
        issues: list[FieldIssue] = []
        for field, value, make in (
            ("email", email, self.normalization.email),
            ("phone", phone, self.normalization.phone),
            ("address", address, self.normalization.address),
        ):
            if value is None:
                continue
            try:
                identifiers.append(make(value))  # type: ignore[operator]
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
        return self.lookup.by_identifiers(identifiers, key)

    def customer(self, customer_id: str) -> Customer:
        """The merged customer; an alias id answers with the survivor. Raises NotFound."""
        return self.reader.customer(customer_id)

    def erase(self, provider: str, external_id: str) -> ErasureResult:
        """Erase a record's personal data and links, re-resolve. Raises NotFound."""
        with self._session() as session:
            return session.execute_write(erase_record, record_key(provider, external_id))

    def allow_replay(self, provider: str, external_id: str) -> None:
        """Let an erased record be ingested again. Raises NotFound."""
        with self._session() as session:
            session.execute_write(allow_replay, record_key(provider, external_id))

    def conflicts(
        self, status: str | None = None, *, limit: int = 100, offset: int = 0
    ) -> list[ConflictView]:
        return self.reader.conflicts(status, limit, offset)

    def decide(self, conflict_id: str, decision: DecisionIn) -> DecisionResult:
        """Apply a human decision. Raises NotFound or InvalidDecision."""
        with self._session() as session:
            return session.execute_write(apply_decision, conflict_id, decision)

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
    counts = Counter(r.action for r in results)
    return BatchMetrics(
        fetched=fetched,
        created=counts[Action.CREATED],
        updated=counts[Action.UPDATED],
        linked=counts[Action.LINKED],
        unchanged=counts[Action.UNCHANGED],
        ambiguous=counts[Action.AMBIGUOUS],
        merged=counts[Action.MERGED],
        errors=errors,
    )
