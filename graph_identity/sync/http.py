"""The HTTP client connectors share: retries on 429 and 5xx, bounded, honouring Retry-After.

A throttled (429) or failing (5xx, connection error) request is retried up to
``max_retries`` times: after the ``Retry-After`` the provider asked for (seconds or an
HTTP date, capped at ``max_wait``), else after an exponential backoff
(``backoff`` * 2^attempt, capped at ``max_wait``). ShipStation says when its rate
limit window resets in ``X-Rate-Limit-Reset`` (seconds), read like ``Retry-After``.
Other 4xx answers are not retried.
Errors name the method, the path and the status, never the query string (it may carry
filters) nor any header (they carry credentials).
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Generator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from graph_identity.sync.base import PageError

Sleep = Callable[[float], None]


class ProviderHttpError(PageError):
    """A request that failed for good; ``status`` is the last HTTP status (None: no answer)."""

    def __init__(self, method: str, path: str, status: int | None, reason: str) -> None:
        self.status = status
        super().__init__(f"{method} {path}: {reason}")


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A ``Retry-After`` header as seconds from now, or ``None`` when absent or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class HttpClient:
    """An ``httpx.Client`` for one provider account, with bounded retries."""

    def __init__(
        self,
        base_url: str,
        *,
        auth: httpx.Auth | tuple[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        max_retries: int = 5,
        backoff: float = 0.5,
        max_wait: float = 60.0,
        timeout: float = 30.0,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.retries = 0
        """Requests retried so far (throttling and failures), for metrics and tests."""
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"),
            auth=auth,
            headers={"Accept": "application/json", **(headers or {})},
            timeout=timeout,
        )

    def close(self) -> None:
        self._client.close()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """The answer to a request, retrying throttling and failures. Raises
        :class:`ProviderHttpError` once retries run out or on another 4xx."""
        for attempt in range(self.max_retries + 1):
            try:
                response = self._client.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                status: int | None = None
                reason = f"no answer ({type(exc).__name__})"
                wait = self._backoff(attempt)
            else:
                status = response.status_code
                if status < 400:
                    return response
                reason = f"HTTP {status}"
                if status != 429 and status < 500:
                    raise ProviderHttpError(method, path, status, reason)
                asked = retry_after_seconds(
                    response.headers.get("Retry-After")
                    or response.headers.get("X-Rate-Limit-Reset")
                )
                wait = min(asked, self.max_wait) if asked is not None else self._backoff(attempt)
            if attempt == self.max_retries:
                raise ProviderHttpError(method, path, status, f"{reason} after {attempt} retries")
            self.retries += 1
            self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        return float(min(self.backoff * 2**attempt, self.max_wait))

    def json(self, method: str, path: str, **kwargs: Any) -> tuple[Any, httpx.Response]:
        """The decoded JSON body and the response (for its headers)."""
        response = self.request(method, path, **kwargs)
        try:
            return response.json(), response
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ProviderHttpError(method, path, response.status_code, "not JSON") from None


class RefreshingToken(httpx.Auth):
    """An OAuth2 access token sent in ``header``, refreshed once on a 401 (or up front when
    none was given) with a refresh token, as QuickBooks (Intuit OAuth2) and Amazon (Login
    with Amazon) do. Without a refresh token a 401 is final. The refreshed access token is
    kept in memory only."""

    requires_response_body = False

    def __init__(
        self,
        access_token: str | None,
        *,
        header: str = "Authorization",
        prefix: str = "Bearer ",
        token_url: str | None = None,
        refresh_token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        client_auth: str = "basic",
    ) -> None:
        self.access_token = access_token
        self.header = header
        self.prefix = prefix
        self.token_url = token_url
        self.refresh_token = refresh_token
        self.client_id = client_id
        self.client_secret = client_secret
        self.client_auth = client_auth

    @property
    def can_refresh(self) -> bool:
        return bool(self.token_url and self.refresh_token and self.client_id and self.client_secret)

    def _refresh_request(self) -> httpx.Request:
        form = {"grant_type": "refresh_token", "refresh_token": self.refresh_token or ""}
        auth_headers: dict[str, str] = {}
        if self.client_auth == "basic":
            pair = f"{self.client_id}:{self.client_secret}".encode()
            auth_headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        else:
            form |= {"client_id": self.client_id or "", "client_secret": self.client_secret or ""}
        return httpx.Request(
            "POST",
            self.token_url or "",
            data=form,
            headers={"Accept": "application/json", **auth_headers},
        )

    def _take(self, response: httpx.Response) -> None:
        if response.status_code >= 400:
            raise ProviderHttpError("POST", "token", response.status_code, "token refresh refused")
        response.read()
        body = response.json()
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise ProviderHttpError("POST", "token", response.status_code, "no access_token")
        self.access_token = token
        rotated = body.get("refresh_token")
        if isinstance(rotated, str) and rotated:
            self.refresh_token = rotated

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.access_token is None and self.can_refresh:
            self._take((yield self._refresh_request()))
        if self.access_token is not None:
            request.headers[self.header] = f"{self.prefix}{self.access_token}"
        response = yield request
        if response.status_code == 401 and self.can_refresh:
            self._take((yield self._refresh_request()))
            request.headers[self.header] = f"{self.prefix}{self.access_token}"
            yield request
