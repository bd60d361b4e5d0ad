"""Who is at the console: the session dependency, the CSRF check on every POST, and the
answers when either is missing (a GET goes to the login form; a POST is refused, 403).
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .render import page
from .session import SESSION_COOKIE, Session, SessionCodec

CONSOLE = "/console"
FAILED_LOGINS_ALLOWED = 10
FAILED_LOGIN_WINDOW_SECONDS = 300.0
TRACKED_ADDRESSES = 10_000


class LoginRequired(Exception):
    pass


class CsrfRefused(Exception):
    pass


def codec_of(request: Request) -> SessionCodec:
    codec: SessionCodec = request.app.state.console_codec
    return codec


def current_session(request: Request) -> Session:
    session = codec_of(request).read(request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise LoginRequired
    return session


@dataclass(frozen=True)
class Operator:
    """The logged-in operator and the CSRF token their forms must carry."""

    session: Session
    csrf: str

    @property
    def name(self) -> str:
        return self.session.operator


def operator(session: Annotated[Session, Depends(current_session)], request: Request) -> Operator:
    return Operator(session, codec_of(request).csrf_token(session))


async def checked_operator(
    session: Annotated[Session, Depends(current_session)], request: Request
) -> Operator:
    """The operator of a POST whose form carries this session's CSRF token; else 403."""
    form = await request.form()
    presented = form.get("csrf_token")
    codec = codec_of(request)
    if not isinstance(presented, str) or not codec.csrf_ok(session, presented):
        raise CsrfRefused
    return Operator(session, codec.csrf_token(session))


Viewer = Annotated[Operator, Depends(operator)]
Actor = Annotated[Operator, Depends(checked_operator)]


class LoginThrottle:
    """Refuses logins from an address after too many failures in a short window."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, client: str) -> deque[float]:
        failures = self._failures.setdefault(client, deque())
        cutoff = time.monotonic() - FAILED_LOGIN_WINDOW_SECONDS
        while failures and failures[0] < cutoff:
            failures.popleft()
        return failures

    def blocked(self, client: str) -> bool:
        return len(self._recent(client)) >= FAILED_LOGINS_ALLOWED

    def failed(self, client: str) -> None:
        self._recent(client).append(time.monotonic())
        if len(self._failures) > TRACKED_ADDRESSES:
            for address in list(self._failures):
                if not self._recent(address):
                    del self._failures[address]

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)


async def _login_required(request: Request, exc: Exception) -> Response:
    if request.method == "GET":
        target = f"{CONSOLE}/login?next={quote(request.url.path, safe='/')}"
        return RedirectResponse(target, status_code=303)
    return _refused(request, "Your session has ended: log in again.")


async def _csrf_refused(request: Request, exc: Exception) -> Response:
    return _refused(request, "The form was refused: it did not carry this session's token.")


def _refused(request: Request, message: str) -> HTMLResponse:
    return page(request, "error.html", {"title": "Refused", "message": message}, status_code=403)


HANDLERS = {LoginRequired: _login_required, CsrfRefused: _csrf_refused}
