"""Test harness: one real Neo4j for the whole run, an empty graph for each test.

Where the server comes from, in order: ``NEO4J_URI`` (with ``NEO4J_USER`` /
``NEO4J_PASSWORD``, and ``NEO4J_HTTP_URL`` for its Browser) when set; else testcontainers'
Neo4j module when a Docker engine answers; else the project's own local Neo4j (assembled
from Maven Central) on free ports. ``GRAPH_IDENTITY_TEST_NEO4J_VERSION`` (a line, ``5.26`` or
``2026``, or a full version) chooses the release those two start; default 5.26.
A missing server is an error, never a skip.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from neo4j import Driver, GraphDatabase

from graph_identity.config import Policy, Settings
from graph_identity.neo4j_local import NEO4J_VERSION, resolve_version
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe
from graph_identity.store.schema import apply_schema

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Neo4jConnection:
    uri: str
    user: str
    password: str
    database: str
    http_url: str | None
    origin: str
    version: str | None = None  # the release asked for; None: an outside server, not said

    def env(self) -> dict[str, str]:
        """The environment a subprocess (the API, the CLI) needs to reach this server."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USER": self.user,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": self.database,
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


TEST_VERSION_VARIABLE = "GRAPH_IDENTITY_TEST_NEO4J_VERSION"


def requested_neo4j_version() -> str:
    """The Neo4j release the suite runs on (``GRAPH_IDENTITY_TEST_NEO4J_VERSION``, else 5.26)."""
    spec = os.environ.get(TEST_VERSION_VARIABLE)
    return resolve_version(spec) if spec else NEO4J_VERSION


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception:
        return False
    return True


@pytest.fixture(scope="session")
def neo4j_connection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jConnection]:
    if os.environ.get("NEO4J_URI"):
        yield Neo4jConnection(
            uri=os.environ["NEO4J_URI"],
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
            http_url=os.environ.get("NEO4J_HTTP_URL", "").rstrip("/") or None,
            origin="NEO4J_URI",
            version=requested_neo4j_version() if os.environ.get(TEST_VERSION_VARIABLE) else None,
        )
        return
    password = secrets.token_urlsafe(16)
    version = requested_neo4j_version()
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer(f"neo4j:{version}-community", password=password) as container:
            host = container.get_container_host_ip()
            yield Neo4jConnection(
                uri=f"neo4j://{host}:{container.get_exposed_port(7687)}",
                user="neo4j",
                password=password,
                database="neo4j",
                http_url=f"http://{host}:{container.get_exposed_port(7474)}",
                origin="testcontainers",
                version=version,
            )
        return
    from graph_identity.neo4j_local import LocalNeo4j

    http_port = free_port()
    server = LocalNeo4j(
        tmp_path_factory.mktemp("neo4j-home"),
        bolt_port=free_port(),
        http_port=http_port,
        heap="1g",
        page_cache="512m",
        version=version,
    )
    status = server.start(password)
    try:
        yield Neo4jConnection(
            uri=status.bolt_uri,
            user="neo4j",
            password=password,
            database="neo4j",
            http_url=f"http://127.0.0.1:{http_port}",
            origin="local",
            version=version,
        )
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_connection: Neo4jConnection) -> Iterator[Driver]:
    driver = GraphDatabase.driver(
        neo4j_connection.uri,
        auth=(neo4j_connection.user, neo4j_connection.password),
        notifications_min_severity="OFF",
    )
    driver.verify_connectivity()
    apply_schema(driver, neo4j_connection.database)
    yield driver
    driver.close()


@pytest.fixture
def graph(neo4j_driver: Driver, neo4j_connection: Neo4jConnection) -> Driver:
    """The driver, on an empty graph (schema kept)."""
    wipe(neo4j_driver, neo4j_connection.database)
    return neo4j_driver


@pytest.fixture
def settings(neo4j_connection: Neo4jConnection, tmp_path: Path) -> Settings:
    """Settings pointing at the test server, isolated from the developer's environment."""
    return Settings(
        _env_file=None,
        NEO4J_URI=neo4j_connection.uri,
        NEO4J_USER=neo4j_connection.user,
        NEO4J_PASSWORD=neo4j_connection.password,
        NEO4J_DATABASE=neo4j_connection.database,
        GRAPH_IDENTITY_HOME=str(tmp_path / "home"),
        GRAPH_IDENTITY_API_KEYS="test-key-1,test-key-2",
    )


@pytest.fixture
def make_service(graph: Driver, settings: Settings) -> Callable[..., IdentityService]:
    """An IdentityService on an empty graph; keyword arguments override settings."""

    def make(**overrides: object) -> IdentityService:
        return IdentityService(graph, settings.model_copy(update=overrides))

    return make


@pytest.fixture
def strict(make_service: Callable[..., IdentityService]) -> IdentityService:
    return make_service(policy=Policy.STRICT)


@pytest.fixture
def reviewing(make_service: Callable[..., IdentityService]) -> IdentityService:
    """The policy that holds every bridge for a person, contradicted or not."""
    return make_service(policy=Policy.REVIEW_ALL_BRIDGES)


@pytest.fixture
def connected(make_service: Callable[..., IdentityService]) -> IdentityService:
    return make_service(policy=Policy.CONNECTED)


@pytest.fixture
def api_server(graph: Driver, settings: Settings) -> Iterator[Callable[..., httpx.Client]]:
    """Factory: ``api_server(**settings_overrides) -> httpx.Client`` on the REAL app.

    Each call starts ``api.app.create_app`` under uvicorn (a background thread) on a free
    loopback port, with the ``settings`` fixture updated by the overrides (Settings field
    names, e.g. ``policy=Policy.CONNECTED``, ``shopify_webhook_secret=SecretStr("s")``), on
    the empty graph of the ``graph`` fixture. The client sends ``X-API-Key: test-key-1``.
    Servers stop and clients close at teardown.
    """
    from api.app import create_app

    started: list[tuple[uvicorn.Server, threading.Thread, httpx.Client]] = []

    def start(**overrides: object) -> httpx.Client:
        port = free_port()
        app = create_app(settings.model_copy(update=overrides))
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, name=f"api-{port}", daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the API server did not start")
            time.sleep(0.02)
        client = httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"X-API-Key": "test-key-1"}, timeout=60
        )
        started.append((server, thread, client))
        return client

    yield start
    for server, thread, client in started:
        client.close()
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
def api(api_server: Callable[..., httpx.Client]) -> httpx.Client:
    """The real API with the default test settings (see ``api_server``)."""
    return api_server()
