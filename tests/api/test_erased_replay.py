"""A refused replay of an erased record writes nothing: none of its values come back.

Issue #20, defect 1: identifiers used to be created before the tombstone was checked, so a
refused replay (409 alone, or listed as rejected in a batch) still committed ``Email`` and
``Phone`` nodes holding the erased values.
"""

from __future__ import annotations

import httpx
from neo4j import Driver

from tests.api.helpers import body, count

ERASED = body("shopify", "e1", emails=["erase.me@example.com"], phones=["(512) 555-0177"])
VALUES = "MATCH (i:Identifier) WHERE i.value IN ['erase.me@example.com', '+15125550177'] "


def _erase(api: httpx.Client, graph: Driver) -> None:
    assert api.post("/v1/records", json=ERASED).status_code == 201
    erased = api.delete("/v1/records/shopify/e1")
    assert erased.status_code == 200 and erased.json()["identifiers_removed"] == 2
    assert count(graph, VALUES + "RETURN count(i)") == 0


def test_a_refused_single_replay_leaves_no_erased_value(api: httpx.Client, graph: Driver) -> None:
    _erase(api, graph)
    replay = api.post("/v1/records", json=ERASED)
    assert replay.status_code == 409
    assert count(graph, VALUES + "RETURN count(i)") == 0
    assert count(graph, "MATCH (n) WHERE n:Record OR n:Identifier RETURN count(n)") == 0
    assert api.post("/v1/resolve", json={"email": "erase.me@example.com"}).status_code == 404


def test_a_refused_replay_in_a_batch_writes_nothing_of_it_and_the_rest_lands(
    api: httpx.Client, graph: Driver
) -> None:
    _erase(api, graph)
    other = body("qbo", "7", emails=["someone.else@example.com"], phones=["(512) 555-0177"])
    batch = api.post("/v1/records/batch", json={"records": [ERASED, other]})
    assert batch.status_code == 200, batch.text
    answer = batch.json()
    assert [r["record"] for r in answer["rejected"]] == ["shopify:e1"]
    assert [r["record"] for r in answer["results"]] == ["qbo:7"]
    assert count(graph, "MATCH (i:Email {value: 'erase.me@example.com'}) RETURN count(i)") == 0
    # The phone is the other record's own now, linked to it alone.
    holders, _, _ = graph.execute_query("MATCH (:Phone)<-[:HAS]-(r:Record) RETURN r.key AS key")
    assert [row["key"] for row in holders] == ["qbo:7"]


def test_a_re_allowed_replay_is_ingested_and_its_tombstone_goes(
    api: httpx.Client, graph: Driver
) -> None:
    _erase(api, graph)
    allowed = api.post(
        "/v1/records/allow-replay", json={"provider": "shopify", "external_id": "e1"}
    )
    assert allowed.status_code == 200
    replay = api.post("/v1/records", json=ERASED)
    assert replay.status_code == 201 and replay.json()["action"] == "created"
    assert count(graph, VALUES + "RETURN count(i)") == 2
    assert count(graph, "MATCH (t:Tombstone) RETURN count(t)") == 0
