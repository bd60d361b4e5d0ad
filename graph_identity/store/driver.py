"""Connecting to Neo4j with the settings (routing ``neo4j://`` scheme by default)."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase

from graph_identity.config import Settings


def neo4j_password(settings: Settings) -> str | None:
    """``NEO4J_PASSWORD``, else the password of the local server that the CLI started."""
    if settings.neo4j_password is not None:
        return settings.neo4j_password.get_secret_value()
    stored = settings.neo4j_home / "password"
    return stored.read_text().strip() if stored.is_file() else None


def _options(settings: Settings) -> dict[str, Any]:
    password = neo4j_password(settings)
    return {
        "auth": (settings.neo4j_user, password) if password is not None else None,
        "max_connection_pool_size": 50,
        "connection_acquisition_timeout": 30.0,
        "max_transaction_retry_time": 15.0,
        "notifications_min_severity": "OFF",
    }


def connect(settings: Settings) -> Driver:
    return GraphDatabase.driver(settings.neo4j_uri, **_options(settings))


def connect_async(settings: Settings) -> AsyncDriver:
    """The asyncio driver, for reads served on the API's event loop (no thread per read)."""
    return AsyncGraphDatabase.driver(settings.neo4j_uri, **_options(settings))
