"""Applying ``cypher/schema.cypher``: every statement is ``IF NOT EXISTS``, so it is idempotent."""

from __future__ import annotations

from neo4j import Driver

from graph_identity.store import cypher


def apply_schema(driver: Driver, database: str) -> int:
    """Create the constraints and indexes that are missing; returns the statement count."""
    schema = cypher.statements("schema")
    for statement in schema:
        driver.execute_query(statement, database_=database)
    driver.execute_query(cypher.load("admin/await_indexes"), database_=database)
    return len(schema)
