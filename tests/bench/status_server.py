"""A loopback HTTP/1.1 server for the load generator's tests.

``/status/N`` answers status N with a small JSON body (Content-Length), ``/chunked`` answers
200 with a chunked body, ``/close`` answers 200 and ``Connection: close``, and ``/down``
closes the connection without answering.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while request_line := await reader.readline():
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            path = request_line.split()[1].decode()
            if path == "/down":
                return
            if path == "/chunked":
                writer.write(
                    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    b'4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n'
                )
            elif path == "/close":
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                await writer.drain()
                return
            else:
                status = int(path.rsplit("/", 1)[1])
                writer.write(f"HTTP/1.1 {status} X\r\nContent-Length: 2\r\n\r\n{{}}".encode())
            await writer.drain()
    finally:
        writer.close()


@contextlib.asynccontextmanager
async def status_server() -> AsyncIterator[int]:
    server = await asyncio.start_server(_serve, "127.0.0.1", 0)
    async with server:
        yield server.sockets[0].getsockname()[1]
