"""``POST /v1/syncs`` and ``GET /v1/syncs/{id}`` end to end: HTTP → fake QBO → Neo4j → HTTP."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.sync.fake_qbo import REALM, TOKEN, FakeQbo
from tests.sync.fakes import FakeServer
from tests.sync.people import people, sales


@pytest.fixture
def qbo_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServer]:
    persons = people(12)
    server = FakeServer(FakeQbo(persons, sales(persons, 6)))
    monkeypatch.setenv("GRAPH_IDENTITY_QBO_REALM_ID", REALM)
    monkeypatch.setenv("GRAPH_IDENTITY_QBO_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("GRAPH_IDENTITY_QBO_BASE_URL", server.url)
    yield server
    server.close()


def wait_for(api: httpx.Client, sync_id: str, seconds: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body: dict[str, Any] = api.get(f"/v1/syncs/{sync_id}").json()
        if body["status"] != "running":
            return body
        time.sleep(0.2)
    raise AssertionError("the sync did not finish")


def test_a_sync_started_over_http_loads_the_graph_and_reports_its_metrics(
    api_server: Callable[..., httpx.Client], qbo_server: FakeServer
) -> None:
    api = api_server()
    started = api.post("/v1/syncs", json={"providers": ["qbo"]})
    assert started.status_code == 202, started.text
    body = started.json()
    assert body["status"] == "running" and body["providers"] == ["qbo"]

    done = wait_for(api, body["id"])
    assert done["status"] == "done", done
    (report,) = done["reports"]
    assert report["account"] == REALM
    assert report["metrics"]["fetched"] == 12 + 6
    assert report["metrics"]["errors"] == 0
    assert [s["mode"] for s in report["streams"]] == ["full", "full", "full"]

    found = api.post("/v1/resolve", json={"email": "Person5@Example.com"})
    assert found.status_code == 200 and found.json()["status"] == "found"

    again = wait_for(api, api.post("/v1/syncs", json={}).json()["id"])
    assert again["providers"] == ["qbo"]  # every configured provider
    assert [s["mode"] for s in again["reports"][0]["streams"]] == ["incremental"] * 3
    assert again["reports"][0]["metrics"]["fetched"] == 0


def test_sync_requests_are_checked_and_keyed(
    api_server: Callable[..., httpx.Client], qbo_server: FakeServer
) -> None:
    api = api_server()
    unknown = api.post("/v1/syncs", json={"providers": ["nosuch"]})
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "providers"]
    future = api.post("/v1/syncs", json={"since": "2999-01-01T00:00:00Z"})
    assert future.status_code == 422
    assert future.json()["detail"][0]["loc"] == ["body", "since"]
    assert api.get("/v1/syncs/syn_nothing").status_code == 404
    keyless = httpx.post(f"{api.base_url}/v1/syncs", json={})
    assert keyless.status_code == 401
    assert qbo_server.requests == []
