"""Pull syncs from the providers' APIs, started in the background and polled by id."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from graph_identity.models import PROVIDER_SLUG_PATTERN
from graph_identity.results import BatchMetrics
from graph_identity.sync.base import SyncConfigError
from graph_identity.sync.job import SyncEnvironment, SyncRequest, parse_since
from graph_identity.sync.jobs import SyncBusy, SyncJob, SyncJobs
from graph_identity.sync.runner import ProviderReport

from ..dependencies import Service
from ..errors import field_error, unprocessable
from ..schemas import ERRORS, Message

router = APIRouter(prefix="/syncs", tags=["syncs"], responses=ERRORS)
_jobs_lock = threading.Lock()

Slug = Annotated[str, Field(pattern=PROVIDER_SLUG_PATTERN)]


class SyncIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    providers: list[Slug] = Field(
        default_factory=list,
        max_length=20,
        description="Providers to sync (default: every configured one), run in authority order",
    )
    full: bool = Field(False, description="Fetch everything, not only changes")
    since: AwareDatetime | None = Field(None, description="Fetch what changed since then")
    restart: bool = Field(False, description="Ignore an unfinished run's cursor")


class StreamView(BaseModel):
    name: str
    mode: str
    pages: int
    skipped: int
    failed: bool
    metrics: BatchMetrics


class IssueView(BaseModel):
    stream: str
    object_id: str | None
    reason: str


class ProviderView(BaseModel):
    provider: str
    account: str
    failed: bool
    seconds: float
    metrics: BatchMetrics
    streams: list[StreamView]
    issues: list[IssueView]


class SyncView(BaseModel):
    id: str
    status: str = Field(description="running, done or failed")
    providers: list[str]
    started_at: datetime
    finished_at: datetime | None
    current: str | None = Field(description="The provider being synced")
    fetched_so_far: int = Field(description="Objects fetched by the running provider")
    reports: list[ProviderView]
    error: str | None


def _provider(report: ProviderReport) -> ProviderView:
    return ProviderView(
        provider=report.provider,
        account=report.account,
        failed=report.failed,
        seconds=round(report.seconds, 3),
        metrics=report.metrics,
        streams=[
            StreamView(
                name=s.name,
                mode=s.mode,
                pages=s.pages,
                skipped=s.skipped,
                failed=s.failed,
                metrics=s.metrics,
            )
            for s in report.streams
        ],
        issues=[
            IssueView(stream=i.stream, object_id=i.object_id, reason=i.reason)
            for i in report.issues
        ],
    )


def _view(job: SyncJob) -> SyncView:
    running = job.progress if job.status == "running" and job.progress else None
    return SyncView(
        id=job.id,
        status=job.status,
        providers=job.providers,
        started_at=job.started_at,
        finished_at=job.finished_at,
        current=job.current,
        fetched_so_far=running.metrics.fetched if running else 0,
        reports=[_provider(r) for r in job.reports],
        error=job.error,
    )


def _jobs(request: Request) -> SyncJobs:
    with _jobs_lock:
        jobs: SyncJobs | None = getattr(request.app.state, "sync_jobs", None)
        if jobs is None:
            jobs = request.app.state.sync_jobs = SyncJobs()
        return jobs


@router.post(
    "",
    response_model=SyncView,
    status_code=202,
    responses={409: {"model": Message, "description": "A sync is already running"}},
)
def start_sync(request: Request, service: Service, body: SyncIn) -> SyncView | JSONResponse:
    """Start a sync in the background; poll ``GET /v1/syncs/{id}`` for its state and metrics.
    Credentials come from the server's environment (docs/sync.md), never from the request."""
    try:
        since = parse_since(body.since.isoformat()) if body.since else None
        sync = SyncRequest(tuple(body.providers), body.full, since, body.restart)
        job = _jobs(request).start(service, sync, SyncEnvironment())
    except SyncConfigError as exc:
        loc = ("body", "since") if exc.field == "since" else ("body", "providers")
        return unprocessable([field_error(loc, str(exc), "value_error")])
    except SyncBusy as exc:
        raise HTTPException(409, detail=str(exc)) from None
    return _view(job)


@router.get(
    "/{sync_id}",
    response_model=SyncView,
    responses={404: {"model": Message, "description": "No such sync"}},
)
def get_sync(
    request: Request, sync_id: Annotated[str, Path(min_length=1, max_length=64)]
) -> SyncView:
    """A sync's state (running, done, failed), its provider reports and metrics."""
    job = _jobs(request).get(sync_id)
    if job is None:
        raise HTTPException(404, detail="no such sync (syncs are kept in memory until restart)")
    return _view(job)
