"""GET /v1/explain: why two records are one customer, or why not."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from graph_identity.config import Policy
from tests.api.helpers import body, pos_and_ecom


def test_same_customer_with_the_path_hop_by_hop(api_server: Callable[..., httpx.Client]) -> None:
    client = api_server(policy=Policy.CONNECTED)
    for record in pos_and_ecom():
        client.post("/v1/records", json=record)
    params = {"a": "lightspeed_retail:pos-email", "b": "lightspeed_retail:pos-phone"}
    response = client.get("/v1/explain", params=params)
    assert response.status_code == 200, response.text
    pair = response.json()
    assert pair["same_customer"] is True and pair["reason"] is None
    assert [(h["from_record"], h["to_record"], h["kind"]) for h in pair["path"]] == [
        ("lightspeed_retail:pos-email", "lightspeed_ecom:web-1", "email"),
        ("lightspeed_ecom:web-1", "lightspeed_retail:pos-phone", "phone"),
    ]
    assert all(h["masked"] for h in pair["path"]) and "ada@example.com" not in response.text
    assert pair["browser"]["params"] == params
    text = client.get("/v1/explain", params={**params, "format": "text"})
    assert text.status_code == 200
    assert text.text.startswith(
        "lightspeed_retail:pos-email and lightspeed_retail:pos-phone are one customer"
    )


def test_why_not_names_the_open_conflict(api: httpx.Client) -> None:
    for record in pos_and_ecom():
        api.post("/v1/records", json=record)
    response = api.get(
        "/v1/explain",
        params={"a": "lightspeed_retail:pos-email", "b": "lightspeed_retail:pos-phone"},
    )
    assert response.status_code == 200
    assert response.json()["same_customer"] is False
    assert response.json()["reason"]["code"] == "open_conflict"


def test_why_not_with_no_shared_identifier(api: httpx.Client) -> None:
    api.post("/v1/records", json=body("shopify", "1", emails=["one@example.com"]))
    api.post("/v1/records", json=body("qbo", "2", emails=["two@example.com"]))
    pair = api.get("/v1/explain", params={"a": "shopify:1", "b": "qbo:2"}).json()
    assert pair["same_customer"] is False and pair["path"] == []
    assert pair["reason"]["code"] == "different_customers_no_path"


def test_unknown_record_is_404_and_malformed_key_is_422(api: httpx.Client) -> None:
    api.post("/v1/records", json=body("shopify", "1", emails=["one@example.com"]))
    missing = api.get("/v1/explain", params={"a": "shopify:1", "b": "qbo:404"})
    assert missing.status_code == 404
    for bad in ("no-colon", "Shop:1", "shopify:", ":1"):
        response = api.get("/v1/explain", params={"a": bad, "b": "shopify:1"})
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["loc"] == ["query", "a"]
    assert api.get("/v1/explain", params={"a": "shopify:1"}).status_code == 422
