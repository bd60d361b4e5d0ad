"""The FastAPI application: a thin HTTP layer over :mod:`graph_identity`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph_identity.config import Settings
from graph_identity.store import cypher
from graph_identity.store.driver import connect
from graph_identity.store.schema import apply_schema


def create_app(settings: Settings) -> FastAPI:
    """Build the app. Refuses to build without API keys unless explicitly insecure."""
    if not settings.api_keys and not settings.insecure_no_auth:
        raise ValueError(
            "GRAPH_IDENTITY_API_KEYS is empty: set at least one key, or pass "
            "--insecure-no-auth for local development"
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = connect(settings)
        app.state.driver = driver
        with suppress(ServiceUnavailable, SessionExpired):
            apply_schema(driver, settings.neo4j_database)
        yield
        driver.close()

    app = FastAPI(title="graph-identity", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings

    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict[str, str]:
        """The process is up (does not touch Neo4j)."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"], response_model=None)
    def readyz() -> dict[str, str] | JSONResponse:
        """Neo4j answers a query."""
        try:
            app.state.driver.execute_query(
                cypher.load("admin/ping"), database_=settings.neo4j_database
            )
        except (Neo4jError, ServiceUnavailable, SessionExpired, OSError):
            return JSONResponse(
                {"status": "unavailable", "detail": "Neo4j is not reachable"},
                status_code=503,
                headers={"Retry-After": "5"},
            )
        return {"status": "ready"}

    return app
