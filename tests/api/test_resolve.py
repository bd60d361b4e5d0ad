"""POST /v1/resolve: found, ambiguous, not found, bad input — and it never writes."""

from __future__ import annotations

import httpx
from neo4j import Driver

from tests.api.helpers import body, node_count, pos_and_ecom


def test_resolve_finds_by_email_phone_address_or_record(api: httpx.Client, graph: Driver) -> None:
    address = {
        "name": "Ada Lovelace",
        "line1": "12 Main St",
        "line2": "Apt 4B",
        "city": "Austin",
        "region": "TX",
        "postal_code": "78701",
        "country": "US",
    }
    created = api.post(
        "/v1/records",
        json=body(
            "shopify",
            "1042",
            emails=["ada@example.com"],
            phones=["+1 512 555 0142"],
            addresses=[address],
        ),
    ).json()
    before = node_count(graph)
    for query in (
        {"email": " ADA@example.com"},
        {"phone": "(512) 555-0142"},
        {"address": address},
        {"provider": "shopify", "external_id": "1042"},
    ):
        response = api.post("/v1/resolve", json=query)
        assert response.status_code == 200, (query, response.text)
        assert response.json()["status"] == "found"
        assert response.json()["customer_id"] == created["customer_id"]
    assert node_count(graph) == before


def test_resolve_answers_ambiguous_with_candidates(reviewing_api: httpx.Client) -> None:
    first, second, _ = (reviewing_api.post("/v1/records", json=r).json() for r in pos_and_ecom())
    response = reviewing_api.post(
        "/v1/resolve", json={"email": "ada@example.com", "phone": "5125550142"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "ambiguous"
    assert sorted(response.json()["candidates"]) == sorted(
        [first["customer_id"], second["customer_id"]]
    )


def test_resolve_unknown_is_404(api: httpx.Client) -> None:
    response = api.post("/v1/resolve", json={"email": "nobody@example.com"})
    assert response.status_code == 404 and isinstance(response.json()["detail"], str)


def test_resolve_bad_input_is_422_naming_the_field(api: httpx.Client) -> None:
    empty = api.post("/v1/resolve", json={})
    assert empty.status_code == 422
    bad_email = api.post("/v1/resolve", json={"email": "private-but-broken"})
    assert bad_email.status_code == 422
    assert bad_email.json()["detail"][0]["loc"] == ["body", "email"]
    assert "private-but-broken" not in bad_email.text
    half = api.post("/v1/resolve", json={"provider": "shopify"})
    assert half.status_code == 422 and half.json()["detail"][0]["loc"] == ["body", "external_id"]
    unknown = api.post("/v1/resolve", json={"mail": "x@example.com"})
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "mail"]


def test_writes_answer_with_a_bookmark_that_resolve_accepts(api: httpx.Client) -> None:
    """Read-your-writes on request: the bookmark a write answers with, sent back with a
    lookup, reads that write (on one server it is the only way to show the header works)."""
    single = api.post("/v1/records", json=body("shopify", "77", emails=["bm@example.com"]))
    batch = api.post(
        "/v1/records/batch",
        json={"records": [body("woocommerce", "78", emails=["bm2@example.com"])]},
    )
    for written in (single, batch):
        assert written.status_code in (200, 201), written.text
        assert written.headers["Graph-Identity-Bookmark"]
    response = api.post(
        "/v1/resolve",
        json={"email": "bm2@example.com"},
        headers={"Graph-Identity-Bookmark": batch.headers["Graph-Identity-Bookmark"]},
    )
    assert response.status_code == 200
    assert response.json()["customer_id"] == batch.json()["results"][0]["customer_id"]


def test_resolve_refuses_a_bookmark_it_did_not_give(api: httpx.Client) -> None:
    for bad in ("FB:not-a-real-one", "", "A", "a,b c", ",".join(["FB:x"] * 17)):
        response = api.post(
            "/v1/resolve",
            json={"email": "nobody@example.com"},
            headers={"Graph-Identity-Bookmark": bad},
        )
        assert response.status_code == 422, (bad, response.text)
        (error,) = response.json()["detail"]
        assert error["loc"] == ["header", "Graph-Identity-Bookmark"]
