"""Fixtures for the analyst tests: the demo loaded once per module into the test Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from neo4j import Driver

from graph_identity.config import Settings
from graph_identity.demo import DemoSummary, load_demo
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe
from tests.conftest import Neo4jConnection


@dataclass(frozen=True)
class LoadedDemo:
    driver: Driver
    service: IdentityService
    summary: DemoSummary


@pytest.fixture(scope="module")
def demo(
    neo4j_driver: Driver,
    neo4j_connection: Neo4jConnection,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LoadedDemo]:
    """An empty graph with the demo loaded through the service (strict policy)."""
    wipe(neo4j_driver, neo4j_connection.database)
    settings = Settings(
        _env_file=None,
        NEO4J_URI=neo4j_connection.uri,
        NEO4J_USER=neo4j_connection.user,
        NEO4J_PASSWORD=neo4j_connection.password,
        NEO4J_DATABASE=neo4j_connection.database,
        GRAPH_IDENTITY_HOME=str(tmp_path_factory.mktemp("home")),
    )
    service = IdentityService(neo4j_driver, settings)
    yield LoadedDemo(neo4j_driver, service, load_demo(service))
    wipe(neo4j_driver, neo4j_connection.database)
