"""Faults on purpose: Neo4j stopped under the API and under an import, the API killed."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from neo4j import Driver

from graph_identity.store.admin import wipe
from tests.conftest import free_port
from tests.reliability.conftest import OwnNeo4j, serve

KEY = "reliability-key-1"
# Rows of the interrupted import: Neo4j is stopped once a fifth of them are stored.
IMPORT_ROWS = 15_000


def record(index: int) -> dict[str, Any]:
    """Record ``index``: people of three records each, linked by email and phone."""
    person = index // 3
    fields: dict[str, Any] = {"provider": "shopify", "external_id": f"r{index}"}
    if index % 3 != 1:
        fields["emails"] = [f"person{person}@example.com"]
    if index % 3 != 0:
        fields["phones"] = [f"+1512{2000000 + person:07d}"]
    return fields


def partition(driver: Driver) -> set[frozenset[str]]:
    rows, _, _ = driver.execute_query(
        "MATCH (r:Record)-[:BELONGS_TO]->(c:Customer) RETURN collect(r.key) AS keys , c.id AS c"
    )
    return {frozenset(row["keys"]) for row in rows}


def counts(driver: Driver) -> dict[str, int]:
    rows, _, _ = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
    )
    return {row["label"]: row["n"] for row in rows if row["label"] != "ImportCheckpoint"}


def test_api_answers_503_while_neo4j_is_down_and_recovers_by_itself(
    own_neo4j: OwnNeo4j, own_graph: Driver, tmp_path: Path
) -> None:
    port = free_port()
    api = serve({**own_neo4j.env(tmp_path), "GRAPH_IDENTITY_API_KEYS": KEY}, port)
    client = httpx.Client(
        base_url=f"http://127.0.0.1:{port}", headers={"X-API-Key": KEY}, timeout=60
    )
    try:
        assert client.post("/v1/records", json=record(0)).status_code in (200, 201)
        own_neo4j.stop()
        for method, url, body in (
            ("POST", "/v1/records", record(1)),
            ("POST", "/v1/resolve", {"email": "person0@example.com"}),
            ("GET", "/readyz", None),
        ):
            down = client.request(method, url, json=body)
            assert down.status_code == 503, (url, down.text)
            assert down.headers.get("Retry-After")
            assert "Traceback" not in down.text and isinstance(down.json()["detail"], str)
        own_neo4j.start()
        deadline = time.monotonic() + 90
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the API did not recover"
            time.sleep(1)
        back = client.post("/v1/records", json=record(1))
        assert back.status_code in (200, 201), back.text
        assert client.post("/v1/resolve", json={"email": "person0@example.com"}).status_code == 200
    finally:
        client.close()
        api.terminate()
        api.wait(timeout=30)


def write_flat_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "email", "phone"])
        for index in range(rows):
            fields = record(index)
            writer.writerow(
                [fields["external_id"], *fields.get("emails", [""]), *fields.get("phones", [""])]
            )


def run_import(env: dict[str, str], path: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graph_identity",
            "import",
            str(path),
            "--provider",
            "shopify",
            "--format",
            "csv",
            "--policy",
            "connected",
            *extra,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_import_stops_clearly_when_neo4j_goes_down_and_a_rerun_finishes_it(
    own_neo4j: OwnNeo4j, own_graph: Driver, tmp_path: Path
) -> None:
    data = tmp_path / "customers.csv"
    write_flat_csv(data, IMPORT_ROWS)
    env = own_neo4j.env(tmp_path)
    interrupted = run_import(env, data, "--batch-size", "500")
    deadline = time.monotonic() + 120
    while True:
        checkpoints, _, _ = own_graph.execute_query("MATCH (r:Record) RETURN count(r) AS n")
        if checkpoints[0]["n"] >= IMPORT_ROWS // 5:
            break
        assert interrupted.poll() is None, "the import finished before the outage"
        assert time.monotonic() < deadline
        time.sleep(0.2)
    own_neo4j.stop()
    _, stderr = interrupted.communicate(timeout=180)
    assert interrupted.returncode != 0
    assert "Neo4j is not reachable" in stderr and "Traceback" not in stderr
    own_neo4j.start()
    with own_neo4j.driver() as driver:
        resumed = run_import(env, data, "--batch-size", "500")
        assert resumed.wait(timeout=600) == 0, resumed.stderr.read() if resumed.stderr else ""
        after_outage = (partition(driver), counts(driver))
        wipe(driver, "neo4j")
        clean = run_import(env, data, "--batch-size", "500")
        assert clean.wait(timeout=600) == 0
        assert (partition(driver), counts(driver)) == after_outage
        assert len(after_outage[0]) == IMPORT_ROWS // 3


def test_killed_api_leaves_no_half_written_chunk_and_a_resend_is_idempotent(
    own_neo4j: OwnNeo4j, own_graph: Driver, tmp_path: Path
) -> None:
    env = {
        **own_neo4j.env(tmp_path),
        "GRAPH_IDENTITY_API_KEYS": KEY,
        "GRAPH_IDENTITY_POLICY": "connected",
        "GRAPH_IDENTITY_CHUNK_SIZE": "50",
    }
    batches = [[record(i) for i in range(b * 300, (b + 1) * 300)] for b in range(12)]
    port = free_port()
    api = serve(env, port)
    base = f"http://127.0.0.1:{port}"

    def send(batch: list[dict[str, Any]]) -> int:
        try:
            response = httpx.post(
                f"{base}/v1/records/batch",
                json={"records": batch},
                headers={"X-API-Key": KEY},
                timeout=120,
            )
        except httpx.HTTPError:
            return -1
        return response.status_code

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(send, batch) for batch in batches]
        deadline = time.monotonic() + 120
        while own_graph.execute_query("MATCH (r:Record) RETURN count(r) AS n")[0][0]["n"] < 600:
            assert time.monotonic() < deadline, "the API wrote too little to interrupt"
            time.sleep(0.05)
        os.kill(api.pid, signal.SIGKILL)
        api.wait(timeout=30)
        statuses = [f.result() for f in futures]
    assert -1 in statuses, "the kill came after every batch had finished"
    rows, _, _ = own_graph.execute_query(
        "MATCH (r:Record) RETURN r.key AS key, COUNT { (r)-[:BELONGS_TO]->() } AS customers,"
        " COUNT { (r)-[:HAS]->() } AS links"
    )
    expected_links = {f"shopify:r{i}": 2 if i % 3 == 2 else 1 for i in range(3600)}
    assert rows, "nothing was written before the kill"
    for row in rows:
        assert row["customers"] == 1 and row["links"] == expected_links[row["key"]]
    api = serve(env, port)
    try:
        statuses = [send(batch) for batch in batches]
        assert statuses == [200] * len(batches)
        assert {send(batch) for batch in batches} == {200}
        resent = partition(own_graph)
    finally:
        api.terminate()
        api.wait(timeout=30)
    assert resent == {
        frozenset(f"shopify:r{i}" for i in range(p * 3, p * 3 + 3)) for p in range(1200)
    }
