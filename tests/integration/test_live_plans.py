"""The live path's statements keep their first plan (``CYPHER replan=skip``, see
docs/scaling.md "Query plans"). That is only safe while no plan they could get scans: every
plan, made on an empty graph or on a populated one, reads only from index seeks (or rows it
is handed), so a plan made early costs seeks and expansions from known keys however large
the graph grows. The plans do differ in details with the statistics (where properties are
cached, which end of a two-key pattern is expanded)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from neo4j import Driver

from graph_identity.service import IdentityService
from graph_identity.store import cypher
from graph_identity.store.admin import wipe
from tests.integration.test_concurrency import people_records

LIVE_PATH = [
    "read/resolve",
    *(
        f"resolution/{path.stem}"
        for path in sorted((cypher.cypher_dir() / "resolution").glob("*.cypher"))
    ),
    "webhooks/remember_delivery",
    "webhooks/known_deliveries",
]
SKIP = "CYPHER replan=skip"


SOURCES = {"Argument", "EmptyRow", "Unwind", "NodeIndexSeek", "NodeUniqueIndexSeek"}
"""Where a plan's rows may come from: what it is handed (a parameter list), or an index seek."""


def leaves(plan: dict[str, Any]) -> list[str]:
    """The operators a plan reads from, without the ``@database`` and ``(Locking)`` tags."""
    children = plan.get("children", [])
    if not children:
        return [plan["operatorType"].split("@")[0].split("(")[0]]
    return [leaf for child in children for leaf in leaves(child)]


def plans(driver: Driver, database: str) -> dict[str, list[str]]:
    """Each statement's plan leaves, planned afresh now (EXPLAIN runs nothing)."""
    found = {}
    for name in LIVE_PATH:
        text = cypher.load(name).replace(SKIP, "CYPHER replan=force")
        with driver.session(database=database) as session:
            summary = session.run("EXPLAIN " + text).consume()
        assert summary.plan is not None
        found[name] = leaves(summary.plan)
    return found


def test_every_live_statement_keeps_its_plan() -> None:
    assert all(SKIP in cypher.load(name) for name in LIVE_PATH)


@pytest.mark.filterwarnings("ignore::neo4j.warnings.Neo4jWarning")
def test_live_plans_only_seek_on_an_empty_graph_and_a_populated_one(
    graph: Driver, make_service: Callable[..., IdentityService], neo4j_connection: Any
) -> None:
    database = neo4j_connection.database
    wipe(graph, database)
    on_empty = plans(graph, database)
    make_service().ingest_batch(people_records(seed=5))
    on_populated = plans(graph, database)
    for name in LIVE_PATH:
        assert set(on_empty[name]) <= SOURCES, (name, on_empty[name])
        assert set(on_populated[name]) <= SOURCES, (name, on_populated[name])
