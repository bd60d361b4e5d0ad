"""Prometheus metrics of one app, in a registry of its own (several apps may share a process).

Requests are counted by route template (``/v1/customers/{customer_id}``, never the id itself),
so label cardinality stays bounded and no identifier reaches the metrics.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from fastapi import APIRouter
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_identity.results import IngestResult

UNMATCHED = "unmatched"


class ApiMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.templates: dict[int, str] = {}
        self.requests = Counter(
            "graph_identity_http_requests",
            "HTTP requests by method, route template and status.",
            ("method", "route", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "graph_identity_http_request_duration_seconds",
            "HTTP request latency by method and route template.",
            ("method", "route"),
            buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=self.registry,
        )
        self.ingested = Counter(
            "graph_identity_ingested_records",
            "Records ingested through the API, by resolution action.",
            ("action",),
            registry=self.registry,
        )
        self.webhook_rejections = Counter(
            "graph_identity_webhook_rejected_deliveries",
            "Authenticated webhook deliveries answered 200 'rejected', by source and kind "
            "(header, payload, record): nothing of them is written.",
            ("source", "kind"),
            registry=self.registry,
        )
        self.group_commit_records = Histogram(
            "graph_identity_group_commit_records",
            "Single-record ingests (POST /v1/records, webhooks) per group commit.",
            buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500),
            registry=self.registry,
        )
        self.group_commit_seconds = Histogram(
            "graph_identity_group_commit_duration_seconds",
            "Time from a group's start to its last record answered.",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry,
        )
        self.open_conflicts = Gauge(
            "graph_identity_open_conflicts",
            "Conflicts waiting for a human decision (read from Neo4j at scrape time).",
            registry=self.registry,
        )

    def register(self, prefix: str, router: APIRouter) -> None:
        """Remember the full template of each route that ``router`` adds under ``prefix``."""
        for route in router.routes:
            self.templates[id(route)] = prefix + getattr(route, "path", "")

    def template(self, route: object) -> str:
        """The matched route's full template (``/v1/...``), or ``unmatched``."""
        if route is None:
            return UNMATCHED
        known = self.templates.get(id(route))
        if known:
            return known
        path = getattr(route, "path", None)
        return path if isinstance(path, str) else UNMATCHED

    def observe_group_commit(self, records: int, seconds: float) -> None:
        self.group_commit_records.observe(records)
        self.group_commit_seconds.observe(seconds)

    def count_ingest(self, results: Iterable[IngestResult]) -> None:
        for result in results:
            self.ingested.labels(action=result.action.value).inc()


class MetricsMiddleware:
    """Counts and times every HTTP request, labelled by the route that matched."""

    def __init__(self, app: ASGIApp, metrics: ApiMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = self.metrics.template(scope.get("route"))
            method = scope["method"]
            self.metrics.latency.labels(method=method, route=route).observe(
                time.perf_counter() - started
            )
            self.metrics.requests.labels(method=method, route=route, status=str(status)).inc()
