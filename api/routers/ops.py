"""Liveness, readiness (Neo4j answers) and Prometheus metrics; no API key."""

from __future__ import annotations

from contextlib import suppress

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel

from ..availability import gate_of
from ..dependencies import Service
from ..errors import unavailable
from ..metrics import ApiMetrics

router = APIRouter(tags=["ops"])

NEO4J_FAILURES = (Neo4jError, ServiceUnavailable, SessionExpired, OSError)


class Health(BaseModel):
    status: str


class Unavailable(BaseModel):
    detail: str


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up (does not touch Neo4j)."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    responses={503: {"model": Unavailable, "description": "Neo4j is not reachable"}},
)
def readyz(request: Request, service: Service) -> Health | JSONResponse:
    """Neo4j answers a query (503 with ``Retry-After`` when it does not)."""
    gate = gate_of(request)
    try:
        service.ping()
    except NEO4J_FAILURES:
        gate.down = True
        return unavailable()
    gate.down = False
    return Health(status="ready")


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}}}},
)
def metrics(request: Request, service: Service) -> Response:
    """Prometheus text format: requests, latencies, ingests by action, open conflicts."""
    registry: ApiMetrics = request.app.state.metrics
    if not gate_of(request).down:
        with suppress(*NEO4J_FAILURES):
            registry.open_conflicts.set(service.open_conflict_count())
    return Response(generate_latest(registry.registry), media_type=CONTENT_TYPE_LATEST)
