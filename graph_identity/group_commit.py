"""Group commit: concurrent single-record ingests share one engine chunk and one transaction.

A webhook burst or many ``POST /v1/records`` at once would otherwise each pay a whole write
transaction (a snapshot read, a plan, a commit, a log flush) and contend for the same locks.
:class:`GroupCommit` queues each caller's record; one worker thread takes what arrived within
a short window (or ``max_records``, whichever comes first) and hands it to the service as one
group, which :func:`ingest_group` runs in one managed write transaction. Each caller blocks
on its own future (or awaits it, from asyncio) and gets its own result or its own error.

The protocol, item by item (an item is one caller's record and its ``extra_writes``):

- **Keys:** a group never holds one record key twice; a repeat waits for the next group, so
  two writes of one key commit in the order they arrived (as ``chunks_without_repeats``).
- **Extra writes** run first in the group's transaction, item by item, except that the
  steps of one :class:`BatchedStep` type (a webhook's remembered delivery) run as one
  statement for the whole group. A step that raises (``AlreadyDelivered``: a key is known,
  perhaps from an earlier item of the same group) cannot be undone alone, Neo4j having no
  savepoints; so the group's transaction rolls back and runs again without that item, which
  then runs *alone* once the group committed, through the single-record path: there it
  commits with its record or raises and writes nothing, exactly as without grouping (a group
  of one is that already: its error is the answer). A duplicate delivery in a larger group
  thus costs the group one early rollback (only the remember steps had run) and itself one
  small transaction, and webhook dedup stays in the same transaction as its record.
- **Erased records:** the engine writes nothing of an erased record and answers
  ``ErasedRecord``, so that caller alone gets ``RecordErased``; an erased item that had
  extra writes also rolls the group back and runs alone, so its steps are not committed.
- **A failed group** (an error the driver did not retry away) of several records runs again
  item by item, in arrival order, so one bad record fails only itself; when Neo4j is
  unreachable, every item gets that error at once instead of each waiting out the driver's
  retries again.

The worker starts with the first ingest and ends after :data:`IDLE_SECONDS` without one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from neo4j import ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph_identity.errors import RecordErased
from graph_identity.identifiers import NormalizedRecord
from graph_identity.resolution.engine import ChunkOutcome, ResolutionEngine
from graph_identity.results import ErasedRecord, IngestResult

log = logging.getLogger(__name__)

WriteStep = Callable[[ManagedTransaction], object]
"""A caller's own write, run first in the record's write transaction (it may raise to abort)."""


@runtime_checkable
class BatchedStep(Protocol):
    """A write step that a group runs together with the group's other steps of its type, in
    one statement (:meth:`run_batch`), instead of one round trip per item."""

    def __call__(self, tx: ManagedTransaction) -> object: ...

    @staticmethod
    def run_batch(tx: ManagedTransaction, steps: Sequence[BatchedStep]) -> dict[int, Exception]:
        """Run ``steps`` (all of this type) in ``tx``; what each failed one raised, by index
        into ``steps``."""
        ...


IDLE_SECONDS = 5.0
"""How long the worker thread waits for an ingest before it ends (the next one restarts it)."""


@dataclass(eq=False)
class GroupItem:
    """One caller's record waiting for its group."""

    record: NormalizedRecord
    extra_writes: tuple[WriteStep, ...]
    arrived: float
    future: Future[IngestResult] = field(default_factory=Future)


class RunAlone(Exception):
    """Rolls a group's transaction back: the items at the keys of ``errors`` must run on
    their own; ``errors`` holds what each raised (or ``RecordErased``) in the group."""

    def __init__(self, errors: dict[int, Exception]) -> None:
        super().__init__(f"{len(errors)} item(s) of the group run alone")
        self.errors = errors


def ingest_group(
    tx: ManagedTransaction, engine: ResolutionEngine, items: Sequence[GroupItem]
) -> list[ChunkOutcome]:
    """Every item's extra writes, then one engine chunk of their records, in ``tx``.

    Raises :class:`RunAlone` (rolling ``tx`` back) for the items whose extra write raised a
    non-driver error and for erased records that had extra writes; driver and server errors
    propagate, so the driver retries the whole group as it would any transaction.
    """
    failed: dict[int, Exception] = {}
    batched: dict[type, list[tuple[int, BatchedStep]]] = {}
    for index, item in enumerate(items):
        try:
            for write in item.extra_writes:
                if isinstance(write, BatchedStep):
                    batched.setdefault(type(write), []).append((index, write))
                else:
                    write(tx)
        except (DriverError, Neo4jError):
            raise
        except Exception as exc:
            failed[index] = exc
    for steps in batched.values():
        errors = steps[0][1].run_batch(tx, [step for _, step in steps])
        for position, error in errors.items():
            failed.setdefault(steps[position][0], error)
    if failed:
        raise RunAlone(failed)
    outcomes = engine.ingest_chunk(tx, [item.record for item in items])
    erased: dict[int, Exception] = {
        index: RecordErased(outcome.record)
        for index, (item, outcome) in enumerate(zip(items, outcomes, strict=True))
        if item.extra_writes and isinstance(outcome, ErasedRecord)
    }
    if erased:
        raise RunAlone(erased)
    return outcomes


class GroupCommit:
    """Coalesces concurrent :meth:`ingest` calls into groups (see the module's docstring).

    ``write_group`` runs :func:`ingest_group` for a group in one managed write transaction;
    ``ingest_alone`` is the single-record path (its own transaction, raising on failure).
    """

    def __init__(
        self,
        write_group: Callable[[Sequence[GroupItem]], list[ChunkOutcome]],
        ingest_alone: Callable[[NormalizedRecord, tuple[WriteStep, ...]], IngestResult],
        *,
        window_seconds: float,
        max_records: int,
        on_commit: Callable[[int, float], None] | None = None,
    ) -> None:
        """``on_commit(records, seconds)`` hears of every group once it is settled (its
        records answered, alone ones included): for metrics."""
        self._on_commit = on_commit
        self._write_group = write_group
        self._ingest_alone = ingest_alone
        self._window = window_seconds
        self._max = max_records
        self._pending: list[GroupItem] = []
        self._changed = threading.Condition()
        self._running = False

    def ingest(self, record: NormalizedRecord, extra_writes: tuple[WriteStep, ...]) -> IngestResult:
        """Queue the record for the next group and wait for its own result or error."""
        return self.submit(record, extra_writes).result()

    def submit(
        self, record: NormalizedRecord, extra_writes: tuple[WriteStep, ...]
    ) -> Future[IngestResult]:
        """Queue the record for the next group; the future holds its own result or error
        (an asyncio caller awaits it with :func:`asyncio.wrap_future`)."""
        item = GroupItem(record, extra_writes, time.monotonic())
        with self._changed:
            self._pending.append(item)
            if not self._running:
                self._running = True
                threading.Thread(target=self._work, name="group-commit", daemon=True).start()
            self._changed.notify()
        return item.future

    def _work(self) -> None:
        while (group := self._next_group()) is not None:
            started, records = time.monotonic(), len(group)
            self._commit(group)
            if self._on_commit is not None:
                self._on_commit(records, time.monotonic() - started)

    def _next_group(self) -> list[GroupItem] | None:
        """The next group once its window closed or it is full; None after an idle spell."""
        with self._changed:
            if not self._changed.wait_for(lambda: bool(self._pending), IDLE_SECONDS):
                self._running = False
                return None
            deadline = self._pending[0].arrived + self._window
            while len(self._pending) < self._max and (left := deadline - time.monotonic()) > 0:
                self._changed.wait(left)
            group: list[GroupItem] = []
            later: list[GroupItem] = []
            keys: set[str] = set()
            for item in self._pending:
                if len(group) < self._max and item.record.key not in keys:
                    group.append(item)
                    keys.add(item.record.key)
                else:
                    later.append(item)
            self._pending = later
            return group

    def _commit(self, group: list[GroupItem]) -> None:
        alone: list[GroupItem] = []
        try:
            while group:
                try:
                    outcomes = self._write_group(group)
                except RunAlone as exc:
                    if len(group) == 1:  # its own transaction already: that is its answer
                        group[0].future.set_exception(exc.errors[0])
                        group = []
                        continue
                    alone.extend(group[index] for index in exc.errors)
                    group = [item for item in group if item not in alone]
                    continue
                log.debug("group committed: %d records", len(group))
                for item, outcome in zip(group, outcomes, strict=True):
                    if isinstance(outcome, ErasedRecord):
                        item.future.set_exception(RecordErased(outcome.record))
                    else:
                        item.future.set_result(outcome)
                group = []
        except (ServiceUnavailable, SessionExpired) as exc:
            for item in [*group, *alone]:
                item.future.set_exception(exc)
            return
        except Exception as exc:
            if len(group) == 1:  # alone already: running it again would only repeat the error
                group[0].future.set_exception(exc)
                group = []
            else:
                log.warning(
                    "a group of %d records failed (%s); ingesting them one by one",
                    len(group),
                    type(exc).__name__,
                )
                alone.extend(group)
        for item in sorted(alone, key=lambda i: i.arrived):
            try:
                item.future.set_result(self._ingest_alone(item.record, item.extra_writes))
            except Exception as exc:
                item.future.set_exception(exc)
