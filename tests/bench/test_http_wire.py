"""bench/http_wire.py reads whole answers, so a kept-alive connection stays in step."""

from __future__ import annotations

import asyncio

from bench.http_wire import Connection
from tests.bench.status_server import status_server


def test_one_connection_reads_every_kind_of_answer_in_turn() -> None:
    async def statuses() -> list[int]:
        async with status_server() as port:
            connection = Connection("127.0.0.1", port, {"X-API-Key": "k"})
            paths = ["/status/201", "/chunked", "/status/404", "/close", "/status/503"]
            answers = [await connection.request("POST", path, b"{}") for path in paths]
            connection.close()
            return answers

    assert asyncio.run(statuses()) == [201, 200, 404, 200, 503]
