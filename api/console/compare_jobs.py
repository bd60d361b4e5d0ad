"""Compare runs in the background, so a long one shows progress instead of a hung page.

A run belongs to the session that started it (no other session can read its rows); the
last ``KEEP`` runs are kept in this process's memory, their rows included, and the oldest
are dropped first. Progress is the run's state and how long it has been running: the
comparison is one query per side, so no finer measure exists.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from graph_identity.compare import Comparer, CustomerComparison, OrderComparison
from graph_identity.errors import GraphIdentityError
from graph_identity.service import IdentityService

KEEP = 20
Kind = Literal["customers", "orders"]


@dataclass
class CompareRun:
    id: str
    session_id: str
    kind: Kind
    source: str
    destination: str
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    result: CustomerComparison | OrderComparison | None = None
    error: str | None = None

    @property
    def state(self) -> str:
        if self.error is not None:
            return "failed"
        return "done" if self.result is not None else "running"

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started


class CompareRuns:
    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="console-compare")
        self._runs: OrderedDict[str, CompareRun] = OrderedDict()
        self._lock = threading.Lock()

    def start(
        self,
        service: IdentityService,
        session_id: str,
        kind: Kind,
        source: str,
        destination: str,
    ) -> CompareRun:
        run = CompareRun(secrets.token_urlsafe(9), session_id, kind, source, destination)
        with self._lock:
            self._runs[run.id] = run
            while len(self._runs) > KEEP:
                self._runs.popitem(last=False)
        self._pool.submit(self._work, service, run)
        return run

    def get(self, run_id: str, session_id: str) -> CompareRun | None:
        with self._lock:
            run = self._runs.get(run_id)
        return run if run is not None and run.session_id == session_id else None

    @staticmethod
    def _work(service: IdentityService, run: CompareRun) -> None:
        settings = service.settings
        comparer = Comparer(service.driver, settings.neo4j_database, settings.provider_priority)
        try:
            if run.kind == "orders":
                run.result = comparer.orders(run.source, run.destination)
            else:
                run.result = comparer.customers(run.source, run.destination)
        except GraphIdentityError as exc:
            run.error = str(exc)
        except Exception as exc:  # the page must end, whatever the database said
            run.error = f"the comparison failed ({type(exc).__name__})"
        finally:
            run.finished = time.monotonic()
