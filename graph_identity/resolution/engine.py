"""Ingesting chunks of normalized records: one managed write transaction per chunk.

Each chunk is atomic (all its records or none) and retried by the driver on transient
errors such as deadlocks; a retry re-reads the graph, so it plans again from fresh state.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from neo4j import Driver, ManagedTransaction

from graph_identity.config import Settings
from graph_identity.errors import RecordErased
from graph_identity.identifiers import NormalizedRecord
from graph_identity.resolution.components import resolve_splits
from graph_identity.resolution.planner import Planner, PlannerConfig
from graph_identity.resolution.snapshot import read_snapshot
from graph_identity.resolution.writer import write_plan
from graph_identity.results import IngestResult
from graph_identity.store import cypher

log = logging.getLogger(__name__)

ChunkOutcome = IngestResult | RecordErased


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
    def __init__(self, driver: Driver, settings: Settings) -> None:
        self.driver = driver
        self.database = settings.neo4j_database
        self.config = PlannerConfig(
            policy=settings.policy,
            limits={kind: settings.limit_for(kind) for kind in ("email", "phone", "address")},
        )

    def ingest(
        self, records: Sequence[NormalizedRecord], *, chunk_size: int, allow_replay: bool = False
    ) -> list[ChunkOutcome]:
        outcomes: list[ChunkOutcome] = []
        for chunk in chunks_without_repeats(records, chunk_size):
            with self.driver.session(
                database=self.database,
                bookmark_manager=self.driver.execute_query_bookmark_manager,
            ) as session:
                outcomes.extend(session.execute_write(self.ingest_chunk, chunk, allow_replay))
        return outcomes

    def ingest_chunk(
        self, tx: ManagedTransaction, records: list[NormalizedRecord], allow_replay: bool
    ) -> list[ChunkOutcome]:
        """Resolve and write one chunk inside the caller's write transaction (so a caller can
        commit other writes atomically with it, as webhooks do with their delivery record).
        Record keys must not repeat within the chunk (see :func:`chunks_without_repeats`)."""
        now = datetime.now(UTC)
        identifiers = [i for record in records for i in record.identifiers]
        snapshot = read_snapshot(tx, [r.key for r in records], identifiers, now)
        planner = Planner(snapshot, self.config, now)
        outcomes: list[ChunkOutcome] = []
        replayed = []
        for record in records:
            if snapshot.records[record.key].erased:
                if not allow_replay:
                    outcomes.append(RecordErased(record.key))
                    continue
                replayed.append(record.key)
            outcomes.append(planner.plan_record(record))
        plan = planner.finish()
        write_plan(tx, plan)
        if replayed:
            tx.run(cypher.load("resolution/delete_tombstones"), keys=replayed).consume()
        splits = resolve_splits(tx, plan.split_checks, plan.moved_to, now)
        moved = {key: str(s["new_customer"]) for s in splits.splits for key in s["records"]}
        outcomes = [
            o.model_copy(update={"customer_id": moved[o.record]})
            if isinstance(o, IngestResult) and o.record in moved
            else o
            for o in outcomes
        ]
        log.debug(
            "chunk planned: %d records, %d merges, %d conflicts, %d splits",
            len(records),
            len(plan.merges),
            len(plan.conflicts),
            len(splits.splits),
        )
        return outcomes
