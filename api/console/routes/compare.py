"""Compare two providers: start a run, watch its progress, pick rows, export them as CSV."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from graph_identity.compare import CUSTOMER_COLUMNS, ORDER_COLUMNS, check_providers, to_csv
from graph_identity.errors import RecordRejected
from graph_identity.models import KNOWN_PROVIDERS
from graph_identity.normalize.masking import mask_email, mask_phone
from graph_identity.service import IdentityService

from ...availability import require_neo4j
from ...dependencies import Service
from ..auth import CONSOLE, Actor, Operator, Viewer
from ..compare_jobs import CompareRun, CompareRuns
from ..render import page

router = APIRouter(dependencies=[Depends(require_neo4j)])
RunId = Annotated[str, Path(min_length=1, max_length=64)]
REFRESH_SECONDS = 1


def _runs(request: Request) -> CompareRuns:
    runs: CompareRuns = request.app.state.console_compare
    return runs


def _providers(service: IdentityService) -> list[str]:
    """Every known provider and any other one that has records."""
    seen = {p.provider for p in service.stats().providers}
    return sorted(seen | set(KNOWN_PROVIDERS))


def _form(
    request: Request,
    operator: Operator,
    service: IdentityService,
    *,
    error: str | None = None,
    chosen: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return page(
        request,
        "compare.html",
        {
            "title": "Compare providers",
            "providers": _providers(service),
            "error": error,
            "chosen": chosen or {},
        },
        session=operator.session,
        csrf=operator.csrf,
        status_code=status_code,
    )


@router.get("/compare")
def compare_form(request: Request, viewer: Viewer, service: Service) -> Response:
    return _form(request, viewer, service)


@router.post("/compare")
def start(
    request: Request,
    actor: Actor,
    service: Service,
    source: Annotated[str, Form(max_length=40)],
    destination: Annotated[str, Form(max_length=40)],
    kind: Annotated[Literal["customers", "orders"], Form()] = "customers",
) -> Response:
    try:
        check_providers(source, destination)
    except RecordRejected as exc:
        return _form(
            request,
            actor,
            service,
            error=str(exc),
            chosen={"source": source, "destination": destination, "kind": kind},
            status_code=422,
        )
    run = _runs(request).start(service, actor.session.session_id, kind, source, destination)
    return RedirectResponse(f"{CONSOLE}/compare/runs/{run.id}", status_code=303)


def _run_or_404(request: Request, operator: Operator, run_id: str) -> CompareRun | Response:
    run = _runs(request).get(run_id, operator.session.session_id)
    if run is None:
        return page(
            request,
            "error.html",
            {"title": "Not found", "message": "No such comparison in this session."},
            session=operator.session,
            csrf=operator.csrf,
            status_code=404,
        )
    return run


@router.get("/compare/runs/{run_id}")
def run_page(request: Request, viewer: Viewer, run_id: RunId) -> Response:
    run = _run_or_404(request, viewer, run_id)
    if not isinstance(run, CompareRun):
        return run
    return page(
        request,
        "compare_run.html",
        {
            "title": f"Compare {run.source} → {run.destination}",
            "run": run,
            "mask_email": mask_email,
            "mask_phone": mask_phone,
            "refresh_seconds": REFRESH_SECONDS,
        },
        session=viewer.session,
        csrf=viewer.csrf,
    )


@router.post("/compare/runs/{run_id}/export")
async def export(request: Request, actor: Actor, run_id: RunId) -> Response:
    """The selected rows (checkbox ``row`` values: customer or order ids) as CSV."""
    run = _run_or_404(request, actor, run_id)
    if not isinstance(run, CompareRun):
        return run
    if run.result is None:
        return RedirectResponse(f"{CONSOLE}/compare/runs/{run.id}", status_code=303)
    chosen = {str(v) for v in (await request.form()).getlist("row")}
    if run.kind == "orders":
        rows = [r for r in run.result.only_in_source if getattr(r, "order_id", None) in chosen]
        columns = ORDER_COLUMNS
    else:
        rows = [r for r in run.result.only_in_source if getattr(r, "customer_id", None) in chosen]
        columns = CUSTOMER_COLUMNS
    name = f"{run.kind}-{run.source}-not-in-{run.destination}"
    return Response(
        to_csv(rows, columns),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"',
            "Cache-Control": "no-store",
        },
    )
