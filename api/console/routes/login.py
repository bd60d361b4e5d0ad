"""Logging in with an API key, and out."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ..auth import CONSOLE, Actor, LoginThrottle, codec_of
from ..render import page
from ..session import (
    LOGIN_COOKIE,
    LOGIN_SECONDS,
    SESSION_COOKIE,
    SESSION_SECONDS,
    new_login_nonce,
)

log = logging.getLogger("graph_identity.console")
router = APIRouter()
MAX_NAME = 200


def _safe_next(target: str | None) -> str:
    """Only a console path: never another site (an open redirect)."""
    if target and target.startswith(f"{CONSOLE}/") and not target.startswith("//"):
        return target
    return f"{CONSOLE}/"


def _throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.console_throttle
    return throttle


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _login_form(
    request: Request,
    *,
    next_path: str,
    error: str | None = None,
    name: str = "",
    status_code: int = 200,
) -> Response:
    codec = codec_of(request)
    nonce = new_login_nonce()
    response = page(
        request,
        "login.html",
        {
            "title": "Log in",
            "next": next_path,
            "error": error,
            "name": name,
            "enabled": codec.enabled,
            "login_token": codec.login_token(nonce),
        },
        status_code=status_code,
    )
    response.set_cookie(
        LOGIN_COOKIE,
        nonce,
        max_age=LOGIN_SECONDS,
        path=CONSOLE,
        secure=_secure(request),
        httponly=True,
        samesite="strict",
    )
    return response


@router.get("/login")
def login_page(request: Request, next: Annotated[str | None, Query()] = None) -> Response:
    return _login_form(request, next_path=_safe_next(next))


@router.post("/login")
def login(
    request: Request,
    api_key: Annotated[str, Form(max_length=1000)] = "",
    name: Annotated[str, Form(max_length=1000)] = "",
    login_token: Annotated[str | None, Form()] = None,
    next: Annotated[str | None, Form()] = None,
) -> Response:
    codec = codec_of(request)
    throttle = _throttle(request)
    client = _client(request)
    target = _safe_next(next)
    if not codec.login_ok(request.cookies.get(LOGIN_COOKIE), login_token):
        return _login_form(
            request,
            next_path=target,
            error="The form had expired: log in again.",
            status_code=403,
        )
    if throttle.blocked(client):
        return _login_form(
            request,
            next_path=target,
            error="Too many failed logins: wait a few minutes.",
            status_code=429,
        )
    operator = name.strip()
    if not operator or len(operator) > MAX_NAME:
        return _login_form(
            request,
            next_path=target,
            error=f"Your name: give 1 to {MAX_NAME} characters (it signs your decisions).",
            status_code=422,
        )
    ident = codec.match(api_key)
    if ident is None:
        throttle.failed(client)
        log.warning("console login refused: not a configured API key")
        return _login_form(
            request,
            next_path=target,
            error="API key: not a valid key.",
            name=operator,
            status_code=401,
        )
    throttle.succeeded(client)
    log.info("console login: key %s", ident)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        codec.issue(operator, ident),
        max_age=SESSION_SECONDS,
        path=CONSOLE,
        secure=_secure(request),
        httponly=True,
        samesite="strict",
    )
    response.delete_cookie(LOGIN_COOKIE, path=CONSOLE)
    return response


@router.post("/logout")
def logout(request: Request, operator: Actor) -> Response:
    codec_of(request).revoke(operator.session)
    log.info("console logout: key %s", operator.session.key_id)
    response = RedirectResponse(f"{CONSOLE}/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=CONSOLE, httponly=True, samesite="strict")
    return response
