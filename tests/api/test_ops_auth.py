"""Ops routes and API keys, on the real app under uvicorn against the real Neo4j."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from api.app import create_app
from graph_identity.config import Settings


def test_healthz_and_readyz_answer(api: httpx.Client) -> None:
    assert api.get("/healthz").json() == {"status": "ok"}
    ready = api.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"X-API-Key": ""}],
    ids=["missing", "wrong-header", "wrong-bearer", "empty"],
)
def test_v1_refuses_missing_or_wrong_key(api: httpx.Client, headers: dict[str, str]) -> None:
    response = httpx.get(f"{api.base_url}/v1/stats", headers=headers)
    assert response.status_code == 401
    assert isinstance(response.json()["detail"], str)


def test_every_configured_key_and_bearer_are_accepted(api: httpx.Client) -> None:
    for headers in (
        {"X-API-Key": "test-key-1"},
        {"X-API-Key": "test-key-2"},
        {"Authorization": "Bearer test-key-2"},
    ):
        assert httpx.get(f"{api.base_url}/v1/stats", headers=headers).status_code == 200


def test_ops_routes_need_no_key(api: httpx.Client) -> None:
    for path in ("/healthz", "/readyz", "/metrics", "/openapi.json"):
        assert httpx.get(f"{api.base_url}{path}").status_code == 200, path


def test_insecure_flag_serves_v1_without_key(api_server: Callable[..., httpx.Client]) -> None:
    client = api_server(api_keys=[], insecure_no_auth=True)
    assert httpx.get(f"{client.base_url}/v1/stats").status_code == 200


def test_no_keys_and_no_insecure_flag_refuses_to_build(settings: Settings) -> None:
    with pytest.raises(ValueError, match="GRAPH_IDENTITY_API_KEYS"):
        create_app(settings.model_copy(update={"api_keys": []}))
