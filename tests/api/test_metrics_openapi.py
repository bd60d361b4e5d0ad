"""/metrics (Prometheus, one registry per app) and the OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.api.helpers import body, pos_and_ecom


def samples(client: httpx.Client) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def labels(**pairs: str) -> frozenset[tuple[str, str]]:
    return frozenset(pairs.items())


def test_metrics_count_requests_by_template_ingests_by_action_and_open_conflicts(
    reviewing_api: httpx.Client,
) -> None:
    for record in pos_and_ecom():
        reviewing_api.post("/v1/records", json=record)
    reviewing_api.get("/v1/customers/unknown-1")
    reviewing_api.get("/v1/customers/unknown-2")
    reviewing_api.post(
        "/v1/records/batch", json={"records": [body("qbo", "q", emails=["q@example.com"])]}
    )
    found = samples(reviewing_api)
    requests = "graph_identity_http_requests_total"
    assert found[(requests, labels(method="POST", route="/v1/records", status="201"))] == 2
    assert found[(requests, labels(method="POST", route="/v1/records", status="200"))] == 1
    customer = labels(method="GET", route="/v1/customers/{customer_id}", status="404")
    assert found[(requests, customer)] == 2
    ingested = "graph_identity_ingested_records_total"
    assert found[(ingested, labels(action="created"))] == 3
    assert found[(ingested, labels(action="ambiguous"))] == 1
    assert found[("graph_identity_open_conflicts", labels())] == 1
    latency = "graph_identity_http_request_duration_seconds_count"
    assert found[(latency, labels(method="POST", route="/v1/records"))] == 3
    assert not any("unknown-1" in str(key) for key in found)


def test_two_apps_in_one_process_keep_separate_metrics(
    api_server: Callable[..., httpx.Client],
) -> None:
    first, second = api_server(), api_server()
    first.get("/healthz")
    first.get("/healthz")
    second.get("/healthz")
    key = (
        "graph_identity_http_requests_total",
        labels(method="GET", route="/healthz", status="200"),
    )
    assert samples(first)[key] == 2 and samples(second)[key] == 1


def test_openapi_documents_every_route_with_typed_responses(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    expected = {
        ("post", "/v1/records"): "IngestResult",
        ("post", "/v1/records/batch"): "BatchResult",
        ("post", "/v1/resolve"): "ResolveResult",
        ("get", "/v1/customers/{customer_id}"): "Customer",
        ("get", "/v1/customers/{customer_id}/explanation"): "CustomerExplanationOut",
        ("get", "/v1/explain"): "PairExplanationOut",
        ("get", "/v1/conflicts"): "ConflictList",
        ("post", "/v1/conflicts/{conflict_id}/decision"): "DecisionResult",
        ("delete", "/v1/records/{provider}/{external_id}"): "ErasureResult",
        ("post", "/v1/records/allow-replay"): "ReplayAllowed",
        ("get", "/v1/identifiers/generic"): "GenericList",
        ("get", "/v1/stats"): "Stats",
    }
    for (method, path), model in expected.items():
        operation = spec["paths"][path][method]
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith(f"/{model}"), (path, schema)
        assert "401" in operation["responses"] and "422" in operation["responses"]
        assert operation.get("security"), path
    record = spec["paths"]["/v1/records"]["post"]["requestBody"]["content"]["application/json"]
    assert record["schema"]["examples"][0]["provider"] == "shopify"
    assert "security" not in spec["paths"]["/healthz"]["get"]
    docs = api.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_group_commits_are_measured(api: httpx.Client) -> None:
    """Every single-record ingest lands in exactly one observed group commit."""
    records = [body("shopify", f"g{n}", emails=[f"group{n}@example.com"]) for n in range(8)]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda record: api.post("/v1/records", json=record), records))
    assert all(answer.status_code == 201 for answer in answers)
    found = samples(api)
    groups = found[("graph_identity_group_commit_records_count", labels())]
    assert 1 <= groups <= 8
    assert found[("graph_identity_group_commit_records_sum", labels())] == 8
    assert found[("graph_identity_group_commit_duration_seconds_count", labels())] == groups
    assert found[("graph_identity_group_commit_duration_seconds_sum", labels())] > 0
