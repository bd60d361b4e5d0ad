"""Errors on console pages answer as pages: the app's own handlers decide the status,
headers and message (which never carry personal data), and under ``/console`` their JSON
body becomes the console's error page. Every other path keeps the API's JSON answers.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import WebSocketRequestValidationError
from fastapi.responses import Response

from .auth import CONSOLE
from .render import page

Handler = Callable[[Request, Exception], Response | Awaitable[Response]]
KEPT_HEADERS = ("retry-after",)
TITLES = {404: "Not found", 422: "Not accepted", 503: "Unavailable"}


def _message(detail: Any) -> str:
    """``{"detail": str}``, or the 422 list of ``{"loc", "msg"}`` as ``field: reason``."""
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        named = []
        for error in detail:
            loc = [str(part) for part in error.get("loc", ())]
            field = ".".join(loc[1:] if len(loc) > 1 else loc) or "request"
            named.append(f"{field}: {error.get('msg', 'invalid')}")
        return "; ".join(named)
    return "The request could not be served."


def _as_page(original: Handler) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        answer = original(request, exc)
        response = await answer if inspect.isawaitable(answer) else answer
        wants_page = request.url.path.startswith(f"{CONSOLE}/") or request.url.path == CONSOLE
        if not wants_page or response.media_type != "application/json":
            return response
        try:
            detail = json.loads(bytes(response.body)).get("detail")
        except (ValueError, AttributeError):
            detail = None
        status = response.status_code
        shown = page(
            request,
            "error.html",
            {"title": TITLES.get(status, "Error"), "message": _message(detail)},
            status_code=status,
        )
        for name in KEPT_HEADERS:
            if name in response.headers:
                shown.headers[name] = response.headers[name]
        return shown

    return handle


def pages_for_errors(app: FastAPI, own: set[type[Exception]]) -> None:
    """Wrap every installed HTTP error handler except the console's ``own``."""
    for kind, original in list(app.exception_handlers.items()):
        if kind in own or kind is WebSocketRequestValidationError:
            continue
        app.add_exception_handler(kind, _as_page(original))
