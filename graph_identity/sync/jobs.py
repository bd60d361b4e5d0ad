"""Syncs started over HTTP: each runs in a background thread and is looked up by id.

One sync runs at a time (two would move the same cursors); a request while one runs is
refused. Jobs are kept in memory (the last ``KEEP``): the cursors, not the jobs, are what
survives a restart, and a re-run resumes from them.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TypedDict, Unpack

from graph_identity.service import IdentityService
from graph_identity.sync.job import SyncEnvironment, SyncRequest, plan, run_sync
from graph_identity.sync.runner import ProviderReport, SyncProgress

KEEP = 100
log = logging.getLogger(__name__)


class SyncBusy(RuntimeError):
    """A sync is already running."""

    def __init__(self, job_id: str) -> None:
        self.job_id = job_id
        super().__init__(f"sync {job_id} is still running")


@dataclass(frozen=True, slots=True)
class SyncJob:
    id: str
    status: str
    """``running``, ``done`` (every stream finished; object errors are in the metrics) or
    ``failed`` (a stream stopped on a page, or the sync itself stopped: see ``error``)."""
    providers: list[str]
    started_at: datetime
    finished_at: datetime | None = None
    current: str | None = None
    reports: list[ProviderReport] = field(default_factory=list)
    progress: SyncProgress | None = None
    error: str | None = None


class JobChanges(TypedDict, total=False):
    """The fields of a :class:`SyncJob` that change while it runs."""

    status: str
    finished_at: datetime | None
    current: str | None
    reports: list[ProviderReport]
    progress: SyncProgress | None
    error: str | None


class SyncJobs:
    def __init__(self) -> None:
        self._jobs: OrderedDict[str, SyncJob] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, job_id: str) -> SyncJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _set(self, job_id: str, **changes: Unpack[JobChanges]) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def start(
        self,
        service: IdentityService,
        request: SyncRequest,
        where: SyncEnvironment,
    ) -> SyncJob:
        """Plan the sync (raises :class:`SyncConfigError`), then run it in a thread.
        Raises :class:`SyncBusy` while another runs."""
        providers = plan(request, service.settings.provider_priority, where)
        with self._lock:
            running = next((j for j in self._jobs.values() if j.status == "running"), None)
            if running is not None:
                raise SyncBusy(running.id)
            job = SyncJob(
                id=f"syn_{secrets.token_hex(8)}",
                status="running",
                providers=providers,
                started_at=datetime.now(UTC),
            )
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                self._jobs.popitem(last=False)
        thread = threading.Thread(
            target=self._run,
            args=(job.id, service, providers, request, where),
            name=f"sync-{job.id}",
            daemon=True,
        )
        thread.start()
        return job

    def _run(
        self,
        job_id: str,
        service: IdentityService,
        providers: list[str],
        request: SyncRequest,
        where: SyncEnvironment,
    ) -> None:
        reports: list[ProviderReport] = []

        def on_progress(progress: SyncProgress) -> None:
            self._set(job_id, progress=progress, current=progress.provider)

        def on_provider(report: ProviderReport) -> None:
            reports.append(report)
            self._set(job_id, reports=list(reports))

        try:
            run_sync(service, providers, request, where, on_progress, on_provider)
        except Exception as exc:  # the thread's end: record why, never the values
            log.warning("sync %s stopped: %s", job_id, type(exc).__name__)
            self._set(
                job_id,
                status="failed",
                error=f"stopped ({type(exc).__name__}); run again to resume from the cursors",
                finished_at=datetime.now(UTC),
                current=None,
            )
            return
        failed = any(r.failed for r in reports)
        self._set(
            job_id,
            status="failed" if failed else "done",
            error="a stream stopped on a page it could not fetch" if failed else None,
            finished_at=datetime.now(UTC),
            current=None,
        )
