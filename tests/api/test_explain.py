"""GET /v1/explain: why two records are one customer, or why not."""

from __future__ import annotations

import re
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


def test_why_not_names_the_open_conflict(reviewing_api: httpx.Client) -> None:
    for record in pos_and_ecom():
        reviewing_api.post("/v1/records", json=record)
    response = reviewing_api.get(
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


def test_a_phone_ties_two_records_only_when_their_names_agree(api: httpx.Client) -> None:
    """A household's landline: Mary and John Smith stay two customers, and the reason says
    why without naming anyone; two spellings of one name are one customer by their phone.
    """
    household = "(512) 555-0177"
    mary = api.post(
        "/v1/records",
        json=body("shopify", "1", first_name="Mary", last_name="Smith", phones=[household]),
    )
    john = api.post(
        "/v1/records",
        json=body("qbo", "2", first_name="John", last_name="Smith", phones=[household]),
    )
    assert mary.status_code == 201 and john.status_code == 201, (mary.text, john.text)
    assert mary.json()["customer_id"] != john.json()["customer_id"]
    params = {"a": "shopify:1", "b": "qbo:2"}
    response = api.get("/v1/explain", params=params)
    assert response.status_code == 200, response.text
    pair = response.json()
    assert pair["same_customer"] is False
    assert pair["reason"]["code"] == "shared_by_contradicting_records"
    assert [i["kind"] for i in pair["reason"]["identifiers"]] == ["phone"]
    assert [(h["from_record"], h["kind"], h["to_record"]) for h in pair["path"]] == [
        ("shopify:1", "phone", "qbo:2")
    ]
    text = api.get("/v1/explain", params={**params, "format": "text"})
    assert "taken for a place or a shared mailbox" in text.text
    for answer in (response.text, text.text):
        assert not {"mary", "john", "smith"} & set(re.findall(r"[a-z]+", answer.lower()))

    first = api.post(
        "/v1/records",
        json=body("loyalty", "3", first_name="Mary", last_name="Smith", phones=["5125550188"]),
    )
    second = api.post(
        "/v1/records",
        json=body("woocommerce", "4", first_name="mary", last_name="smith", phones=["5125550188"]),
    )
    assert first.json()["customer_id"] == second.json()["customer_id"]
    pair = api.get("/v1/explain", params={"a": "loyalty:3", "b": "woocommerce:4"}).json()
    assert pair["same_customer"] is True and pair["reason"] is None
    assert [(h["from_record"], h["kind"], h["to_record"]) for h in pair["path"]] == [
        ("loyalty:3", "phone", "woocommerce:4")
    ]


def test_unknown_record_is_404_and_malformed_key_is_422(api: httpx.Client) -> None:
    api.post("/v1/records", json=body("shopify", "1", emails=["one@example.com"]))
    missing = api.get("/v1/explain", params={"a": "shopify:1", "b": "qbo:404"})
    assert missing.status_code == 404
    for bad in ("no-colon", "Shop:1", "shopify:", ":1"):
        response = api.get("/v1/explain", params={"a": bad, "b": "shopify:1"})
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["loc"] == ["query", "a"]
    assert api.get("/v1/explain", params={"a": "shopify:1"}).status_code == 422
