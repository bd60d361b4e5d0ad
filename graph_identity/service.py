"""The public face of the library: one object that services, the CLI and the API call."""

from __future__ import annotations

from collections.abc import Sequence

from neo4j import Driver

from graph_identity.config import Settings
from graph_identity.decisions import DecisionIn
from graph_identity.models import PostalAddress, RecordIn
from graph_identity.results import (
    BatchResult,
    ConflictView,
    Customer,
    DecisionResult,
    ErasureResult,
    GenericIdentifier,
    IngestResult,
    ResolveResult,
    Stats,
)


class IdentityService:
    """Ingest, resolve, decide, erase and read customers, against one Neo4j database."""

    def __init__(self, driver: Driver, settings: Settings) -> None:
        self.driver = driver
        self.settings = settings

    def ingest(self, record: RecordIn, *, allow_replay: bool = False) -> IngestResult:
        """Ingest one record. Raises RecordRejected (422) or RecordErased (409)."""
        raise NotImplementedError

    def ingest_batch(self, records: Sequence[RecordIn]) -> BatchResult:
        """Ingest many records in chunks; invalid ones are listed in ``rejected``."""
        raise NotImplementedError

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
        raise NotImplementedError

    def customer(self, customer_id: str) -> Customer:
        """The merged customer; an alias id answers with the survivor. Raises NotFound."""
        raise NotImplementedError

    def erase(self, provider: str, external_id: str) -> ErasureResult:
        """Erase a record's personal data and links, re-resolve. Raises NotFound."""
        raise NotImplementedError

    def allow_replay(self, provider: str, external_id: str) -> None:
        """Let an erased record be ingested again. Raises NotFound."""
        raise NotImplementedError

    def conflicts(
        self, status: str | None = None, *, limit: int = 100, offset: int = 0
    ) -> list[ConflictView]:
        raise NotImplementedError

    def decide(self, conflict_id: str, decision: DecisionIn) -> DecisionResult:
        """Apply a human decision. Raises NotFound or InvalidDecision."""
        raise NotImplementedError

    def generic_identifiers(self) -> list[GenericIdentifier]:
        raise NotImplementedError

    def stats(self) -> Stats:
        raise NotImplementedError
