"""Ingest (one, batch), erasure and replay over HTTP against the real Neo4j."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import httpx
from neo4j import Driver

from tests.api.helpers import body, count, node_count, order, pos_and_ecom


def test_ingest_answers_201_when_created_then_200(api: httpx.Client, graph: Driver) -> None:
    first = api.post("/v1/records", json=body("shopify", "1042", emails=["ada@example.com"]))
    assert first.status_code == 201, first.text
    created = first.json()
    assert created["action"] == "created" and created["record"] == "shopify:1042"
    assert created["conflict_id"] is None and created["candidates"] == []
    again = api.post("/v1/records", json=body("shopify", "1042", emails=["ada@example.com"]))
    assert again.status_code == 200 and again.json()["action"] == "unchanged"
    linked = api.post("/v1/records", json=body("qbo", "77", emails=["ADA@example.com "]))
    assert linked.status_code == 200
    assert linked.json()["action"] == "linked"
    assert linked.json()["customer_id"] == created["customer_id"]
    assert [m["kind"] for m in linked.json()["matched_by"]] == ["email"]
    assert "ada@example.com" not in linked.text
    assert count(graph, "MATCH (:Record)-[:BELONGS_TO]->(c:Customer) RETURN count(DISTINCT c)") == 1


def test_ingest_reports_an_unusable_value_as_a_warning_and_stores_the_rest(
    api: httpx.Client,
) -> None:
    response = api.post(
        "/v1/records", json=body("shopify", "9", emails=["not-an-email"], phones=["5125550142"])
    )
    assert response.status_code == 201
    (warning,) = response.json()["warnings"]
    assert warning["loc"] == ["emails", 0] and "not-an-email" not in response.text


def test_ingest_refuses_bad_fields_naming_each_without_echoing(
    api: httpx.Client, graph: Driver
) -> None:
    bad = body("Shop!fy", "1", emails=["secret.person@example.com"], favourite="x")
    response = api.post("/v1/records", json=bad)
    assert response.status_code == 422
    locs = {tuple(e["loc"]) for e in response.json()["detail"]}
    assert locs == {("body", "provider"), ("body", "favourite")}
    assert all(set(e) == {"loc", "msg", "type"} for e in response.json()["detail"])
    assert "Shop!fy" not in response.text and "secret.person" not in response.text
    assert node_count(graph) == 0


def test_ingest_refuses_a_record_with_nothing_usable(api: httpx.Client, graph: Driver) -> None:
    response = api.post(
        "/v1/records", json={"provider": "shopify", "emails": ["nobody-at-all"], "phones": ["12"]}
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {e["type"] for e in detail} == {"record_rejected"}
    assert all(e["loc"][0] == "body" for e in detail)
    assert "nobody-at-all" not in response.text
    assert node_count(graph) == 0


def test_batch_ingests_and_reports_per_record_results(reviewing_api: httpx.Client) -> None:
    records = [*pos_and_ecom(), {"provider": "shopify", "phones": ["not a phone"]}]
    response = reviewing_api.post("/v1/records/batch", json={"records": records})
    assert response.status_code == 200, response.text
    result = response.json()
    assert [r["record"] for r in result["results"]] == [
        "lightspeed_retail:pos-email",
        "lightspeed_retail:pos-phone",
        "lightspeed_ecom:web-1",
    ]
    assert [r["index"] for r in result["rejected"]] == [3]
    assert result["rejected"][0]["errors"][0]["loc"] == ["phones", 0]
    assert result["metrics"]["fetched"] == 4 and result["metrics"]["errors"] == 1
    assert result["metrics"]["created"] == 2 and result["metrics"]["ambiguous"] == 1


def test_batch_over_the_limit_is_422_naming_records_and_writes_nothing(
    api_server: Callable[..., httpx.Client], graph: Driver
) -> None:
    client = api_server(batch_limit=2)
    response = client.post("/v1/records/batch", json={"records": pos_and_ecom()})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "records"] and "at most 2" in error["msg"]
    assert node_count(graph) == 0
    assert client.post("/v1/records/batch", json={"records": pos_and_ecom()[:2]}).is_success


def test_batch_with_one_malformed_record_is_refused_whole(api: httpx.Client, graph: Driver) -> None:
    records = [*pos_and_ecom(), body("shopify", "x", orders=[order("o", "-1")])]
    response = api.post("/v1/records/batch", json={"records": records})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "records", 3, "orders", 0, "total"]
    assert node_count(graph) == 0


def test_erase_then_replay_is_refused_until_reallowed(api: httpx.Client, graph: Driver) -> None:
    hub = body("shopify", "hub", emails=["erase.me@example.com"], phones=["5125550177"])
    a = api.post("/v1/records", json=body("qbo", "a", emails=["erase.me@example.com"])).json()
    api.post("/v1/records", json=hub)
    api.post("/v1/records", json=body("loyalty", "b", phones=["5125550177"]))
    assert len(api.get(f"/v1/customers/{a['customer_id']}").json()["records"]) == 3
    erased = api.delete("/v1/records/shopify/hub")
    assert erased.status_code == 200, erased.text
    assert erased.json()["record"] == "shopify:hub" and len(erased.json()["customers_after"]) == 2
    assert count(graph, "MATCH (r:Record {key: 'shopify:hub'}) RETURN count(r)") == 0
    assert api.get(f"/v1/customers/{a['customer_id']}").json()["records"] == ["qbo:a"]
    replay = api.post("/v1/records", json=hub)
    assert replay.status_code == 409 and "shopify:hub" in replay.json()["detail"]
    assert "erase.me" not in replay.text
    allowed = api.post(
        "/v1/records/allow-replay", json={"provider": "shopify", "external_id": "hub"}
    )
    assert allowed.status_code == 200
    assert allowed.json() == {"record": "shopify:hub", "replay_allowed": True}
    assert api.post("/v1/records", json=hub).status_code in (200, 201)


def test_erase_and_allow_replay_of_unknown_records_are_404(api: httpx.Client) -> None:
    assert api.delete("/v1/records/shopify/nope").status_code == 404
    assert api.delete("/v1/records/Bad!/x").status_code == 422
    unknown = api.post("/v1/records/allow-replay", json={"provider": "qbo", "external_id": "n"})
    assert unknown.status_code == 404


def test_erase_accepts_external_ids_with_slashes(api: httpx.Client) -> None:
    api.post("/v1/records", json=body("amazon", "111-222/3", emails=["slash@example.com"]))
    assert api.delete("/v1/records/amazon/111-222/3").json()["record"] == "amazon:111-222/3"


def test_oversized_body_is_413_declared_or_streamed(
    api_server: Callable[..., httpx.Client], graph: Driver
) -> None:
    client = api_server(max_body_bytes=2048)
    big = body("shopify", "big", first_name="x" * 500, last_name="y" * 500, customer_code="z" * 500)
    big["emails"] = [f"person.number.{i}@example.com" for i in range(40)]
    assert len(json.dumps(big)) > 2048
    declared = client.post("/v1/records", json=big)
    assert declared.status_code == 413 and isinstance(declared.json()["detail"], str)

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b" " * 512
        yield b"{}"

    streamed = client.post(
        "/v1/records", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    assert node_count(graph) == 0
    small = client.post("/v1/records", json=body("shopify", "small", emails=["s@example.com"]))
    assert small.status_code == 201


def test_malformed_bodies_are_client_errors_never_500(api: httpx.Client, graph: Driver) -> None:
    headers = {"Content-Type": "application/json"}
    cases = {
        "truncated": b'{"provider": "shopify", "external_id": ',
        "not-utf8": b'{"provider": "shop\xff\xfe", "external_id": "1"}',
        "deep": b"[" * 100_000 + b"]" * 100_000,
        "deep-in-field": b'{"provider": "shopify", "external_id": "1", "emails": '
        + b"[" * 5000
        + b"]" * 5000
        + b"}",
        "not-an-object": b'"just a string"',
        "empty": b"",
    }
    for name, content in cases.items():
        response = api.post("/v1/records", content=content, headers=headers)
        assert response.status_code in (400, 422), (name, response.status_code, response.text)
        assert "Traceback" not in response.text
    assert node_count(graph) == 0


def test_timestamps_with_any_offset_are_stored_in_utc_and_out_of_range_is_422(
    api: httpx.Client, graph: Driver
) -> None:
    # Found by schemathesis: Neo4j refuses offsets beyond ±18:00, which Python accepts.
    far_offset = body(
        "shopify",
        "t1",
        emails=["t1@example.com"],
        updated_at="0468-01-14T19:53:57+20:14",
        created_at="2024-03-02T10:00:00",  # naive: a shop's local time, in the shop zone (UTC)
        orders=[{"id": "o1", "created_at": "2024-03-02T10:00:00-23:30"}],
    )
    assert api.post("/v1/records", json=far_offset).status_code == 201
    stored = count(
        graph,
        "MATCH (r:Record {key: 'shopify:t1'})-[:PLACED]->(o:Order) WHERE"
        " r.source_updated_at.offset = 'Z'"
        " AND r.source_created_at = datetime('2024-03-02T10:00:00Z')"
        " AND o.created_at.offset = 'Z' RETURN count(r)",
    )
    assert stored == 1
    before = node_count(graph)
    underflow = body(
        "shopify", "t2", emails=["t2@example.com"], created_at="0001-01-01T00:00+05:00"
    )
    refused = api.post("/v1/records", json=underflow)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"][-1] == "created_at"
    assert "0001" not in refused.text
    assert node_count(graph) == before
