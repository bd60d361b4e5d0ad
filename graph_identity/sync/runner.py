"""Running a sync: every stream of every connector, page by page, cursor after commit.

For each stream: read its cursor; resume an unfinished run from its saved position (with the
bound that run started from), else start at the first page, fetching everything (``full``)
or what changed since the watermark (minus ``overlap``, for clocks that disagree) or since
``--since``. Each page's objects are adapted and normalized (a bad object is an error and the
rest of the page goes on), ingested with :meth:`IdentityService.ingest_normalized`, and only
then is the cursor moved to the next page. A page that cannot be fetched after the client's
retries stops that stream (an error; its cursor still points at that page) and the sync goes
on with the next stream.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from graph_identity.adapters import AdapterError
from graph_identity.errors import RecordRejected
from graph_identity.identifiers import NormalizedRecord
from graph_identity.results import Action, BatchMetrics, IngestResult
from graph_identity.service import IdentityService
from graph_identity.sync.base import Connector, Page, PageError, Stream, object_id
from graph_identity.sync.cursors import DONE, RUNNING, Cursor, CursorKey, CursorStore

DEFAULT_OVERLAP = timedelta(minutes=1)
MAX_ISSUES = 1000
"""Issues kept per provider report (the counts go on; the list would only grow)."""


def iso(moment: datetime) -> str:
    """A UTC time as ISO 8601 with a ``Z`` (the form every cursor keeps)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class SyncOptions:
    """``full`` fetches everything; ``since`` (UTC) overrides the saved watermark of
    time-based streams; ``restart`` ignores an unfinished run's position."""

    full: bool = False
    since: datetime | None = None
    restart: bool = False
    overlap: timedelta = DEFAULT_OVERLAP


@dataclass(frozen=True, slots=True)
class SyncIssue:
    """A problem with one object or page: ids and reasons only, never personal values."""

    stream: str
    object_id: str | None
    reason: str


@dataclass(slots=True)
class _Counts:
    fetched: int = 0
    errors: int = 0
    skipped: int = 0
    actions: Counter[Action] = field(default_factory=Counter)

    def metrics(self) -> BatchMetrics:
        return BatchMetrics.of(self.fetched, self.actions, self.errors)


@dataclass(frozen=True, slots=True)
class StreamReport:
    name: str
    metrics: BatchMetrics
    pages: int
    skipped: int
    resumed: bool
    mode: str
    """``full``, ``incremental`` or ``resumed``."""
    failed: bool
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Objects fetched per second."""
        return self.metrics.fetched / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class ProviderReport:
    provider: str
    account: str
    streams: list[StreamReport]
    issues: list[SyncIssue]
    seconds: float

    @property
    def metrics(self) -> BatchMetrics:
        return sum_metrics(s.metrics for s in self.streams)

    @property
    def failed(self) -> bool:
        return any(s.failed for s in self.streams)

    @property
    def rate(self) -> float:
        """Objects fetched per second."""
        return self.metrics.fetched / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """After each committed page: the provider's totals so far."""

    provider: str
    stream: str
    pages: int
    metrics: BatchMetrics


ProgressCallback = Callable[[SyncProgress], None]


def sum_metrics(parts: Iterable[BatchMetrics]) -> BatchMetrics:
    total: Counter[str] = Counter()
    for part in parts:
        total.update(part.model_dump())
    return BatchMetrics(**total)


class SyncRunner:
    """Syncs connectors into one service, with cursors in the same database."""

    def __init__(self, service: IdentityService, options: SyncOptions | None = None) -> None:
        self.service = service
        self.options = options or SyncOptions()
        self.cursors = CursorStore(service.driver, service.settings.neo4j_database)

    def run(
        self, connector: Connector, on_progress: ProgressCallback | None = None
    ) -> ProviderReport:
        started = time.monotonic()
        issues: list[SyncIssue] = []
        reports: list[StreamReport] = []
        done = BatchMetrics()
        for stream in connector.streams():
            key = CursorKey(connector.provider, connector.account, stream.name)
            report = self._stream(key, stream, issues, done, on_progress)
            reports.append(report)
            done = sum_metrics([done, report.metrics])
        return ProviderReport(
            provider=connector.provider,
            account=connector.account,
            streams=reports,
            issues=issues[:MAX_ISSUES],
            seconds=time.monotonic() - started,
        )

    def _start(self, key: CursorKey, stream: Stream) -> tuple[Cursor, str]:
        """The cursor this run starts from, and its mode."""
        saved = self.cursors.read(key)
        now = iso(datetime.now(UTC))
        if saved is not None and saved.status == RUNNING and not self.options.restart:
            return saved, "resumed"
        if self.options.full or (saved is None and self.options.since is None):
            return Cursor(status=RUNNING, run_started=now), "full"
        versioned = getattr(stream, "versioned", False)
        if self.options.since is not None and not versioned:
            since = iso(self.options.since)
        elif saved is None or saved.watermark is None:
            return Cursor(status=RUNNING, run_started=now), "full"
        elif versioned:
            since = saved.watermark
        else:
            since = iso(parse_iso(saved.watermark) - self.options.overlap)
        return (
            Cursor(status=RUNNING, run_since=since, run_started=now, watermark=saved.watermark)
            if saved is not None
            else Cursor(status=RUNNING, run_since=since, run_started=now)
        ), "incremental"

    def _stream(
        self,
        key: CursorKey,
        stream: Stream,
        issues: list[SyncIssue],
        before: BatchMetrics,
        on_progress: ProgressCallback | None,
    ) -> StreamReport:
        started = time.monotonic()
        cursor, mode = self._start(key, stream)
        counts = _Counts()
        pages = 0
        watermark = cursor.watermark
        position = cursor.position
        failed = False
        while True:
            try:
                page = stream.fetch(position, cursor.run_since)
            except PageError as exc:
                counts.errors += 1
                issues.append(SyncIssue(stream.name, None, str(exc)))
                failed = True
                break
            pages += 1
            self._ingest(stream, page, counts, issues)
            watermark = page.watermark or watermark
            position = page.next
            if position is None:
                break
            cursor = Cursor(
                status=RUNNING,
                position=position,
                run_since=cursor.run_since,
                run_started=cursor.run_started,
                watermark=watermark,
            )
            self.cursors.save(key, cursor)
            if on_progress is not None:
                on_progress(self._progress(key, pages, before, counts))
        if not failed:
            final = watermark if getattr(stream, "versioned", False) else cursor.run_started
            self.cursors.save(
                key, Cursor(status=DONE, run_started=cursor.run_started, watermark=final)
            )
            if on_progress is not None:
                on_progress(self._progress(key, pages, before, counts))
        return StreamReport(
            name=stream.name,
            metrics=counts.metrics(),
            pages=pages,
            skipped=counts.skipped,
            resumed=mode == "resumed",
            mode=mode,
            failed=failed,
            seconds=time.monotonic() - started,
        )

    @staticmethod
    def _progress(
        key: CursorKey, pages: int, before: BatchMetrics, counts: _Counts
    ) -> SyncProgress:
        totals = sum_metrics([before, counts.metrics()])
        return SyncProgress(key.provider, key.stream, pages, totals)

    def _ingest(self, stream: Stream, page: Page, counts: _Counts, issues: list[SyncIssue]) -> None:
        counts.fetched += len(page.objects) + page.skipped
        counts.skipped += page.skipped
        for reason in page.errors:
            counts.errors += 1
            issues.append(SyncIssue(stream.name, None, reason))
        batch: list[tuple[Mapping[str, Any], NormalizedRecord]] = []
        for obj in page.objects:
            try:
                record = stream.to_record(obj)
                if stream.partial:
                    record = record.model_copy(update={"partial": True})
                batch.append((obj, self.service.normalize(record)))
            except (AdapterError, RecordRejected) as exc:
                counts.errors += 1
                issues.append(SyncIssue(stream.name, _id(obj), str(exc)))
        if not batch:
            return
        outcomes = self.service.ingest_normalized([record for _, record in batch])
        for (obj, _), outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, IngestResult):
                counts.actions[outcome.action] += 1
            else:
                counts.errors += 1
                issues.append(SyncIssue(stream.name, _id(obj), str(outcome)))


def _id(obj: Mapping[str, Any]) -> str | None:
    return object_id(obj, "id", "Id", "AmazonOrderId", "orderId", "shipmentId")
