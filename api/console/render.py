"""Rendering console pages: the Jinja2 templates (autoescaped) and the headers every page
carries. Pages show personal data to a logged-in operator, so none may be cached, framed
or leak its address through a Referer.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .session import Session

TEMPLATES = Jinja2Templates(directory=Path(__file__).with_name("templates"))
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


def day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else "—"


TEMPLATES.env.filters["when"] = when
TEMPLATES.env.filters["day"] = day


def page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    session: Session | None = None,
    csrf: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """``template`` with the operator, the CSRF token for its forms and the safe headers."""
    response = TEMPLATES.TemplateResponse(
        request,
        template,
        {"session": session, "csrf_token": csrf, **context},
        status_code=status_code,
    )
    response.headers.update(SECURITY_HEADERS)
    return response
