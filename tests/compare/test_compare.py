"""compare on the two-provider fixture with a known overlap (tests/fixtures/compare/README.md),
through the library, the CLI and HTTP; orders on records with known matches."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from graph_identity.compare import Comparer
from graph_identity.errors import RecordRejected
from graph_identity.imports import import_file
from graph_identity.models import OrderIn, RecordIn
from graph_identity.service import IdentityService
from tests.conftest import Neo4jConnection

COMPARE = Path(__file__).resolve().parents[1] / "fixtures" / "compare"
SHOPIFY_ONLY = ["7301000000007", "7301000000008", "7301000000009", "7301000000010"]


@pytest.fixture
def loaded(strict: IdentityService) -> IdentityService:
    import_file(strict, COMPARE / "shopify_customers.json", provider="shopify")
    import_file(strict, COMPARE / "qbo_customers.json", provider="qbo")
    return strict


def comparer(service: IdentityService) -> Comparer:
    return Comparer(service.driver, "neo4j", service.settings.provider_priority)


def test_shopify_customers_missing_from_qbo(loaded: IdentityService) -> None:
    result = comparer(loaded).customers("shopify", "qbo")
    assert result.summary.model_dump() == {
        "source": 10,
        "destination": 8,
        "matched": 6,
        "only_in_source": 4,
    }
    ids = [row.customer_id for row in result.only_in_source]
    assert ids == sorted(ids)
    by_id = {row.source_ids[0]: row for row in result.only_in_source}
    assert set(by_id) == set(SHOPIFY_ONLY)
    chris = by_id["7301000000007"]
    assert (chris.first_name, chris.last_name) == ("Chris", "Morgan")
    assert chris.primary_email == "chris.morgan@example.com"
    assert chris.primary_phone == "+15125550107"
    assert by_id["7301000000008"].primary_phone is None


def test_qbo_customers_missing_from_shopify_keep_the_other_chris_morgan(
    loaded: IdentityService,
) -> None:
    result = comparer(loaded).customers("qbo", "shopify")
    assert result.summary.model_dump() == {
        "source": 8,
        "destination": 10,
        "matched": 6,
        "only_in_source": 2,
    }
    rows = {row.source_ids[0]: row for row in result.only_in_source}
    assert set(rows) == {"107", "108"}
    assert rows["107"].primary_email == "christopher.morgan@example.com"
    assert rows["108"].primary_phone == "+15125550188"
    assert (rows["108"].first_name, rows["108"].last_name) == ("Kofi", "Mensah")


def test_bad_provider_slugs_name_the_field(loaded: IdentityService) -> None:
    with pytest.raises(RecordRejected) as caught:
        comparer(loaded).customers("Shopify", "qbo")
    assert caught.value.issues[0].loc == ("source",)
    with pytest.raises(RecordRejected) as caught:
        comparer(loaded).orders("qbo", "qbo")
    assert caught.value.issues[0].loc == ("destination",)


def order(order_id: str, number: str | None, total: str, at: str) -> OrderIn:
    return OrderIn(
        id=order_id,
        number=number,
        total=Decimal(total),
        currency="USD",
        created_at=datetime.fromisoformat(at),
    )


@pytest.fixture
def with_orders(strict: IdentityService) -> IdentityService:
    """Shopify orders: #1001 (number match), #1002 (no match: other date), one without a
    number matching by email + total + UTC date, #1004 (same total and date as a
    WooCommerce order of another email: no match)."""
    strict.ingest(
        RecordIn(
            provider="shopify",
            external_id="s1",
            emails=["ann@example.com"],
            orders=[
                order("o1", "#1001", "50.00", "2024-05-01T10:00:00+00:00"),
                order("o2", "#1002", "20.00", "2024-05-02T10:00:00+00:00"),
                order("o3", None, "15.00", "2024-05-03T20:00:00-04:00"),
                order("o4", "#1004", "99.00", "2024-05-04T10:00:00+00:00"),
            ],
        )
    )
    strict.ingest(
        RecordIn(
            provider="woocommerce",
            external_id="w1",
            emails=["ann@example.com"],
            orders=[
                order("w1", "1001", "50.00", "2024-05-01T11:00:00+00:00"),
                order("w3", "5555", "15.0", "2024-05-04T00:30:00+00:00"),
                order("w5", "777", "20.00", "2024-05-09T10:00:00+00:00"),
            ],
        )
    )
    strict.ingest(
        RecordIn(
            provider="woocommerce",
            external_id="w2",
            emails=["bob@example.com"],
            orders=[order("w6", "9999", "99.00", "2024-05-04T09:00:00+00:00")],
        )
    )
    return strict


def test_orders_match_by_number_else_email_total_and_date(with_orders: IdentityService) -> None:
    result = comparer(with_orders).orders("shopify", "woocommerce")
    assert result.summary.model_dump() == {
        "source": 4,
        "destination": 4,
        "matched_by_number": 1,
        "matched_by_email_total_date": 1,
        "only_in_source": 2,
    }
    assert [(o.order_id, o.number, o.total) for o in result.only_in_source] == [
        ("o2", "#1002", Decimal("20.00")),
        ("o4", "#1004", Decimal("99.00")),
    ]
    assert {o.source_record_id for o in result.only_in_source} == {"s1"}
    back = comparer(with_orders).orders("woocommerce", "shopify")
    assert sorted(o.order_id for o in back.only_in_source) == ["w5", "w6"]


def run_cli(connection: Neo4jConnection, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_ID"))}
    return subprocess.run(
        [sys.executable, "-m", "graph_identity", "compare", *args],
        env={**keep, **connection.env(), "GRAPH_IDENTITY_HOME": str(tmp / "home")},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_summary_table_and_csv(
    loaded: IdentityService, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    shown = run_cli(neo4j_connection, tmp_path, "--source", "shopify", "--destination", "qbo")
    assert shown.returncode == 0, shown.stderr
    assert "source 10, destination 8, matched 6, only in source 4" in shown.stderr
    piped = list(csv.DictReader(io.StringIO(shown.stdout)))
    assert sorted(r["source_ids"] for r in piped) == SHOPIFY_ONLY
    assert "hana.sato@example.com" in {r["primary_email"] for r in piped}

    out = tmp_path / "missing.csv"
    written = run_cli(
        neo4j_connection, tmp_path, "--source", "qbo", "--destination", "shopify", "--csv", str(out)
    )
    assert written.returncode == 0, written.stderr
    assert "source 8, destination 10, matched 6, only in source 2" in written.stdout
    rows = list(csv.DictReader(out.open(newline="")))
    assert sorted(r["source_ids"] for r in rows) == ["107", "108"]
    assert {r["primary_email"] for r in rows} == {
        "christopher.morgan@example.com",
        "kofi.mensah@example.com",
    }

    bad = run_cli(neo4j_connection, tmp_path, "--source", "qbo", "--destination", "qbo")
    assert bad.returncode == 2 and "destination: must differ from source" in bad.stderr


def test_cli_orders(
    with_orders: IdentityService, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    shown = run_cli(
        neo4j_connection,
        tmp_path,
        "--source",
        "shopify",
        "--destination",
        "woocommerce",
        "--orders",
    )
    assert shown.returncode == 0, shown.stderr
    assert "matched by number 1, matched by email total date 1, only in source 2" in shown.stderr
    assert [r["order_id"] for r in csv.DictReader(io.StringIO(shown.stdout))] == ["o2", "o4"]


def test_http_customers_json_and_csv(loaded: IdentityService, api: httpx.Client) -> None:
    params = {"source": "shopify", "destination": "qbo"}
    answer = api.get("/v1/compare/customers", params=params)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["summary"] == {"source": 10, "destination": 8, "matched": 6, "only_in_source": 4}
    assert sorted(r["source_ids"][0] for r in body["only_in_source"]) == SHOPIFY_ONLY

    as_csv = api.get("/v1/compare/customers", params={**params, "format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert sorted(r["source_ids"] for r in rows) == SHOPIFY_ONLY
    by_accept = api.get("/v1/compare/customers", params=params, headers={"Accept": "text/csv"})
    assert by_accept.text == as_csv.text


def test_http_orders_and_errors(
    with_orders: IdentityService, api_server: Callable[..., httpx.Client]
) -> None:
    api = api_server()
    params = {"source": "shopify", "destination": "woocommerce"}
    body = api.get("/v1/compare/orders", params=params).json()
    assert body["summary"]["only_in_source"] == 2
    assert [o["order_id"] for o in body["only_in_source"]] == ["o2", "o4"]
    rows = list(
        csv.DictReader(
            io.StringIO(api.get("/v1/compare/orders", params={**params, "format": "csv"}).text)
        )
    )
    assert [r["number"] for r in rows] == ["#1002", "#1004"]

    same = api.get("/v1/compare/orders", params={"source": "shopify", "destination": "shopify"})
    assert same.status_code == 422 and "destination" in same.text
    bad = api.get("/v1/compare/customers", params={"source": "Bad Slug", "destination": "qbo"})
    assert bad.status_code == 422 and "source" in bad.text
    anonymous = httpx.get(f"{api.base_url}/v1/compare/customers", params=params)
    assert anonymous.status_code == 401
