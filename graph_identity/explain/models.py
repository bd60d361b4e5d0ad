"""What an explanation answers, as JSON: typed sections plus a nodes-and-edges graph.

Identifiers appear only masked (``kind`` + ``masked``) and are named by an id local to one
explanation (``i1``, ``i2``…), never by their value. ``canonical`` (an address's normalized
text, personal data) is filled only when the caller asked for it explicitly.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from graph_identity.store.values import in_utc

Instant = Annotated[datetime, AfterValidator(in_utc)]
"""A stored time, in UTC: one an older graph kept as a LOCAL DATETIME (no offset in its
text) is read as UTC, so explanations never sort naive and aware times together."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class RecordView(_Model):
    key: str
    provider: str
    external_id: str
    customer_id: str | None
    status: str | None
    first_seen: Instant | None
    last_seen: Instant | None


class IdentifierView(_Model):
    id: str
    kind: str
    masked: str
    generic: bool
    generic_reason: str | None
    canonical: str | None = None


class LinkView(_Model):
    """A record → identifier edge: ``live`` (HAS) or history (HAD), with provenance."""

    record: str
    identifier: str
    live: bool
    provider: str | None
    rule: str | None
    first_seen: Instant | None
    last_seen: Instant | None
    removed_at: Instant | None = None


class DecisionRef(_Model):
    id: str
    kind: str
    actor: str
    reason: str
    at: Instant
    conflict_id: str | None = None


class DecisionInfo(DecisionRef):
    """A human decision and what it names: ``concerns`` (its conflict's record), ``joins``,
    ``assigns``, ``to_customers`` and ``apart`` (side → records).
    """

    concerns: str | None = None
    joins: list[str] = Field(default_factory=list)
    assigns: list[str] = Field(default_factory=list)
    to_customers: list[str] = Field(default_factory=list)
    apart: dict[str, list[str]] = Field(default_factory=dict)

    def ref(self) -> DecisionRef:
        return DecisionRef(**self.model_dump(include=set(DecisionRef.model_fields)))


class EventInfo(_Model):
    id: str
    kind: str
    at: Instant
    reason: str | None
    from_ids: list[str]
    to_ids: list[str]
    decision_id: str | None = None


class ConflictInfo(_Model):
    id: str
    opened_at: Instant
    record: str | None
    candidates: list[str]
    bridged_by: list[str]


class TombstoneInfo(_Model):
    key: str
    erased_at: Instant | None = None
    replay_allowed: bool | None = None


class HopEnd(_Model):
    """One side of a hop: the record and how it holds the shared identifier."""

    record: str
    provider: str | None = None
    rule: str | None = None
    first_seen: Instant | None = None
    last_seen: Instant | None = None


class Hop(_Model):
    """Two records tied by one shared identifier or by one merge decision."""

    from_record: str
    to_record: str
    via: Literal["identifier", "decision"]
    kind: str
    masked: str | None = None
    identifier: str | None = None
    generic: bool = False
    generic_reason: str | None = None
    decision: DecisionRef | None = None
    ends: list[HopEnd]


class Chain(_Model):
    """One record's place in the spanning tree rooted at the customer's oldest record.

    ``tie``: ``oldest`` (the root), ``chain`` (``hop`` ties it to ``parent``, the next record
    on its shortest chain to the root; following parents gives the whole chain, ``depth`` hops
    long), ``assigned`` (a human assigned it: ``decision_id``), ``unconnected`` (nothing does).
    """

    record: str
    tie: Literal["oldest", "chain", "assigned", "unconnected"]
    parent: str | None = None
    depth: int = 0
    hop: Hop | None = None
    decision_id: str | None = None


NodeType = Literal["customer", "record", "identifier", "decision", "event", "conflict", "tombstone"]


class GraphNode(_Model):
    id: str
    type: NodeType
    label: str
    properties: dict[str, Any] = Field(default_factory=dict)


class GraphEdge(_Model):
    source: str
    target: str
    type: str
    properties: dict[str, Any] = Field(default_factory=dict)


class CustomerExplanation(_Model):
    customer_id: str
    requested_id: str | None = None
    status: str | None
    created_at: Instant | None
    aliases: list[str]
    oldest_record: str | None
    records: list[RecordView]
    identifiers: list[IdentifierView]
    links: list[LinkView]
    chains: list[Chain]
    decisions: list[DecisionInfo]
    events: list[EventInfo]
    open_conflicts: list[ConflictInfo]
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class ReasonCode(StrEnum):
    """Why two records are not one customer."""

    ERASED = "erased"
    KEEP_APART = "keep_apart"
    OPEN_CONFLICT = "open_conflict"
    ASSIGNED = "assigned"
    GENERIC_IDENTIFIER_ONLY = "generic_identifier_only"
    SHARED_BY_CONTRADICTING_RECORDS = "shared_by_contradicting_records"
    DIFFERENT_CUSTOMERS_NO_PATH = "different_customers_no_path"
    UNEXPLAINED = "unexplained"


class WhyNot(_Model):
    code: ReasonCode
    text: str
    decision: DecisionRef | None = None
    conflict_id: str | None = None
    identifiers: list[IdentifierView] = Field(default_factory=list)
    erased: list[str] = Field(default_factory=list)


class PairExplanation(_Model):
    """``path``: the shortest chain from ``a`` to ``b`` — for ``same_customer`` the one that
    joins them; otherwise the chain that did not (e.g. through a generic identifier, or an
    identifier whose holders' names or dates of birth contradict), or empty.
    """

    a: str
    b: str
    same_customer: bool
    customer_a: str | None
    customer_b: str | None
    path: list[Hop]
    reason: WhyNot | None
    identifiers: list[IdentifierView]
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class BrowserQuery(_Model):
    """The Cypher that shows an explanation's subgraph in Neo4j Browser.

    ``browser_script`` is ready to paste: ``:param`` lines, then the query.
    """

    cypher: str
    params: dict[str, str]
    browser_script: str
