"""Replay protection: remember each delivery in the SAME transaction as its record's ingest.

Why one transaction: remembering first (in its own transaction) and crashing before the
ingest would leave a delivery answered ``duplicate`` forever whose record was never
written; remembering after could leave the record written and the delivery forgotten (a
harmless re-ingest, but a second answer ``processed``). The service runs the remembering as
an ``extra_writes`` step of the record's own managed write transaction, so both commit or
neither does, and a provider retry after any crash is either a duplicate of a committed
delivery or processed afresh.

A duplicate rolls the transaction back, so a repeat writes nothing at all. Two concurrent
copies of one delivery serialize on the key's uniqueness constraint: the second waits for
the first to commit and then sees the key.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from neo4j import ManagedTransaction

from graph_identity.errors import GraphIdentityError
from graph_identity.group_commit import BatchedStep
from graph_identity.identifiers import NormalizedRecord
from graph_identity.results import IngestResult
from graph_identity.service import IdentityService, WriteStep
from graph_identity.store import cypher


class AlreadyDelivered(GraphIdentityError):
    """One of the delivery's replay keys is remembered: the delivery was processed before."""


@dataclass(frozen=True)
class RememberDelivery:
    """A write step that remembers one delivery's keys, or raises :class:`AlreadyDelivered`.

    Group commit runs the steps of a whole group as one statement (:meth:`run_batch`)
    rather than one round trip per delivery."""

    keys: tuple[str, ...]
    provider: str
    topic: str | None

    def __call__(self, tx: ManagedTransaction) -> None:
        if self.run_batch(tx, [self]):
            raise AlreadyDelivered

    @staticmethod
    def run_batch(tx: ManagedTransaction, steps: Sequence[BatchedStep]) -> dict[int, Exception]:
        """Remember every delivery; :class:`AlreadyDelivered` by index for the known ones."""
        deliveries = [
            {
                "index": index,
                "keys": sorted(step.keys),
                "provider": step.provider,
                "topic": step.topic,
                "attempt": uuid.uuid4().hex,
            }
            for index, step in enumerate(steps)
            if isinstance(step, RememberDelivery)
        ]
        rows = tx.run(
            cypher.load("webhooks/remember_delivery"),
            deliveries=deliveries,
            now=datetime.now(UTC),
        )
        return {row["index"]: AlreadyDelivered() for row in rows if row["known"]}


def remember_delivery(keys: Sequence[str], provider: str, topic: str | None) -> WriteStep:
    """The step remembering a delivery's ``keys`` (see :class:`RememberDelivery`)."""
    return RememberDelivery(tuple(keys), provider, topic)


def ingest_once(
    service: IdentityService,
    keys: Sequence[str],
    provider: str,
    topic: str | None,
    record: NormalizedRecord,
) -> IngestResult:
    """Ingest ``record`` unless a key is remembered; both in one managed write transaction.

    Raises :class:`AlreadyDelivered` or ``RecordErased``; either way nothing is written.
    """
    return service.ingest(record, extra_writes=[remember_delivery(keys, provider, topic)])
