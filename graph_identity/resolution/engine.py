"""Resolving a chunk of normalized records inside a write transaction its caller owns.

The engine opens no session and no transaction: :class:`graph_identity.service.IdentityService`
is the one owner of write transactions, so a caller's own writes (a webhook's remembered
delivery) commit or roll back with the records, and every write is retried the same way.
A chunk is atomic; a retry re-reads the graph, so it plans again from fresh state.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from neo4j import ManagedTransaction

from graph_identity.config import Settings
from graph_identity.identifiers import NormalizedRecord
from graph_identity.resolution.components import resolve_splits
from graph_identity.resolution.planner import Planner, PlannerConfig
from graph_identity.resolution.snapshot import read_snapshot
from graph_identity.resolution.writer import write_plan
from graph_identity.results import ErasedRecord, IngestResult
from graph_identity.store import cypher

log = logging.getLogger(__name__)

ChunkOutcome = IngestResult | ErasedRecord


def chunks_without_repeats(
    records: Sequence[NormalizedRecord], size: int
) -> Iterator[list[NormalizedRecord]]:
    """Chunks of at most ``size`` in which no record key repeats (a repeat starts a chunk)."""
    chunk: list[NormalizedRecord] = []
    keys: set[str] = set()
    for record in records:
        if len(chunk) >= size or record.key in keys:
            yield chunk
            chunk, keys = [], set()
        chunk.append(record)
        keys.add(record.key)
    if chunk:
        yield chunk


class ResolutionEngine:
    """Plans and writes chunks with the resolution contract of DESIGN.md."""

    def __init__(self, settings: Settings) -> None:
        self.config = PlannerConfig.from_settings(settings)

    def ingest_chunk(
        self, tx: ManagedTransaction, records: list[NormalizedRecord]
    ) -> list[ChunkOutcome]:
        """Resolve and write one chunk in ``tx``; one outcome per record, in order.

        Record keys must not repeat within the chunk (see :func:`chunks_without_repeats`).
        An erased record that was not re-allowed comes back as :class:`ErasedRecord` and
        nothing of it is written, not even its identifiers.
        """
        now = datetime.now(UTC)
        snapshot = read_snapshot(tx, records, now)
        planner = Planner(snapshot, self.config, now)
        outcomes: list[ChunkOutcome] = []
        replayed: list[str] = []
        for record in records:
            state = snapshot.records[record.key]
            if state.erased:
                outcomes.append(ErasedRecord(record=record.key))
                continue
            if state.replay:
                replayed.append(record.key)
            outcomes.append(planner.plan_record(record))
        plan = planner.finish()
        write_plan(tx, plan)
        if replayed:
            tx.run(cypher.load("resolution/delete_tombstones"), keys=replayed).consume()
        splits = resolve_splits(tx, plan.split_checks, plan.moved_to, now)
        moved = {key: str(s["new_customer"]) for s in splits.splits for key in s["records"]}
        log.debug(
            "chunk planned: %d records, %d merges, %d conflicts, %d splits",
            len(records),
            len(plan.merges),
            len(plan.conflicts),
            len(splits.splits),
        )
        return [
            o.model_copy(update={"customer_id": moved[o.record]})
            if isinstance(o, IngestResult) and o.record in moved
            else o
            for o in outcomes
        ]
