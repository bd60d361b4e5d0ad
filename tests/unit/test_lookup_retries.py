"""A lookup retries a transient failure after a pause, and then gives up with the error.

No database is needed: the driver points at a loopback port nobody listens on, so every
attempt fails at once with ServiceUnavailable, the driver's own transient error.
"""

from __future__ import annotations

import asyncio
import socket
import time

import pytest
from neo4j import AsyncGraphDatabase, GraphDatabase
from neo4j.exceptions import ServiceUnavailable

from graph_identity.read.lookup import READ_ATTEMPTS, RETRY_PAUSES_S, Lookup

PAUSES = sum(RETRY_PAUSES_S)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_pauses_cover_every_retry() -> None:
    assert len(RETRY_PAUSES_S) == READ_ATTEMPTS - 1


def test_blocking_lookup_pauses_between_attempts_then_raises() -> None:
    driver = GraphDatabase.driver(f"neo4j://127.0.0.1:{_closed_port()}", auth=("neo4j", "x"))
    try:
        started = time.perf_counter()
        with pytest.raises(ServiceUnavailable):
            Lookup(driver, "neo4j").by_identifiers([], "shopify:1")
        assert time.perf_counter() - started >= PAUSES
    finally:
        driver.close()


def test_async_lookup_pauses_between_attempts_then_raises() -> None:
    async def lookup() -> float:
        uri = f"neo4j://127.0.0.1:{_closed_port()}"
        async_driver = AsyncGraphDatabase.driver(uri, auth=("neo4j", "x"))
        driver = GraphDatabase.driver(uri, auth=("neo4j", "x"))
        try:
            started = time.perf_counter()
            with pytest.raises(ServiceUnavailable):
                await Lookup(driver, "neo4j", async_driver).by_identifiers_async([], "shopify:1")
            return time.perf_counter() - started
        finally:
            await async_driver.close()
            driver.close()

    assert asyncio.run(lookup()) >= PAUSES
