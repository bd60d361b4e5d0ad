"""GET /v1/customers/{id} and its explanation; aliases answer with the survivor."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from graph_identity.config import Policy
from tests.api.helpers import pos_and_ecom


def merged(client: httpx.Client) -> tuple[str, str]:
    """Two POS customers joined by a web record (connected policy): survivor, alias."""
    first, second, third = (client.post("/v1/records", json=r).json() for r in pos_and_ecom())
    assert third["action"] == "merged", third
    return first["customer_id"], second["customer_id"]


def test_customer_has_golden_record_records_and_orders(
    api_server: Callable[..., httpx.Client],
) -> None:
    client = api_server(policy=Policy.CONNECTED)
    survivor, _ = merged(client)
    response = client.get(f"/v1/customers/{survivor}")
    assert response.status_code == 200
    customer = response.json()
    assert customer["id"] == survivor and customer["requested_id"] is None
    assert customer["records"] == [
        "lightspeed_ecom:web-1",
        "lightspeed_retail:pos-email",
        "lightspeed_retail:pos-phone",
    ]
    assert customer["emails"] == ["ada@example.com"] and customer["phones"] == ["+15125550142"]
    assert customer["order_count"] == 3 and customer["order_total"] == "60.00"
    assert set(customer["orders_by_channel"]) == {"ecom", "retail"}


def test_alias_answers_the_survivor_and_says_so(api_server: Callable[..., httpx.Client]) -> None:
    client = api_server(policy=Policy.CONNECTED)
    survivor, alias = merged(client)
    response = client.get(f"/v1/customers/{alias}")
    assert response.status_code == 200
    assert response.json()["id"] == survivor and response.json()["requested_id"] == alias
    assert alias in response.json()["aliases"]


def test_unknown_customer_is_404(api: httpx.Client) -> None:
    for path in ("/v1/customers/nope", "/v1/customers/nope/explanation"):
        response = api.get(path)
        assert response.status_code == 404 and isinstance(response.json()["detail"], str)


def test_explanation_json_has_chains_and_browser_cypher(
    api_server: Callable[..., httpx.Client],
) -> None:
    client = api_server(policy=Policy.CONNECTED)
    survivor, alias = merged(client)
    response = client.get(f"/v1/customers/{alias}/explanation")
    assert response.status_code == 200, response.text
    explanation = response.json()
    assert explanation["customer_id"] == survivor and explanation["requested_id"] == alias
    assert {c["tie"] for c in explanation["chains"]} == {"oldest", "chain"}
    assert len(explanation["records"]) == 3
    hops = [c["hop"] for c in explanation["chains"] if c["hop"]]
    assert {h["kind"] for h in hops} <= {"email", "phone"} and hops
    assert "ada@example.com" not in response.text and "5125550142" not in response.text
    browser = explanation["browser"]
    assert "MATCH" in browser["cypher"] and browser["params"] == {"id": survivor}
    assert browser["browser_script"].startswith(f':param id => "{survivor}";')


def test_explanation_as_text_is_sentences_and_the_browser_script(
    api_server: Callable[..., httpx.Client],
) -> None:
    client = api_server(policy=Policy.CONNECTED)
    survivor, _ = merged(client)
    response = client.get(f"/v1/customers/{survivor}/explanation", params={"format": "text"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith(f"Customer {survivor} has 3 record(s)")
    assert "is the oldest record." in response.text
    assert f':param id => "{survivor}";' in response.text
    bad = client.get(f"/v1/customers/{survivor}/explanation", params={"format": "xml"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "format"]
