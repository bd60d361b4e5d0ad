"""Cypher-injection strings are data: stored or refused, never a change of graph structure."""

from __future__ import annotations

from neo4j import Driver

from graph_identity.models import RecordIn
from graph_identity.service import IdentityService

INJECTIONS = [
    "x' }) MATCH (n) DETACH DELETE n //",
    '"}) CREATE (:Pwned) //',
    "1 OR 1=1; MATCH (n) SET n.pwned = true",
    "$(labels) `Customer` {id: 'evil'}",
    "\u0000\u202e\ufeffRTL",
    "\u02bc; DROP CONSTRAINT customer_id; //",
]


def structure(driver: Driver) -> tuple[list[tuple[str, ...]], int]:
    labels, _, _ = driver.execute_query("CALL db.labels() YIELD label RETURN label ORDER BY label")
    constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")
    return [tuple(r) for r in labels], constraints[0]["n"]


def test_injection_strings_in_every_field_are_stored_as_plain_data(
    strict: IdentityService, graph: Driver
) -> None:
    strict.ingest(RecordIn(provider="shopify", external_id="baseline", emails=["a@example.com"]))
    labels_before, constraints_before = structure(graph)
    for index, payload in enumerate(INJECTIONS):
        result = strict.ingest(
            RecordIn(
                provider="manual",
                external_id=f"{payload}-{index}",
                first_name=payload,
                last_name=payload,
                customer_code=payload,
                emails=[f"{payload}@example.com", "a@example.com"],
                phones=[payload],
                addresses=[{"name": payload, "line1": payload, "city": payload}],
                orders=[{"id": payload, "number": payload}],
            )
        )
        stored = strict.customer(result.customer_id)
        assert f"manual:{payload}-{index}" in stored.records
    labels_after, constraints_after = structure(graph)
    assert labels_after == labels_before
    assert constraints_after == constraints_before
    pwned, _, _ = graph.execute_query(
        "MATCH (n) WHERE n:Pwned OR n.pwned IS NOT NULL RETURN count(n) AS n"
    )
    assert pwned[0]["n"] == 0
    assert strict.resolve(provider="manual", external_id=f"{INJECTIONS[0]}-0").customer_id
