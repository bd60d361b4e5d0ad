"""Neo4j unreachable: every route that needs it answers 503 with Retry-After, no traceback."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.api.helpers import body
from tests.conftest import free_port


def test_routes_answer_503_with_retry_after_when_neo4j_is_unreachable(
    api_server: Callable[..., httpx.Client],
) -> None:
    client = api_server(neo4j_uri=f"neo4j://127.0.0.1:{free_port()}")
    assert client.get("/healthz").status_code == 200
    for method, url, payload in (
        ("GET", "/readyz", None),
        ("POST", "/v1/records", body("shopify", "1", emails=["down@example.com"])),
        ("POST", "/v1/resolve", {"email": "down@example.com"}),
        ("GET", "/v1/customers/c1", None),
    ):
        response = client.request(method, url, json=payload)
        assert response.status_code == 503, (url, response.text)
        assert response.headers["Retry-After"].isdigit()
        assert isinstance(response.json()["detail"], str)
        assert "Traceback" not in response.text and "down@example.com" not in response.text
    metrics = client.get("/metrics")
    assert metrics.status_code == 200
    assert 'route="/v1/records",status="503"' in metrics.text
