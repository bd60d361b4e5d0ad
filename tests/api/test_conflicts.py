"""Conflicts over HTTP: listed by status, decided by a human, bad decisions refused."""

from __future__ import annotations

import httpx
from neo4j import Driver

from tests.api.helpers import count, pos_and_ecom


def open_conflict(reviewing_api: httpx.Client) -> tuple[dict[str, object], list[str]]:
    first, second, third = (
        reviewing_api.post("/v1/records", json=r).json() for r in pos_and_ecom()
    )
    assert third["action"] == "ambiguous" and third["conflict_id"]
    return third, [str(first["customer_id"]), str(second["customer_id"])]


def test_conflicts_listed_by_status_and_merged_by_decision(reviewing_api: httpx.Client) -> None:
    third, candidates = open_conflict(reviewing_api)
    listed = reviewing_api.get("/v1/conflicts", params={"status": "open"})
    assert listed.status_code == 200
    (conflict,) = listed.json()["items"]
    assert conflict["id"] == third["conflict_id"] and conflict["status"] == "open"
    assert conflict["record"] == "lightspeed_ecom:web-1"
    assert sorted(conflict["customer_ids"]) == sorted(candidates)
    assert {i["kind"] for i in conflict["identifiers"]} == {"email", "phone"}
    decided = reviewing_api.post(
        f"/v1/conflicts/{conflict['id']}/decision",
        json={"decision": "merge", "actor": "ops@shop", "reason": "same person"},
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["decision"]["kind"] == "merge"
    survivor = decided.json()["customer_id"]
    assert survivor in candidates
    assert len(reviewing_api.get(f"/v1/customers/{survivor}").json()["records"]) == 3
    assert reviewing_api.get("/v1/conflicts", params={"status": "open"}).json()["items"] == []
    (resolved,) = reviewing_api.get("/v1/conflicts", params={"status": "resolved"}).json()["items"]
    assert resolved["decision"]["actor"] == "ops@shop"
    assert len(reviewing_api.get("/v1/conflicts").json()["items"]) == 1


def test_keep_apart_and_assign(reviewing_api: httpx.Client) -> None:
    third, candidates = open_conflict(reviewing_api)
    assigned = reviewing_api.post(
        f"/v1/conflicts/{third['conflict_id']}/decision",
        json={
            "decision": "assign",
            "actor": "ops",
            "reason": "shipped to her",
            "customer_id": candidates[1],
        },
    )
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["customer_id"] == candidates[1]
    records = reviewing_api.get(f"/v1/customers/{candidates[1]}").json()["records"]
    assert "lightspeed_ecom:web-1" in records


def test_bad_decisions_are_422_and_change_nothing(
    reviewing_api: httpx.Client, graph: Driver
) -> None:
    third, _ = open_conflict(reviewing_api)
    url = f"/v1/conflicts/{third['conflict_id']}/decision"
    not_candidate = reviewing_api.post(
        url, json={"decision": "assign", "actor": "ops", "reason": "r", "customer_id": "nope"}
    )
    assert not_candidate.status_code == 422
    assert not_candidate.json()["detail"][0]["type"] == "invalid_decision"
    assert not_candidate.json()["detail"][0]["loc"][0] == "body"
    for bad, field in (
        ({"decision": "frobnicate", "actor": "ops", "reason": "r"}, "decision"),
        ({"decision": "merge", "actor": " ", "reason": "r"}, "actor"),
        ({"decision": "merge", "actor": "ops"}, "reason"),
    ):
        response = reviewing_api.post(url, json=bad)
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["detail"]] == [["body", field]]
    assert count(graph, "MATCH (d:Decision) RETURN count(d)") == 0
    assert reviewing_api.get("/v1/conflicts", params={"status": "open"}).json()["items"]
    assert reviewing_api.get("/v1/conflicts", params={"status": "closed"}).status_code == 422


def test_unknown_conflict_is_404(reviewing_api: httpx.Client) -> None:
    response = reviewing_api.post(
        "/v1/conflicts/nope/decision", json={"decision": "merge", "actor": "a", "reason": "r"}
    )
    assert response.status_code == 404 and isinstance(response.json()["detail"], str)
