"""A minimal HTTP/1.1 keep-alive client for the load generator.

The generator shares the 2 cores with the API and Neo4j it measures. httpx spent 1.8-2.5 ms
of CPU per request there (docs/benchmarks.md, 2026-12-03), a third of a core at 200
requests/s taken from the service under test. This client writes a request with one
``write`` on a kept-alive connection and reads the status line, the headers and a
``Content-Length`` or chunked body: what the API answers, nothing more (no redirects, no
TLS, no cookies).
"""

from __future__ import annotations

import asyncio


class WireError(Exception):
    """The server closed the connection or answered something that is not HTTP/1.1."""


class Connection:
    """One kept-alive connection, opened on first use and after the server closes it."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host = host
        self.port = port
        self.fixed = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: bytes, headers: dict[str, str] | None = None
    ) -> int:
        """Send one request and read its whole answer; the HTTP status."""
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n{self.fixed}{extra}"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        try:
            self.writer.write(head.encode() + body)
            return await self._answer(self.reader)
        except BaseException:
            self.close()
            raise

    async def _answer(self, reader: asyncio.StreamReader) -> int:
        status_line = await reader.readline()
        parts = status_line.split(None, 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
            raise WireError("no HTTP status line")
        status = int(parts[1])
        length, chunked, closing = 0, False, False
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                closing = value.strip().lower() == b"close"
        if chunked:
            while size := int((await reader.readline()).split(b";")[0], 16):
                await reader.readexactly(size + 2)
            await reader.readline()
        elif length:
            await reader.readexactly(length)
        if closing:
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None
