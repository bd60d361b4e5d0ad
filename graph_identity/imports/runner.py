"""Importing one file: stream rows, adapt, normalize, ingest in batches, checkpoint.

Each batch of ``batch_size`` rows is normalized and handed to
:meth:`IdentityService.ingest_normalized` (one write transaction per chunk of
``GRAPH_IDENTITY_CHUNK_SIZE`` records); then its rejects are flushed and the checkpoint
moves to the batch's last row. A re-run of an unfinished import resumes after the
checkpoint; a re-run of a finished one reads the whole file again, which is an idempotent
re-sync (unchanged records stay ``unchanged``).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from graph_identity.adapters import ADAPTERS, AdapterError, AdapterSpec, FileFormat, RowAdapter
from graph_identity.adapters.envelopes import page_items
from graph_identity.adapters.flat import COLUMNS as FLAT_COLUMNS
from graph_identity.adapters.flat import flat_row_to_record
from graph_identity.errors import RecordRejected
from graph_identity.identifiers import FieldIssue, NormalizedRecord
from graph_identity.imports.checkpoint import DONE, RUNNING, CheckpointStore, ImportIdentity
from graph_identity.imports.errors import ImportInputError
from graph_identity.imports.mapping import ColumnMap
from graph_identity.imports.readers import RowFile
from graph_identity.imports.rejects import STORED_WITHOUT, RejectsFile, rejects_path_for
from graph_identity.models import record_key
from graph_identity.results import Action, BatchMetrics, ErasedRecord
from graph_identity.service import IdentityService

FORMATS: tuple[FileFormat, ...] = ("csv", "jsonl", "json")
_SUFFIXES: dict[str, FileFormat] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where a running import is: ``row`` is the last row handled (counting resumed ones)."""

    row: int
    bytes_read: int
    total_bytes: int
    metrics: BatchMetrics


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one run did. ``metrics.fetched`` counts the rows read by this run (after
    ``resumed_after``, the last row an interrupted earlier run had committed);
    ``metrics.errors`` the rows rejected, ``stored_without`` the rows stored without some
    invalid values (both listed in the rejects file)."""

    path: Path
    provider: str
    fmt: str
    metrics: BatchMetrics
    rejects_path: Path
    resumed_after: int
    seconds: float
    stored_without: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Rows per second of this run."""
        return self.metrics.fetched / self.seconds if self.seconds > 0 else 0.0


ERASED = "record was erased; re-allow it to import it again"
ProgressCallback = Callable[[ImportProgress], None]


def file_format(path: Path, fmt: str | None) -> FileFormat:
    """The format asked for, or the one the file name says."""
    if fmt is None:
        by_suffix = _SUFFIXES.get(path.suffix.lower())
        if by_suffix is None:
            message = "cannot tell from the file name; give csv, jsonl or json"
            raise ImportInputError("format", message)
        return by_suffix
    for known in FORMATS:
        if fmt == known:
            return known
    raise ImportInputError("format", f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def _spec(provider: str) -> AdapterSpec:
    try:
        return ADAPTERS[provider]
    except KeyError:
        known = ", ".join(ADAPTERS)
        message = f"unknown provider {provider!r}; known: {known}"
        raise ImportInputError("provider", message) from None


def _reads_flat_csv(adapter: RowAdapter) -> bool:
    return isinstance(adapter, partial) and adapter.func is flat_row_to_record


class _Batch:
    def __init__(self) -> None:
        self.records: list[tuple[int, NormalizedRecord]] = []
        self.last_row = 0
        self.rows = 0


class _Totals:
    def __init__(self) -> None:
        self.actions: Counter[Action] = Counter()
        self.fetched = 0
        self.errors = 0
        self.warnings = 0

    def metrics(self) -> BatchMetrics:
        return BatchMetrics.of(self.fetched, self.actions, self.errors)


@dataclass(frozen=True, slots=True)
class ImportJob:
    """A validated import: what to read and how (no database touched yet)."""

    path: Path
    provider: str
    fmt: FileFormat
    kind: str | None
    adapter: RowAdapter
    batch_size: int
    column_map: ColumnMap | None
    column_map_spec: str
    rejects_path: Path


def prepare_import(
    path: Path | str,
    *,
    provider: str,
    fmt: str | None = None,
    kind: str | None = None,
    batch_size: int = 1000,
    column_map: str | None = None,
    rejects_path: Path | str | None = None,
) -> ImportJob:
    """Check the options and the file's presence. Raises :class:`ImportInputError`.

    The rejects file goes to ``rejects_path``, else next to the input, else (the input's
    directory is read-only) to the current directory."""
    path = Path(path)
    spec = _spec(provider)
    chosen = file_format(path, fmt)
    if not path.is_file():
        raise ImportInputError("path", "no such file")
    if batch_size < 1:
        raise ImportInputError("batch_size", "must be at least 1")
    try:
        adapter = spec.row_adapter(chosen, kind)
    except ValueError as exc:
        raise ImportInputError("kind", str(exc)) from None
    mapping = ColumnMap.parse(column_map) if column_map else None
    if mapping is not None and chosen != "csv":
        raise ImportInputError("map", "a column map applies to CSV files only")
    return ImportJob(
        path=path,
        provider=provider,
        fmt=chosen,
        kind=kind,
        adapter=adapter,
        batch_size=batch_size,
        column_map=mapping,
        column_map_spec=column_map or "",
        rejects_path=_rejects_location(path, rejects_path),
    )


def _rejects_location(path: Path, chosen: Path | str | None) -> Path:
    if chosen is not None:
        target = Path(chosen)
        if not target.parent.is_dir() or not _writable(target.parent):
            raise ImportInputError("rejects", "its directory does not exist or is not writable")
        return target
    beside = rejects_path_for(path)
    return beside if _writable(path.parent) else Path.cwd() / beside.name


def _writable(directory: Path) -> bool:
    """Writable for us, and not marked read-only for everyone (which root would bypass)."""
    return os.access(directory, os.W_OK) and bool(directory.stat().st_mode & 0o222)


def import_file(
    service: IdentityService,
    path: Path | str,
    *,
    provider: str,
    fmt: str | None = None,
    kind: str | None = None,
    batch_size: int = 1000,
    column_map: str | None = None,
    rejects_path: Path | str | None = None,
    restart: bool = False,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import a file of ``provider`` rows. Raises :class:`ImportInputError` for bad input;
    Neo4j driver errors (e.g. ``ServiceUnavailable``) propagate, and a re-run resumes."""
    job = prepare_import(
        path,
        provider=provider,
        fmt=fmt,
        kind=kind,
        batch_size=batch_size,
        column_map=column_map,
        rejects_path=rejects_path,
    )
    return run_import(service, job, restart=restart, on_progress=on_progress)


def run_import(
    service: IdentityService,
    job: ImportJob,
    *,
    restart: bool = False,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Run a prepared import; ``restart`` ignores an unfinished run's checkpoint."""
    started = time.monotonic()
    identity = ImportIdentity.of(
        job.path, provider=job.provider, fmt=job.fmt, kind=job.kind, mapping=job.column_map_spec
    )
    checkpoints = CheckpointStore(service.driver, service.settings.neo4j_database)
    checkpoint = None if restart else checkpoints.read(identity)
    resume_after = checkpoint.last_row if checkpoint and checkpoint.status == RUNNING else 0

    totals = _Totals()
    rejects_path = job.rejects_path
    adapter = job.adapter
    with RowFile(job.path, job.fmt) as rows:
        ignored: list[str] = []
        if job.column_map is not None:
            allowed = FLAT_COLUMNS if _reads_flat_csv(adapter) else None
            ignored = job.column_map.check(rows.columns, allowed)
            adapter = _mapped(adapter, job.column_map)
        rejects = RejectsFile(rejects_path, keep_through=resume_after)
        try:
            batch = _Batch()
            last_row = resume_after
            for row in rows.rows():
                if row.number <= resume_after:
                    continue
                last_row = row.number
                batch.rows += 1
                batch.last_row = row.number
                _prepare(service, adapter, row.number, row.data, row.error, batch, rejects, totals)
                if batch.rows >= job.batch_size:
                    _commit(service, batch, rejects, totals, checkpoints, identity)
                    batch = _Batch()
                    if on_progress is not None:
                        on_progress(
                            ImportProgress(
                                last_row, rows.bytes_read, rows.total_bytes, totals.metrics()
                            )
                        )
            if batch.rows:
                _commit(service, batch, rejects, totals, checkpoints, identity)
            checkpoints.save(identity, last_row, DONE)
            if on_progress is not None:
                on_progress(
                    ImportProgress(last_row, rows.total_bytes, rows.total_bytes, totals.metrics())
                )
        finally:
            rejects.close()
    return ImportReport(
        path=job.path,
        provider=job.provider,
        fmt=job.fmt,
        metrics=totals.metrics(),
        rejects_path=rejects_path,
        resumed_after=resume_after,
        seconds=time.monotonic() - started,
        stored_without=totals.warnings,
        ignored_columns=ignored,
    )


def _issues(issues: tuple[FieldIssue, ...]) -> str:
    return str(RecordRejected(list(issues)))


def _mapped(adapter: RowAdapter, mapping: ColumnMap) -> RowAdapter:
    def read(row: Mapping[str, Any]) -> Any:
        return adapter(mapping.apply(row))

    return read


def _prepare(
    service: IdentityService,
    adapter: RowAdapter,
    number: int,
    data: Any,
    error: str | None,
    batch: _Batch,
    rejects: RejectsFile,
    totals: _Totals,
) -> None:
    """Adapt and normalize one row into the batch, or reject it; a page envelope's objects
    (:mod:`graph_identity.adapters.envelopes`) are read one by one under the row's number."""
    items = page_items(data) if error is None else None
    if items is not None:
        for item in items:
            _prepare(service, adapter, number, item, None, batch, rejects, totals)
        return
    totals.fetched += 1
    if error is not None:
        rejects.add(number, None, error)
        totals.errors += 1
        return
    try:
        record = adapter(data)
    except AdapterError as exc:
        rejects.add(number, None, str(exc))
        totals.errors += 1
        return
    try:
        batch.records.append((number, service.normalize(record)))
    except RecordRejected as exc:
        key = record_key(record.provider, record.external_id) if record.external_id else None
        rejects.add(number, key, str(exc))
        totals.errors += 1


def _commit(
    service: IdentityService,
    batch: _Batch,
    rejects: RejectsFile,
    totals: _Totals,
    checkpoints: CheckpointStore,
    identity: ImportIdentity,
) -> None:
    outcomes = service.ingest_normalized([record for _, record in batch.records])
    for (number, record), outcome in zip(batch.records, outcomes, strict=True):
        if isinstance(outcome, ErasedRecord):
            rejects.add(number, outcome.record, ERASED)
            totals.errors += 1
            continue
        totals.actions[outcome.action] += 1
        if record.issues:
            rejects.add(number, record.key, _issues(record.issues), STORED_WITHOUT)
            totals.warnings += 1
    rejects.flush()
    checkpoints.save(identity, batch.last_row, RUNNING)
