"""Finding a customer by phone, email, provider id or id; the page, masking and reveal."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.api.helpers import body, order
from tests.console.conftest import bridged_halves, form_token


def _seed(api: httpx.Client) -> str:
    created = api.post(
        "/v1/records",
        json=body(
            "shopify",
            "1042",
            first_name="Ada",
            last_name="Lovelace",
            emails=["Ada@Example.com"],
            phones=["(512) 555-0142"],
            orders=[order("o1", "30.00"), order("o2", "12.50", "retail")],
        ),
    ).json()
    linked = api.post(
        "/v1/records",
        json=body("qbo", "77", first_name="Ada", last_name="Lovelace", emails=["ada@example.com"]),
    ).json()
    assert linked["customer_id"] == created["customer_id"]
    return str(created["customer_id"])


def _search(console: httpx.Client, **fields: str) -> httpx.Response:
    token = form_token(console.get("/console/customers").text)
    return console.post("/console/customers/search", data={"csrf_token": token, **fields})


def test_find_a_customer_by_phone_and_read_the_page(
    console: httpx.Client, api: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    customer = _seed(api)
    caplog.set_level(logging.INFO)
    found = _search(console, phone="512-555-0142")
    assert (
        found.status_code == 303 and found.headers["location"] == f"/console/customers/{customer}"
    )
    page = console.get(found.headers["location"])
    html = page.text
    assert page.status_code == 200 and "Ada Lovelace" in html
    assert "shopify" in html and "qbo" in html and "<code>1042</code>" in html
    assert "a***@example.com" in html and "+1 512 *** **42" in html
    assert "ada@example.com" not in html.lower() and "+15125550142" not in html
    assert "ecom" in html and "retail" in html and "42.50" in html  # orders by channel
    assert "is the oldest record" in html  # the explanation in sentences
    browser = next(
        part.split('"', 1)[0] for part in html.split('href="')[1:] if "/browser/?" in part
    )
    query = parse_qs(urlsplit(browser.replace("&amp;", "&")).query)
    assert query["cmd"] == ["edit"]
    assert f':param id => "{customer}";' in query["arg"][0]
    assert "MATCH (requested:Customer {id: $id})" in query["arg"][0]
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "5550142" not in logged and "example.com" not in logged.lower()


@pytest.mark.parametrize(
    ("fields", "found"),
    [
        ({"email": " ADA@example.com "}, True),
        ({"provider": "qbo", "external_id": "77"}, True),
        ({"phone": "+1 617 555 0100"}, False),
    ],
    ids=["email", "provider-id", "unknown-phone"],
)
def test_find_by_email_or_provider_id(
    console: httpx.Client, api: httpx.Client, fields: dict[str, str], found: bool
) -> None:
    customer = _seed(api)
    answer = _search(console, **fields)
    if found:
        assert answer.headers["location"] == f"/console/customers/{customer}"
    else:
        assert answer.status_code == 404 and "No customer matches" in answer.text


def test_search_errors_name_the_field(console: httpx.Client, api: httpx.Client) -> None:
    bad = _search(console, phone="call me")
    assert bad.status_code == 422 and "phone:" in bad.text and "call me" not in bad.text
    empty = _search(console)
    assert empty.status_code == 422 and "Fill in one of the fields" in empty.text
    by_id = _search(console, customer_id="cus_nope")
    assert console.get(by_id.headers["location"]).status_code == 404


def test_an_ambiguous_phone_lists_the_candidates(console: httpx.Client, api: httpx.Client) -> None:
    first, second, _ = (api.post("/v1/records", json=r).json() for r in bridged_halves())
    answer = _search(console, email="ada@example.com", phone="512 555 0142")
    assert answer.status_code == 200 and "More than one customer matches" in answer.text
    assert first["customer_id"] in answer.text and second["customer_id"] in answer.text


def test_reveal_shows_one_value_and_logs_the_field_not_the_value(
    console: httpx.Client, api: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    customer = _seed(api)
    token = form_token(console.get(f"/console/customers/{customer}").text)
    caplog.set_level(logging.INFO)
    shown = console.post(
        f"/console/customers/{customer}/reveal", data={"csrf_token": token, "field": "phone:0"}
    )
    assert shown.status_code == 200
    assert '<code class="revealed" id="revealed">+15125550142</code>' in shown.text
    assert "ada@example.com" not in shown.text.lower()  # only the one field
    (event,) = [
        r.getMessage()
        for r in caplog.records
        if r.name == "graph_identity.console" and "reveal" in r.getMessage()
    ]
    assert event.startswith(f"console reveal: field phone:0 of customer {customer} by key ")
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "5550142" not in logged and "example.com" not in logged.lower()
    refused = console.post(f"/console/customers/{customer}/reveal", data={"field": "phone:0"})
    assert refused.status_code == 403 and "+15125550142" not in refused.text
    unknown = console.post(
        f"/console/customers/{customer}/reveal", data={"csrf_token": token, "field": "phone:7"}
    )
    assert unknown.status_code == 422 and "field:" in unknown.text
