"""What the library answers: typed results shared by the CLI and the HTTP API."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Action(StrEnum):
    CREATED = "created"
    LINKED = "linked"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    AMBIGUOUS = "ambiguous"
    MERGED = "merged"


class MatchedIdentifier(_Out):
    kind: str
    masked: str


class FieldError(_Out):
    loc: list[str | int]
    msg: str


class IngestResult(_Out):
    """The outcome for one record. ``customer_id`` is None only when ``ambiguous`` (held)."""

    record: str
    customer_id: str | None
    action: Action
    matched_by: list[MatchedIdentifier] = Field(default_factory=list)
    candidates: list[str] = Field(default_factory=list)
    conflict_id: str | None = None
    warnings: list[FieldError] = Field(default_factory=list)


class ErasedRecord(_Out):
    """A record refused because it was erased and not re-allowed: nothing of it was written."""

    record: str


class RejectedRecord(_Out):
    index: int
    record: str | None
    errors: list[FieldError]


class BatchMetrics(_Out):
    fetched: int = 0
    created: int = 0
    updated: int = 0
    linked: int = 0
    unchanged: int = 0
    ambiguous: int = 0
    merged: int = 0
    errors: int = 0

    @classmethod
    def of(cls, fetched: int, actions: Mapping[Action, int], errors: int) -> BatchMetrics:
        """Counts per action (the ingest results' ``action``) into the metrics."""
        return cls(
            fetched=fetched,
            created=actions.get(Action.CREATED, 0),
            updated=actions.get(Action.UPDATED, 0),
            linked=actions.get(Action.LINKED, 0),
            unchanged=actions.get(Action.UNCHANGED, 0),
            ambiguous=actions.get(Action.AMBIGUOUS, 0),
            merged=actions.get(Action.MERGED, 0),
            errors=errors,
        )


class BatchResult(_Out):
    results: list[IngestResult]
    rejected: list[RejectedRecord] = Field(default_factory=list)
    metrics: BatchMetrics


class ResolveStatus(StrEnum):
    FOUND = "found"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"


class ResolveResult(_Out):
    status: ResolveStatus
    customer_id: str | None = None
    candidates: list[str] = Field(default_factory=list)
    matched_by: list[MatchedIdentifier] = Field(default_factory=list)


class OrderMetrics(_Out):
    order_count: int = 0
    order_total: Decimal = Decimal("0")
    first_order_at: datetime | None = None
    last_order_at: datetime | None = None


class DecisionView(_Out):
    id: str
    kind: Literal["merge", "assign", "keep_apart"]
    actor: str
    reason: str
    at: datetime
    conflict_id: str | None = None


class HistoryEvent(_Out):
    id: str
    kind: Literal["merge", "split"]
    at: datetime
    from_customers: list[str]
    to_customers: list[str]
    reason: str


class Customer(_Out):
    """The merged customer: golden record, identifiers, records and order metrics."""

    id: str
    requested_id: str | None = None
    aliases: list[str] = Field(default_factory=list)
    records: list[str] = Field(default_factory=list)
    providers: list[str] = Field(default_factory=list)
    first_name: str | None = None
    last_name: str | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    primary_email: str | None = None
    primary_phone: str | None = None
    marketing_consent: bool | None = None
    order_count: int = 0
    order_total: Decimal = Decimal("0")
    first_order_at: datetime | None = None
    last_order_at: datetime | None = None
    orders_by_channel: dict[str, OrderMetrics] = Field(default_factory=dict)
    decisions: list[DecisionView] = Field(default_factory=list)
    history: list[HistoryEvent] = Field(default_factory=list)
    open_conflicts: list[str] = Field(default_factory=list)
    created_at: datetime | None = None


class ConflictView(_Out):
    id: str
    status: Literal["open", "resolved"]
    record: str
    customer_ids: list[str]
    identifiers: list[MatchedIdentifier]
    opened_at: datetime
    reason: str | None = None
    """Why it was not merged: the contradiction, a keep-apart decision, or the policy."""
    resolved_at: datetime | None = None
    decision: DecisionView | None = None


class DecisionResult(_Out):
    conflict_id: str
    decision: DecisionView
    customer_id: str | None


class GenericIdentifier(_Out):
    kind: str
    masked: str
    reason: str
    record_count: int


class ErasureResult(_Out):
    record: str
    customer_id: str | None
    customers_after: list[str]
    identifiers_removed: int


class ProviderStats(_Out):
    provider: str
    records: int
    customers: int


class Stats(_Out):
    customers: int
    records: int
    identifiers: dict[str, int]
    providers: list[ProviderStats]
    conflicts: dict[str, int]
