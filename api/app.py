"""The FastAPI application: a thin HTTP layer over :mod:`graph_identity`.

Routes live in ``api/routers/<area>.py``; every ``/v1`` router except the webhooks needs an
API key (webhooks verify their provider's signature instead). Ops routes (``/healthz``,
``/readyz``, ``/metrics``) sit outside ``/v1`` and need no key.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired

from graph_identity.config import Settings
from graph_identity.service import IdentityService
from graph_identity.store.driver import connect, connect_async
from graph_identity.store.schema import apply_schema

from . import console, errors
from .availability import Neo4jGate, require_neo4j
from .dependencies import ApiKey
from .errors import is_security_error, log
from .limits import BodyLimit
from .metrics import ApiMetrics, MetricsMiddleware
from .routers import (
    compare,
    conflicts,
    customers,
    explain,
    identifiers,
    ops,
    records,
    resolve,
    stats,
    syncs,
    webhooks,
)

API_PREFIX = "/v1"
NEEDS_NEO4J = Depends(require_neo4j)
KEYED_ROUTERS = (
    records,
    resolve,
    customers,
    explain,
    conflicts,
    identifiers,
    stats,
    compare,
    syncs,
)

DESCRIPTION = """Identity resolution across commerce systems, stored in Neo4j.

Every `/v1` route needs an API key (`X-API-Key: <key>` or `Authorization: Bearer <key>`),
except the webhooks, which verify their provider's signature. Errors: 422 answers
`{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}` naming each bad field (values are
never echoed); every other error answers `{"detail": "..."}`. While Neo4j is unreachable every
route that needs it answers 503 with a `Retry-After` header.
"""


def create_app(settings: Settings) -> FastAPI:
    """Build the app. Refuses to build without API keys unless explicitly insecure."""
    if not settings.api_keys and not settings.insecure_no_auth:
        raise ValueError(
            "GRAPH_IDENTITY_API_KEYS is empty: set at least one key, or pass "
            "--insecure-no-auth for local development"
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver, async_driver = connect(settings), connect_async(settings)
        app.state.driver = driver
        app.state.service = IdentityService(
            driver,
            settings,
            on_group_commit=app.state.metrics.observe_group_commit,
            async_driver=async_driver,
        )
        try:
            driver.verify_connectivity()
            apply_schema(driver, settings.neo4j_database)
        except (ServiceUnavailable, SessionExpired, ClientError) as exc:
            if isinstance(exc, ClientError) and not is_security_error(exc):
                raise
            log.warning("starting without Neo4j (%s); /readyz answers 503", type(exc).__name__)
        yield
        await async_driver.close()
        driver.close()

    app = FastAPI(
        title="graph-identity",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = ApiMetrics()
    app.state.neo4j_gate = Neo4jGate()
    errors.install(app)
    app.include_router(ops.router)
    app.state.metrics.register("", ops.router)
    for area in KEYED_ROUTERS:
        app.include_router(area.router, prefix=API_PREFIX, dependencies=[*ApiKey, NEEDS_NEO4J])
        app.state.metrics.register(API_PREFIX, area.router)
    app.include_router(webhooks.router, prefix=API_PREFIX, dependencies=[NEEDS_NEO4J])
    app.state.metrics.register(API_PREFIX, webhooks.router)
    console.install(app, settings)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    return app
