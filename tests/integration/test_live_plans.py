"""The hot lookup keeps its first plan (``CYPHER replan=skip``, see docs/scaling.md "Query
plans"). That is only safe while no plan it could get scans, so its anchors carry index
hints: every plan, made on an empty graph or on populated ones, with or without the
parameters' types known, reads only from index seeks and the parameter list it is handed.
Without the hints, Neo4j 2026.08 once planned an index *scan* of every identifier key on a
small graph (in a full suite run; it depends on the index samples of the moment, so this
test cannot call it up on demand), a plan that ``replan=skip`` would have kept as the graph
grew."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from neo4j import Driver

from graph_identity.service import IdentityService
from graph_identity.store import cypher
from graph_identity.store.admin import wipe
from tests.integration.test_concurrency import people_records

LOOKUP = "read/resolve"
SKIP = "CYPHER replan=skip"
SOURCES = {"Argument", "EmptyRow", "Unwind", "NodeIndexSeek", "NodeUniqueIndexSeek"}
"""Where a plan's rows may come from: what it is handed (a parameter list), or an index seek."""
PARAMETERS: list[dict[str, Any]] = [
    {},
    {"record": "shopify:1", "keys": ["email:ada@example.com", "phone:+15125550142"]},
    {"record": None, "keys": ["email:ada@example.com"]},
]


def leaves(plan: dict[str, Any]) -> list[str]:
    """The operators a plan reads from, without the ``@database`` and ``(Locking)`` tags."""
    children = plan.get("children", [])
    if not children:
        return [plan["operatorType"].split("@")[0].split("(")[0]]
    return [leaf for child in children for leaf in leaves(child)]


def fresh_plan_leaves(driver: Driver, database: str) -> list[set[str]]:
    """The lookup's plan leaves, planned afresh (EXPLAIN runs nothing), per parameter set."""
    text = cypher.load(LOOKUP).replace(SKIP, "CYPHER replan=force")
    found = []
    for parameters in PARAMETERS:
        with driver.session(database=database) as session:
            summary = session.run("EXPLAIN " + text, parameters).consume()
        assert summary.plan is not None
        found.append(set(leaves(summary.plan)))
    return found


def test_the_lookup_keeps_its_plan() -> None:
    assert SKIP in cypher.load(LOOKUP)


@pytest.mark.filterwarnings("ignore::neo4j.warnings.Neo4jWarning")
def test_the_lookup_only_seeks_on_an_empty_graph_and_populated_ones(
    graph: Driver, make_service: Callable[..., IdentityService], neo4j_connection: Any
) -> None:
    database = neo4j_connection.database
    wipe(graph, database)
    plans = fresh_plan_leaves(graph, database)
    for seed in (5, 6, 7, 8):
        make_service().ingest_batch(people_records(seed=seed))
        plans += fresh_plan_leaves(graph, database)
    assert all(found <= SOURCES for found in plans), plans
