"""How the library's errors become HTTP answers.

422: ``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}`` naming each bad field, never
echoing the value. Otherwise ``{"detail": str}``. No traceback and no personal data in any
answer; Neo4j outages (and Neo4j refusing the credentials) are 503 with ``Retry-After``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired, TransientError

from graph_identity.errors import (
    ConcurrentChange,
    InvalidBookmark,
    InvalidDecision,
    NotFound,
    RecordErased,
    RecordRejected,
)
from graph_identity.identifiers import FieldIssue

from .availability import gate_of
from .bookmarks import HEADER as BOOKMARK_HEADER

log = logging.getLogger("graph_identity.api")

RETRY_AFTER_SECONDS = "5"
UNREACHABLE = "Neo4j is not reachable"
SECURITY_ERRORS = "Neo.ClientError.Security."
NEO4J_DOWN: tuple[type[Exception], ...] = (ServiceUnavailable, SessionExpired)


def is_security_error(exc: ClientError) -> bool:
    return (exc.code or "").startswith(SECURITY_ERRORS)


def field_error(loc: Iterable[str | int], msg: str, kind: str) -> dict[str, Any]:
    return {"loc": list(loc), "msg": msg, "type": kind}


def unprocessable(errors: Sequence[dict[str, Any]]) -> JSONResponse:
    return JSONResponse({"detail": list(errors)}, status_code=422)


def issues_response(issues: Sequence[FieldIssue], kind: str) -> JSONResponse:
    return unprocessable([field_error(("body", *i.loc), i.msg, kind) for i in issues])


def unavailable(detail: str = UNREACHABLE) -> JSONResponse:
    return JSONResponse(
        {"detail": detail}, status_code=503, headers={"Retry-After": RETRY_AFTER_SECONDS}
    )


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return unprocessable(
        [
            field_error(e.get("loc", ()), str(e.get("msg", "invalid")), str(e.get("type", "")))
            for e in exc.errors()
        ]
    )


async def _rejected(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RecordRejected | InvalidDecision)
    kind = "record_rejected" if isinstance(exc, RecordRejected) else "invalid_decision"
    return issues_response(exc.issues, kind)


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=404)


async def _erased(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=409)


async def _neo4j_down(request: Request, exc: Exception) -> JSONResponse:
    gate_of(request).down = True
    log.warning(
        "Neo4j unreachable during %s %s (%s)", request.method, request.url.path, type(exc).__name__
    )
    return unavailable()


async def _neo4j_busy(request: Request, exc: Exception) -> JSONResponse:
    log.warning(
        "Neo4j transient failure during %s %s (%s)",
        request.method,
        request.url.path,
        type(exc).__name__,
    )
    return unavailable("Neo4j is busy; retry the request")


async def _invalid_bookmark(request: Request, exc: Exception) -> JSONResponse:
    return unprocessable([field_error(("header", BOOKMARK_HEADER), str(exc), "invalid_bookmark")])


async def _neo4j_client_error(request: Request, exc: Exception) -> JSONResponse:
    """Security errors (bad credentials, their rate limit) mean Neo4j is unusable: 503."""
    assert isinstance(exc, ClientError)
    if not is_security_error(exc):
        return await _unexpected(request, exc)
    log.error("Neo4j refused the service's credentials (%s) during %s", exc.code, request.url.path)
    return unavailable("Neo4j refused the service's credentials")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected %s during %s %s", type(exc).__name__, request.method, request.url.path)
    return JSONResponse({"detail": "internal error"}, status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(RecordRejected, _rejected)
    app.add_exception_handler(InvalidDecision, _rejected)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(RecordErased, _erased)
    app.add_exception_handler(InvalidBookmark, _invalid_bookmark)
    for kind in NEO4J_DOWN:
        app.add_exception_handler(kind, _neo4j_down)
    app.add_exception_handler(TransientError, _neo4j_busy)
    app.add_exception_handler(ConcurrentChange, _neo4j_busy)
    app.add_exception_handler(ClientError, _neo4j_client_error)
    app.add_exception_handler(Exception, _unexpected)
