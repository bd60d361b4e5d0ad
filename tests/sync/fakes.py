"""A fake provider API on loopback: a handler function behind a threaded HTTP server.

Each provider's fake (``fake_<provider>.py``) is a handler that serves its documented page
shapes from generated data. ``faults`` replaces the answer to the n-th request (counting
from 1 over the server's life) with a throttle or a failure, to exercise retries.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class FakeRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class FakeResponse:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[FakeRequest], FakeResponse]


class FakeServer:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[FakeRequest] = []
        self.faults: dict[int, FakeResponse] = {}
        self._lock = threading.Lock()
        fake = self

        class _Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = FakeRequest(
                    method=self.command,
                    path=parts.path,
                    query={k: v[-1] for k, v in parse_qs(parts.query).items()},
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
                response = fake.answer(request)
                payload = b"" if response.body is None else json.dumps(response.body).encode()
                self.send_response(response.status)
                for name, value in response.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _serve

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    def answer(self, request: FakeRequest) -> FakeResponse:
        with self._lock:
            self.requests.append(request)
            fault = self.faults.pop(len(self.requests), None)
        if fault is not None:
            return fault
        return self.handler(request)

    def fail_after(self, requests: int, *responses: FakeResponse) -> None:
        """Answer the requests after the next ``requests`` with ``responses``, in order."""
        start = len(self.requests) + requests + 1
        for offset, response in enumerate(responses):
            self.faults[start + offset] = response

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


THROTTLED = FakeResponse(429, {"error": "throttled"}, {"Retry-After": "1"})
FAILED = FakeResponse(500, {"error": "internal"})
