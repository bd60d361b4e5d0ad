"""Neo4j unreachable: every route that needs it answers 503 with Retry-After, no traceback."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from pydantic import SecretStr

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


def test_wrong_neo4j_credentials_answer_503_not_500(
    api_server: Callable[..., httpx.Client],
) -> None:
    # A user of its own, so the server's lock-out after failed logins spares the "neo4j" user
    # that the rest of the session logs in as.
    client = api_server(neo4j_user="nobody-here", neo4j_password=SecretStr("not-the-password"))
    for method, url, payload in (
        ("GET", "/readyz", None),
        ("GET", "/v1/stats", None),
        ("POST", "/v1/resolve", {"email": "auth@example.com"}),
    ):
        response = client.request(method, url, json=payload)
        assert response.status_code == 503, (url, response.text)
        assert response.headers["Retry-After"].isdigit()
        assert (
            isinstance(response.json()["detail"], str) and "not-the-password" not in response.text
        )
