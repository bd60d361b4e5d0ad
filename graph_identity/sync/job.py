"""One sync request, end to end: which providers, in which order, and running them.

Providers run in the configured authority order (``GRAPH_IDENTITY_PROVIDER_PRIORITY``:
QuickBooks first by default, the source of truth), so the most trusted data arrives first.
Without a list, every provider whose settings are present in the environment is synced.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from graph_identity.service import IdentityService
from graph_identity.sync import registry
from graph_identity.sync.base import SyncConfigError
from graph_identity.sync.runner import ProgressCallback, ProviderReport, SyncOptions, SyncRunner
from graph_identity.sync.settings import ClientOptions


@dataclass(frozen=True, slots=True)
class SyncRequest:
    providers: Sequence[str] = ()
    full: bool = False
    since: datetime | None = None
    restart: bool = False

    def options(self) -> SyncOptions:
        return SyncOptions(full=self.full, since=self.since, restart=self.restart)


@dataclass(frozen=True, slots=True)
class SyncEnvironment:
    """Where connectors find their settings, and how their HTTP clients behave."""

    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    client: ClientOptions = field(default_factory=ClientOptions)


def parse_since(text: str) -> datetime:
    """``2026-01-31`` or an ISO 8601 time; without an offset it is UTC. Raises
    :class:`SyncConfigError` naming ``since``."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise SyncConfigError("since", "not an ISO 8601 date or time") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if moment > datetime.now(UTC):
        raise SyncConfigError("since", "is in the future")
    return moment


def plan(request: SyncRequest, priority: Sequence[str], where: SyncEnvironment) -> list[str]:
    """The providers to sync, in authority order. Raises :class:`SyncConfigError` for an
    unknown provider or none configured."""
    chosen = list(request.providers) or registry.configured(where.env, where.client)
    if not chosen:
        raise SyncConfigError(
            "providers", "no provider is configured (see docs/sync.md for the variables)"
        )
    ordered = registry.ordered(chosen, priority)
    with registry.connectors(ordered, where.env, where.client):
        pass  # every named provider's settings are checked before anything runs
    return ordered


def run_sync(
    service: IdentityService,
    providers: Sequence[str],
    request: SyncRequest,
    where: SyncEnvironment,
    on_progress: ProgressCallback | None = None,
    on_provider: Callable[[ProviderReport], None] | None = None,
) -> list[ProviderReport]:
    """Sync ``providers`` (as :func:`plan` gave them) one after the other."""
    runner = SyncRunner(service, request.options())
    reports = []
    with registry.connectors(providers, where.env, where.client) as connectors:
        for connector in connectors:
            report = runner.run(connector, on_progress)
            reports.append(report)
            if on_provider is not None:
                on_provider(report)
    return reports
