"""bench/api_load.py counts only 2xx answers as served; 4xx and 5xx have their own columns;
it reports its own garbage-collection pauses."""

from __future__ import annotations

import asyncio
import gc

from bench.api_load import (
    GcPauses,
    answer_class,
    connection_slots,
    open_loop,
    warm_up_ingest_rate,
)
from bench.http_wire import Connection
from tests.bench.status_server import status_server


def test_answer_classes() -> None:
    assert [answer_class(s) for s in (200, 201, 404, 409, 422, 500, 503, 302)] == [
        "served",
        "served",
        "rejected",
        "rejected",
        "rejected",
        "failed",
        "failed",
        "failed",
    ]


async def load_of(paths: list[str]) -> tuple[str, int]:
    """Through a loopback server whose ``/status/N`` answers N and whose ``/down`` closes
    the connection without an answer, as a crashed server does."""
    async with status_server() as port:
        load = await open_loop(
            connection_slots([Connection("127.0.0.1", port, {}) for _ in range(4)]),
            rate=1000,
            seconds=len(paths) / 1000,
            make_request=lambda index: ("POST", paths[index], {}),
        )
    return load.row("POST /v1/records", 1000), load.sent


def test_4xx_and_5xx_are_counted_apart_from_served() -> None:
    paths = [
        *["/status/200"] * 5,
        *["/status/409"] * 3,
        "/status/422",
        *["/status/503"] * 2,
        "/down",
    ]
    row, sent = asyncio.run(load_of(paths))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert sent == len(paths)
    # served, p50, p95, p99 come from the five 2xx answers only
    assert cells[0:2] == ["POST /v1/records", "1000"]
    assert all(cell not in ("0", "n/a") for cell in cells[2:6])
    assert cells[6] == "4 (409: 3, 422: 1)"
    assert cells[7] == "3 (503: 2, WireError: 1)"


def test_nothing_served_when_every_answer_is_4xx() -> None:
    row, sent = asyncio.run(load_of(["/status/401"] * 4))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert sent == 4
    assert cells[2:6] == ["0", "n/a", "n/a", "n/a"]
    assert cells[6:8] == ["4 (401: 4)", "0"]


def test_warm_up_writes_at_the_first_write_rate_of_the_steps() -> None:
    assert warm_up_ingest_rate([0, 50, 100]) == 50
    assert warm_up_ingest_rate([20, 0]) == 20
    assert warm_up_ingest_rate([0, 0]) == 0


def test_gc_pauses_measure_the_generators_collections_while_open() -> None:
    held = [[index] for index in range(200_000)]
    with GcPauses() as pauses:
        gc.collect()
    during = pauses.longest_ms
    assert during > 0
    gc.collect()
    assert pauses.longest_ms == during  # no longer listening
    assert len(held) == 200_000
