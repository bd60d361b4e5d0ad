"""Request dependencies: the service built once per app, and the API-key check.

The dependencies FastAPI resolves for every request are ``async def``: they do no I/O, and
FastAPI runs a plain ``def`` dependency on its thread pool, a thread hop per dependency per
request (about a third of the API's CPU on ``POST /v1/resolve``).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from graph_identity.config import Settings
from graph_identity.service import IdentityService

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)
_bearer = HTTPBearer(auto_error=False)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_service(request: Request) -> IdentityService:
    """The app's one IdentityService (made in the lifespan, shared by every request)."""
    service: IdentityService = request.app.state.service
    return service


def key_matches(presented: str, settings: Settings) -> bool:
    """Constant-time comparison against every configured key (no early exit)."""
    given = presented.encode()
    matched = False
    for key in settings.api_keys:
        matched |= hmac.compare_digest(given, key.get_secret_value().encode())
    return matched


async def require_api_key(
    request: Request,
    api_key: Annotated[str | None, Security(_api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> None:
    """401 unless the request carries a configured key (``X-API-Key`` or bearer)."""
    settings = get_settings(request)
    if settings.insecure_no_auth:
        return
    presented = api_key if api_key is not None else (bearer.credentials if bearer else None)
    if presented is None or not key_matches(presented, settings):
        raise HTTPException(
            status_code=401,
            detail="a valid API key is required (header X-API-Key or Authorization: Bearer)",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def service_of(request: Request) -> IdentityService:
    """:func:`get_service` as a dependency (no thread hop)."""
    return get_service(request)


Service = Annotated[IdentityService, Depends(service_of)]
ApiKey = [Depends(require_api_key)]
