"""Operational statements: readiness, server version, wiping a database."""

from __future__ import annotations

from neo4j import Driver

from graph_identity.store import cypher


def server_components(driver: Driver, database: str) -> list[dict[str, object]]:
    records, _, _ = driver.execute_query(cypher.load("admin/components"), database_=database)
    return [record.data() for record in records]


def wipe(driver: Driver, database: str) -> None:
    """Delete everything (constraints stay). Auto-commit, as ``IN TRANSACTIONS`` requires."""
    with driver.session(database=database) as session:
        session.run(cypher.load("admin/wipe")).consume()
