"""Run a real local Neo4j Community server without Docker."""

from graph_identity.neo4j_local.java import Java, JavaNotFoundError, find_java
from graph_identity.neo4j_local.server import (
    LocalNeo4j,
    LocalNeo4jError,
    ServerStatus,
    recorded_version,
)
from graph_identity.neo4j_local.versions import (
    LINES,
    NEO4J_VERSION,
    UnknownVersionError,
    line_of,
    resolve_version,
)

__all__ = [
    "LINES",
    "NEO4J_VERSION",
    "Java",
    "JavaNotFoundError",
    "LocalNeo4j",
    "LocalNeo4jError",
    "ServerStatus",
    "UnknownVersionError",
    "find_java",
    "line_of",
    "recorded_version",
    "resolve_version",
]
