"""Fail fast while Neo4j is down.

The driver retries a failing transaction for up to ``max_transaction_retry_time`` before it
gives up, so the first request of an outage answers 503 only after that. Once one has, the
gate is shut: later requests first try one cheap, unretried ping and answer 503 at once if it
fails, until a ping (or ``/readyz``) succeeds and the gate opens again.
"""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from .dependencies import get_service


class Neo4jGate:
    def __init__(self) -> None:
        self.down = False


def gate_of(request: Request) -> Neo4jGate:
    gate: Neo4jGate = request.app.state.neo4j_gate
    return gate


async def require_neo4j(request: Request) -> None:
    """Raises the driver's ServiceUnavailable (→ 503) while Neo4j is still down.

    ``async``, so an open gate costs no thread hop; only the ping goes to the thread pool."""
    gate = gate_of(request)
    if gate.down:
        await run_in_threadpool(get_service(request).ping)
        gate.down = False
