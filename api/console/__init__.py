"""The operator console: server-rendered pages at ``/console`` over the same library calls
as the API (review queue, customer page, compare, dashboard), behind the same API keys.

An operator logs in with one of ``GRAPH_IDENTITY_API_KEYS`` and gets a signed session cookie
(HttpOnly, SameSite=Strict, Secure over https); every POST carries a session-bound CSRF
token. Personal values are masked unless the operator reveals one field, which is logged
by the field's name only.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from graph_identity.config import Settings

from .auth import CONSOLE, HANDLERS, LoginThrottle
from .compare_jobs import CompareRuns
from .errors import pages_for_errors
from .routes import compare, customers, dashboard, login, queue, static
from .session import SessionCodec


def console_router() -> APIRouter:
    router = APIRouter(prefix=CONSOLE, include_in_schema=False)
    for area in (static, login, dashboard, queue, customers, compare):
        router.include_router(area.router)
    return router


def install(app: FastAPI, settings: Settings) -> None:
    """Mount the console on ``app`` (after the API's error handlers are installed, so its
    pages can wrap them); with no API keys configured nobody can log in."""
    app.state.console_codec = SessionCodec(list(settings.api_keys))
    app.state.console_throttle = LoginThrottle()
    app.state.console_compare = CompareRuns()
    pages_for_errors(app, set(HANDLERS))
    for exc, handler in HANDLERS.items():
        app.add_exception_handler(exc, handler)
    app.include_router(console_router())
