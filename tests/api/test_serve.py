"""`graph-identity serve`: the CLI serves the same app, and refuses to start without keys."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from neo4j import Driver

from tests.conftest import Neo4jConnection, free_port


def environment(connection: Neo4jConnection, home: Path, **extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_ID"))}
    return {**keep, **connection.env(), "GRAPH_IDENTITY_HOME": str(home), **extra}


def test_serve_answers_on_the_given_port(
    graph: Driver, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    port = free_port()
    env = environment(neo4j_connection, tmp_path, GRAPH_IDENTITY_API_KEYS="cli-key")
    process = subprocess.Popen(
        [sys.executable, "-m", "graph_identity", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.3)
        record = {"provider": "shopify", "external_id": "cli", "emails": ["cli@example.com"]}
        created = httpx.post(f"{base}/v1/records", json=record, headers={"X-API-Key": "cli-key"})
        assert created.status_code == 201
        assert httpx.post(f"{base}/v1/records", json=record).status_code == 401
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert b"cli@example.com" not in stderr


def test_serve_without_keys_exits_2_with_a_clear_message(
    neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    env = environment(neo4j_connection, tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "graph_identity", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "GRAPH_IDENTITY_API_KEYS" in result.stderr and "Traceback" not in result.stderr
