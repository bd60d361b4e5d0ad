"""A Neo4j of the reliability tests' own, which they stop and start on purpose."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from neo4j import Driver, GraphDatabase

from graph_identity.neo4j_local import LocalNeo4j
from graph_identity.store.admin import wipe
from graph_identity.store.schema import apply_schema
from tests.conftest import free_port, requested_neo4j_version


@dataclass
class OwnNeo4j:
    server: LocalNeo4j
    password: str

    @property
    def uri(self) -> str:
        return f"neo4j://127.0.0.1:{self.server.bolt_port}"

    def env(self, home: Path) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_ID"))}
        return {
            **keep,
            "NEO4J_URI": self.uri,
            "NEO4J_USER": "neo4j",
            "NEO4J_PASSWORD": self.password,
            "GRAPH_IDENTITY_HOME": str(home),
        }

    def driver(self) -> Driver:
        return GraphDatabase.driver(
            self.uri, auth=("neo4j", self.password), notifications_min_severity="OFF"
        )

    def stop(self) -> None:
        self.server.stop()

    def start(self) -> None:
        self.server.start(self.password)


@pytest.fixture(scope="module")
def own_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OwnNeo4j]:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("stopping the database needs the local server, not an external NEO4J_URI")
    server = LocalNeo4j(
        tmp_path_factory.mktemp("own-neo4j"),
        bolt_port=free_port(),
        http_port=free_port(),
        heap="512m",
        page_cache="256m",
        version=requested_neo4j_version(),
    )
    own = OwnNeo4j(server, secrets.token_urlsafe(16))
    own.start()
    with own.driver() as driver:
        apply_schema(driver, "neo4j")
    yield own
    own.stop()


@pytest.fixture
def own_graph(own_neo4j: OwnNeo4j) -> Iterator[Driver]:
    """A driver on the own server, running and empty."""
    if not own_neo4j.server.status().running:
        own_neo4j.start()
    driver = own_neo4j.driver()
    wipe(driver, "neo4j")
    yield driver
    driver.close()


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """The real API in a subprocess, once /healthz answers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "graph_identity", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"the API did not start: {process.stderr.read().decode()[-2000:]}")
