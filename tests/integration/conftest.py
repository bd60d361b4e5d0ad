"""Fixtures for tests of the library against the real Neo4j."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from neo4j import Driver

from graph_identity.config import Policy, Settings
from graph_identity.service import IdentityService


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
def connected(make_service: Callable[..., IdentityService]) -> IdentityService:
    return make_service(policy=Policy.CONNECTED)
