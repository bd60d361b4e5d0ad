"""How connectors are configured: credentials and addresses from environment variables.

Every variable is named ``GRAPH_IDENTITY_<PROVIDER>_<SETTING>`` (docs/sync.md lists them).
Values are read from a mapping (``os.environ`` by default) so tests and the API can pass their
own; secrets are only ever handed to the HTTP client, never logged or put in messages.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from graph_identity.sync.base import SyncConfigError
from graph_identity.sync.http import HttpClient, Sleep

PREFIX = "GRAPH_IDENTITY_"


@dataclass(frozen=True, slots=True)
class ClientOptions:
    """Paging and retry behaviour shared by every connector."""

    page_size: int = 100
    max_retries: int = 5
    backoff: float = 0.5
    max_wait: float = 60.0
    timeout: float = 30.0
    sleep: Sleep = field(default=time.sleep)

    def client(
        self,
        base_url: str,
        *,
        auth: httpx.Auth | tuple[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> HttpClient:
        return HttpClient(
            base_url,
            max_retries=self.max_retries,
            backoff=self.backoff,
            max_wait=self.max_wait,
            timeout=self.timeout,
            sleep=self.sleep,
            auth=auth,
            headers=headers,
        )


class Env:
    """One provider's variables: ``Env(env, "QBO").required("REALM_ID")`` reads
    ``GRAPH_IDENTITY_QBO_REALM_ID``."""

    def __init__(self, env: Mapping[str, str], provider: str) -> None:
        self.env = env
        self.prefix = f"{PREFIX}{provider.upper()}_"

    def name(self, setting: str) -> str:
        return f"{self.prefix}{setting}"

    def optional(self, setting: str, default: str | None = None) -> str | None:
        value = self.env.get(self.name(setting), "").strip()
        return value or default

    def required(self, setting: str) -> str:
        value = self.optional(setting)
        if value is None:
            raise SyncConfigError(self.name(setting), "is not set")
        return value

    def list(self, setting: str) -> list[str]:
        value = self.optional(setting) or ""
        return [part.strip() for part in value.split(",") if part.strip()]
