"""Pull sync: fetch customers and orders from the providers' APIs into the graph.

:mod:`~graph_identity.sync.base` says what a connector is, :mod:`~graph_identity.sync.http`
how it talks (retries), :mod:`~graph_identity.sync.cursors` where each stream got to,
:mod:`~graph_identity.sync.runner` how pages become records, and
:mod:`~graph_identity.sync.registry` which providers exist. One module per provider.
"""

from __future__ import annotations

from graph_identity.sync.base import Connector, Page, PageError, Stream, SyncConfigError, SyncError
from graph_identity.sync.runner import (
    ProviderReport,
    SyncIssue,
    SyncOptions,
    SyncProgress,
    SyncRunner,
    sum_metrics,
)
from graph_identity.sync.settings import ClientOptions

__all__ = [
    "ClientOptions",
    "Connector",
    "Page",
    "PageError",
    "ProviderReport",
    "Stream",
    "SyncConfigError",
    "SyncError",
    "SyncIssue",
    "SyncOptions",
    "SyncProgress",
    "SyncRunner",
    "sum_metrics",
]
