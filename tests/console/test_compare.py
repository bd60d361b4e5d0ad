"""Compare two providers in the console: the run page, the selection and its CSV."""

from __future__ import annotations

import csv
import io

import httpx

from tests.api.helpers import body, order
from tests.console.conftest import browser, finished_run, form_token, log_in


def _seed(api: httpx.Client) -> dict[str, str]:
    """Three shopify customers; one of them also in qbo. Customer id by shopify id."""
    ids = {}
    for n, (first, email) in enumerate(
        [("Ada", "ada@example.com"), ("Bo", "bo@example.com"), ("Cy", "cy@example.com")], 1
    ):
        made = api.post(
            "/v1/records",
            json=body(
                "shopify",
                f"s{n}",
                first_name=first,
                last_name="Tester",
                emails=[email],
                orders=[order(f"o{n}", f"{n}0.00")],
            ),
        )
        ids[f"s{n}"] = made.json()["customer_id"]
    api.post("/v1/records", json=body("qbo", "q1", first_name="Ada", emails=["ada@example.com"]))
    return ids


def _run(console: httpx.Client, kind: str) -> tuple[str, str]:
    token = form_token(console.get("/console/compare").text)
    started = console.post(
        "/console/compare",
        data={"csrf_token": token, "source": "shopify", "destination": "qbo", "kind": kind},
    )
    assert started.status_code == 303
    location = started.headers["location"]
    return location, finished_run(console, location)


def test_compare_customers_and_export_the_selection(
    console: httpx.Client, api: httpx.Client
) -> None:
    ids = _seed(api)
    location, html = _run(console, "customers")
    assert "only in source: <strong>2</strong>" in html and "matched: <strong>1</strong>" in html
    assert ids["s2"] in html and ids["s3"] in html and ids["s1"] not in html.split("<tbody>")[1]
    assert "b***@example.com" in html and "bo@example.com" not in html
    assert 'data-select-all="row"' in html
    token = form_token(html)
    exported = console.post(f"{location}/export", data={"csrf_token": token, "row": [ids["s3"]]})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert "customers-shopify-not-in-qbo.csv" in exported.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows == [
        {
            "customer_id": ids["s3"],
            "first_name": "Cy",
            "last_name": "Tester",
            "primary_email": "cy@example.com",
            "primary_phone": "",
            "source_ids": "s3",
        }
    ]
    both = console.post(
        f"{location}/export", data={"csrf_token": token, "row": [ids["s2"], ids["s3"]]}
    )
    assert [r["source_ids"] for r in csv.DictReader(io.StringIO(both.text))] == ["s2", "s3"]
    assert console.post(f"{location}/export", data={"row": [ids["s2"]]}).status_code == 403


def test_compare_orders_lists_orders_only_in_source(
    console: httpx.Client, api: httpx.Client
) -> None:
    _seed(api)
    location, html = _run(console, "orders")
    assert "only in source: <strong>3</strong>" in html
    exported = console.post(
        f"{location}/export", data={"csrf_token": form_token(html), "row": ["o2"]}
    )
    (row,) = csv.DictReader(io.StringIO(exported.text))
    assert row["number"] in ("o2", "") and row["source_record_id"].endswith("s2")


def test_a_run_belongs_to_its_session_and_bad_providers_are_named(
    console: httpx.Client, api: httpx.Client
) -> None:
    location, _ = _run(console, "customers")
    other = browser(api)
    log_in(other)
    assert other.get(location).status_code == 404
    token = form_token(console.get("/console/compare").text)
    same = console.post(
        "/console/compare",
        data={"csrf_token": token, "source": "qbo", "destination": "qbo"},
    )
    assert same.status_code == 422 and "destination: must differ from source" in same.text
