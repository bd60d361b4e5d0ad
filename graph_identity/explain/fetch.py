"""Running one explanation query: one round trip, one row.

The explanation queries return times as ISO-8601 strings (the models parse them), so rows
hold plain values only and need no conversion.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from graph_identity.store import cypher


def fetch_row(driver: Driver, database: str, name: str, **params: Any) -> dict[str, Any] | None:
    """The single row of ``cypher/<name>.cypher`` (a read), or None when it returns none."""
    records, _, _ = driver.execute_query(
        cypher.load(name), params, database_=database, routing_="r"
    )
    return records[0].data() if records else None
