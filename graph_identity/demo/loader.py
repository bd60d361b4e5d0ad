"""Loading the demo data set through :class:`IdentityService`, idempotently.

Only the library writes: batches of records, one human decision (the family mailbox's
conflict: keep apart), one erasure. A second run finds every record unchanged, the erased
record refused (its tombstone holds), no open conflict left to decide and nothing left to
erase, so the graph stays as it was.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graph_identity.config import Policy
from graph_identity.decisions import DecisionIn
from graph_identity.demo.dataset import (
    DECISION_ACTOR,
    DECISION_REASON,
    DEFAULT_SEED,
    ERASED_KEY,
    MAILBOX_SECOND_KEY,
    build_dataset,
)
from graph_identity.errors import GraphIdentityError, NotFound
from graph_identity.models import RecordIn
from graph_identity.results import Stats
from graph_identity.service import IdentityService

PAGE = 500


@dataclass
class DemoSummary:
    """What one run did (actions per record) and what the graph holds afterwards."""

    records_sent: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    refused_erased: int = 0
    decided: bool = False
    erased: bool = False
    stats: Stats | None = None
    generic_identifiers: int = 0


class DemoRefused(GraphIdentityError):
    """The service's settings cannot show the demo's story (e.g. the connected policy)."""


def _ingest(service: IdentityService, records: list[RecordIn], summary: DemoSummary) -> None:
    result = service.ingest_batch(records)
    summary.records_sent += len(records)
    summary.actions.update(str(r.action) for r in result.results)
    for rejected in result.rejected:
        if rejected.record != ERASED_KEY:
            fields = ", ".join(".".join(map(str, e.loc)) or "record" for e in rejected.errors)
            raise DemoRefused(f"demo record {rejected.record} was refused (fields: {fields})")
        summary.refused_erased += 1


def _decide_mailbox_conflict(service: IdentityService) -> bool:
    """Keep the family mailbox's two members apart if their conflict is still open; False
    when already decided."""
    offset = 0
    while page := service.conflicts("open", limit=PAGE, offset=offset):
        for conflict in page:
            if conflict.record == MAILBOX_SECOND_KEY:
                decision = DecisionIn(
                    decision="keep_apart", actor=DECISION_ACTOR, reason=DECISION_REASON
                )
                service.decide(conflict.id, decision)
                return True
        offset += PAGE
    return False


def _erase(service: IdentityService) -> bool:
    provider, external_id = ERASED_KEY.split(":", 1)
    try:
        service.erase(provider, external_id)
    except NotFound:
        return False
    return True


def load_demo(service: IdentityService, *, seed: int = DEFAULT_SEED) -> DemoSummary:
    """Load (or re-load, changing nothing) the demo data set; returns a summary."""
    if service.settings.policy is not Policy.STRICT:
        raise DemoRefused("the demo needs GRAPH_IDENTITY_POLICY=strict to show its conflicts")
    walk_ins = service.settings.max_records_per_phone + 5
    dataset = build_dataset(seed, walk_ins=walk_ins)
    summary = DemoSummary()
    for stage in (dataset.people, dataset.bridges, dataset.walk_ins):
        _ingest(service, stage, summary)
    summary.decided = _decide_mailbox_conflict(service)
    summary.erased = _erase(service)
    summary.stats = service.stats()
    summary.generic_identifiers = len(service.generic_identifiers())
    return summary
