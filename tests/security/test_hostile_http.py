"""Hostile input through the real server: injection strings in every string field, path and
query parameter, and unicode edge cases, are data or a 4xx — never a 500, never a change of
the graph's structure. Personal data stays out of the logs of a full run, and an erasure
through the API leaves none of the person's values anywhere in the graph."""

from __future__ import annotations

import json
import logging
from urllib.parse import quote

import httpx
import pytest
from neo4j import Driver

from tests.security.test_hostile_input_library import INJECTIONS, structure
from tests.security.test_personal_data import EMAIL, NEEDLES, PHONE, STREET, all_property_values

UNICODE_EDGES = [
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "\ufeffbom",
    "e\u0301\u0301\u0301",
    "\U0001f600\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\u0000nul",
    "a" * 10_000,
]


def _pwned(graph: Driver) -> int:
    rows, _, _ = graph.execute_query(
        "MATCH (n) WHERE n:Pwned OR n.pwned IS NOT NULL OR n.id = 'evil' RETURN count(n) AS n"
    )
    return int(rows[0]["n"])


def _record(index: int, payload: str) -> dict[str, object]:
    return {
        "provider": "manual",
        "external_id": f"{payload}-{index}",
        "first_name": payload,
        "last_name": payload,
        "customer_code": payload,
        "emails": [f"{payload}@example.com", "anchor@example.com"],
        "phones": [payload],
        "addresses": [{"name": payload, "line1": payload, "city": payload}],
        "orders": [{"id": payload, "number": payload}],
    }


def test_injection_strings_in_bodies_paths_and_queries_are_data(
    api: httpx.Client, graph: Driver
) -> None:
    anchor = api.post(
        "/v1/records",
        json={"provider": "shopify", "external_id": "anchor", "emails": ["anchor@example.com"]},
    )
    assert anchor.status_code == 201
    before = structure(graph)
    statuses: list[tuple[str, int]] = []
    for index, payload in enumerate(INJECTIONS):
        stored = api.post("/v1/records", json=_record(index, payload))
        statuses.append(("record", stored.status_code))
        batch = api.post("/v1/records/batch", json={"records": [_record(100 + index, payload)]})
        statuses.append(("batch", batch.status_code))
        segment = quote(payload, safe="")
        for method, url, kwargs in (
            ("POST", "/v1/resolve", {"json": {"email": payload, "phone": payload}}),
            ("POST", "/v1/resolve", {"json": {"provider": "manual", "external_id": payload}}),
            ("GET", f"/v1/customers/{segment}", {}),
            ("GET", f"/v1/customers/{segment}/explanation", {}),
            ("GET", "/v1/explain", {"params": {"a": payload, "b": f"manual:{payload}"}}),
            ("GET", "/v1/conflicts", {"params": {"status": payload}}),
            ("POST", f"/v1/conflicts/{segment}/decision", {"json": {
                "decision": "merge", "actor": payload, "reason": payload}}),
            ("GET", "/v1/compare/customers", {"params": {"source": payload,
                                                          "destination": "shopify"}}),
            ("DELETE", f"/v1/records/{segment}/{segment}", {}),
        ):
            response = api.request(method, url, **kwargs)
            statuses.append((url, response.status_code))
            assert "Traceback" not in response.text
    assert all(status < 500 for _, status in statuses), statuses
    assert any(url == "record" and status in (200, 201) for url, status in statuses)
    assert structure(graph) == before
    assert _pwned(graph) == 0
    stored = api.post(
        "/v1/resolve", json={"provider": "manual", "external_id": f"{INJECTIONS[0]}-0"}
    )
    assert stored.status_code == 200 and stored.json()["status"] == "found"


def test_unicode_edge_cases_are_stored_or_refused_never_500(
    api: httpx.Client, graph: Driver
) -> None:
    before = structure(graph)
    for index, value in enumerate(UNICODE_EDGES):
        response = api.post("/v1/records", json=_record(index, value))
        assert response.status_code in (200, 201, 422), (index, response.status_code)
    lone_surrogate = b'{"provider": "manual", "external_id": "\\ud800", "emails": ["a@b.co"]}'
    response = api.post(
        "/v1/records", content=lone_surrogate, headers={"Content-Type": "application/json"}
    )
    assert response.status_code in (200, 201, 400, 422), response.status_code
    overlong = "\xc0\xaf".encode("latin-1")
    response = api.post(
        "/v1/records",
        content=b'{"provider": "manual", "external_id": "' + overlong + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422)
    assert structure(graph)[1] == before[1]
    assert _pwned(graph) == 0


def test_a_full_run_logs_no_personal_data_and_erasure_leaves_none_in_the_graph(
    api: httpx.Client, graph: Driver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="graph_identity")
    caplog.set_level(logging.DEBUG, logger="api")
    caplog.set_level(logging.INFO)
    person = {
        "provider": "shopify",
        "external_id": "p1",
        "first_name": "Marie",
        "last_name": "Curie",
        "emails": [EMAIL],
        "phones": [PHONE],
        "addresses": [{"name": "Marie Curie", "line1": STREET, "city": "Austin",
                       "postal_code": "78701"}],
        "orders": [{"id": "o1", "total": "5.00", "email": EMAIL}],
    }
    created = api.post("/v1/records", json=person)
    assert created.status_code == 201
    customer = created.json()["customer_id"]
    assert api.post("/v1/records", json={"provider": "qbo", "external_id": "9",
                                         "emails": [EMAIL]}).status_code == 200
    other = api.post("/v1/records", json={"provider": "qbo", "external_id": "other",
                                          "emails": ["someone.else@example.com"]})
    assert other.status_code == 201, "a new person is a new customer"
    assert api.post("/v1/resolve", json={"email": EMAIL}).status_code == 200
    assert api.get(f"/v1/customers/{customer}").status_code == 200
    assert api.get(f"/v1/customers/{customer}/explanation").status_code == 200
    assert api.get(f"/v1/customers/{customer}/explanation?format=text").status_code == 200
    assert api.get("/v1/explain", params={"a": "shopify:p1", "b": "qbo:9"}).status_code == 200
    refused = api.post("/v1/records", json={"provider": "shopify", "emails": ["marie.curie@"],
                                            "phones": ["234-0777"]})
    assert refused.status_code == 422
    malformed = api.post("/v1/records", content=json.dumps(person)[:-9].encode(),
                         headers={"Content-Type": "application/json"})
    assert malformed.status_code in (400, 422)
    for key in ("shopify/p1", "qbo/9"):
        assert api.delete(f"/v1/records/{key}").status_code == 200
    logged = "\n".join(r.getMessage() for r in caplog.records).lower()
    assert caplog.records, "the run logged nothing, so the check would prove nothing"
    for needle in NEEDLES:
        assert needle not in logged
        assert needle not in (refused.text + malformed.text).lower()
    after = all_property_values(graph)
    for needle in (*NEEDLES, "marie", "curie"):
        assert not any(needle in value for value in after), needle
    assert any("someone.else@example.com" in value for value in after)
