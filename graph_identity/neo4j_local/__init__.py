"""Run a real local Neo4j Community server without Docker."""

from graph_identity.neo4j_local.server import (
    NEO4J_VERSION,
    LocalNeo4j,
    LocalNeo4jError,
    ServerStatus,
    find_java,
)

__all__ = ["NEO4J_VERSION", "LocalNeo4j", "LocalNeo4jError", "ServerStatus", "find_java"]
