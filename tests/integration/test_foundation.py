"""The foundation: a real Neo4j Community (5.26 or 2026.x), the schema, the CLI, the Browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import yaml
from neo4j import Driver

from graph_identity.neo4j_local.versions import is_calendar, line_of
from graph_identity.store.admin import server_components
from graph_identity.store.schema import apply_schema
from tests.conftest import REPO_ROOT, Neo4jConnection, free_port, requested_neo4j_version


def test_server_is_a_supported_neo4j_community(
    graph: Driver, neo4j_connection: Neo4jConnection
) -> None:
    """5.26 LTS or a calendar release; exactly the one asked for when the harness knows it."""
    components = server_components(graph, neo4j_connection.database)
    kernel = next(c for c in components if c["name"] == "Neo4j Kernel")
    assert kernel["edition"] == "community"
    version = str(kernel["versions"][0])
    assert line_of(version) == "5.26" or is_calendar(version), version
    if neo4j_connection.version is not None:
        assert version == neo4j_connection.version


def test_schema_apply_is_idempotent_and_creates_every_key(
    graph: Driver, neo4j_connection: Neo4jConnection
) -> None:
    apply_schema(graph, neo4j_connection.database)
    apply_schema(graph, neo4j_connection.database)
    records, _, _ = graph.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN labelsOrTypes, properties"
    )
    keys = {(r["labelsOrTypes"][0], tuple(r["properties"])) for r in records}
    for expected in [
        ("Customer", ("id",)),
        ("Record", ("key",)),
        ("Record", ("provider", "external_id")),
        ("Email", ("value",)),
        ("Phone", ("value",)),
        ("AddressHash", ("value",)),
        ("Identifier", ("key",)),
    ]:
        assert expected in keys


def test_uniqueness_is_enforced(graph: Driver) -> None:
    graph.execute_query("CREATE (:Email:Identifier {key: 'email:a@b.c', value: 'a@b.c'})")
    with pytest.raises(Exception, match="already exists"):
        graph.execute_query("CREATE (:Email:Identifier {key: 'email:x', value: 'a@b.c'})")


def test_browser_is_served(neo4j_connection: Neo4jConnection) -> None:
    if neo4j_connection.http_url is None:
        pytest.fail("the harness did not say where Neo4j's HTTP port is")
    response = httpx.get(f"{neo4j_connection.http_url}/browser/", timeout=10)
    assert response.status_code == 200
    assert "<title>Neo4j Browser</title>" in response.text


def test_docker_compose_wires_neo4j_and_api() -> None:
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    neo4j, api = services["neo4j"], services["api"]
    assert neo4j["image"].startswith("neo4j:5.26")
    assert "community" in neo4j["image"]
    assert {"127.0.0.1:7474:7474", "127.0.0.1:7687:7687"} <= set(neo4j["ports"])
    assert "healthcheck" in neo4j
    assert neo4j["volumes"]
    env = api["environment"]
    for name in (
        "NEO4J_URI",
        "NEO4J_USER",
        "NEO4J_PASSWORD",
        "NEO4J_DATABASE",
        "GRAPH_IDENTITY_API_KEYS",
        "GRAPH_IDENTITY_DEFAULT_REGION",
    ):
        assert name in env
    assert env["NEO4J_URI"].startswith("neo4j://neo4j:")
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert (REPO_ROOT / api["build"]["context"] / "Dockerfile").is_file()


def _cli(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_ID"))}
    full_env.update({"GRAPH_IDENTITY_HOME": str(home)}, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "graph_identity", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
        check=False,
    )


def test_cli_local_neo4j_lifecycle_keeps_data(tmp_path: Path) -> None:
    """start → write → stop → start → read; start twice is a no-op; Browser answers."""
    if os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI points at an external server; the local lifecycle is not used")
    bolt, http = free_port(), free_port()
    ports = ["--bolt-port", str(bolt), "--http-port", str(http), "--heap", "512m"]
    ports += ["--version", requested_neo4j_version()]
    env = {"NEO4J_URI": f"neo4j://127.0.0.1:{bolt}"}
    started = _cli(tmp_path, "neo4j", "start", *ports, env=env)
    assert started.returncode == 0, started.stderr
    try:
        again = _cli(tmp_path, "neo4j", "start", *ports, env=env)
        assert again.returncode == 0 and "running" in again.stderr
        assert httpx.get(f"http://127.0.0.1:{http}/browser/", timeout=10).status_code == 200
        from neo4j import GraphDatabase

        password = (tmp_path / "neo4j" / "password").read_text()
        with GraphDatabase.driver(env["NEO4J_URI"], auth=("neo4j", password)) as driver:
            driver.execute_query("CREATE (:Probe {value: 42})")
        assert _cli(tmp_path, "neo4j", "stop").returncode == 0
        assert _cli(tmp_path, "neo4j", "status").returncode == 1
        assert _cli(tmp_path, "neo4j", "start", *ports, env=env).returncode == 0
        with GraphDatabase.driver(env["NEO4J_URI"], auth=("neo4j", password)) as driver:
            records, _, _ = driver.execute_query("MATCH (p:Probe) RETURN p.value AS value")
        assert [r["value"] for r in records] == [42]
    finally:
        _cli(tmp_path, "neo4j", "stop")


def test_cli_reports_a_taken_port(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        result = _cli(
            tmp_path, "neo4j", "start", "--bolt-port", str(taken), "--http-port", str(free_port())
        )
    assert result.returncode == 1
    assert f"port {taken}" in result.stderr and "taken" in result.stderr


def test_cli_reports_missing_java(tmp_path: Path) -> None:
    """GRAPH_IDENTITY_JAVA_HOME is taken as given: no other Java is tried in its place."""
    try:
        result = _cli(
            tmp_path,
            "neo4j",
            "start",
            "--bolt-port",
            str(free_port()),
            "--http-port",
            str(free_port()),
            env={"GRAPH_IDENTITY_JAVA_HOME": str(tmp_path / "no-java")},
        )
    finally:
        _cli(tmp_path, "neo4j", "stop")  # a regression must not leave a server behind
    assert result.returncode == 1
    assert "Java was not found in GRAPH_IDENTITY_JAVA_HOME" in " ".join(result.stderr.split())
