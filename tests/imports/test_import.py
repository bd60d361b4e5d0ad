"""Importing files into the real Neo4j: metrics, rejects, idempotent re-runs, resuming."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from neo4j import Driver

from graph_identity.config import Policy
from graph_identity.imports import ImportProgress, import_file
from graph_identity.service import IdentityService

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHOP = FIXTURES / "shop"
XSERIES = "lightspeed_retail:06e35f89-3783-11ef-ec7e-5b1c0a9e000"


def write_people(path: Path, count: int, bad: dict[int, list[str]] | None = None) -> None:
    """``count`` rows, people of two records (email-only + email-and-phone)."""
    bad = bad or {}
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "first_name", "email", "phone"])
        for row in range(1, count + 1):
            person = (row - 1) // 2
            phone = f"+1512555{person:04d}" if row % 2 == 0 else ""
            writer.writerow(
                bad.get(row, [f"c{row}", f"P{person}", f"p{person}@example.com", phone])
            )


def graph_state(driver: Driver) -> tuple[set[frozenset[str]], dict[str, int]]:
    """Customers as sets of record keys, and node counts by label (checkpoints left out)."""
    rows, _, _ = driver.execute_query(
        "MATCH (r:Record)-[:BELONGS_TO]->(c:Customer) RETURN c.id AS c, collect(r.key) AS keys"
    )
    labels, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:ImportCheckpoint UNWIND labels(n) AS l RETURN l, count(*) AS n"
    )
    return {frozenset(r["keys"]) for r in rows}, {r["l"]: r["n"] for r in labels}


def checkpoint(driver: Driver) -> tuple[int, str]:
    rows, _, _ = driver.execute_query(
        "MATCH (k:ImportCheckpoint) RETURN k.last_row AS row, k.status AS status"
    )
    assert len(rows) == 1
    return rows[0]["row"], rows[0]["status"]


def test_import_counts_every_row_and_lists_rejects_without_personal_values(
    strict: IdentityService, graph: Driver, tmp_path: Path
) -> None:
    data = tmp_path / "customers.csv"
    write_people(
        data,
        40,
        bad={
            3: ["", "Nobody", "", ""],
            7: ["c7", "Bad", "not-an-email-secret", "12"],
            11: ["c11", "Extra", "x@example.com", "", "surplus"],
        },
    )
    report = import_file(strict, data, provider="shopify", batch_size=15)

    metrics = report.metrics
    assert metrics.fetched == 40 and metrics.errors == 2
    assert metrics.created == 21 and metrics.linked == 17
    assert report.stored_without == 1
    assert report.rejects_path == tmp_path / "customers.csv.rejects.csv"
    with report.rejects_path.open(newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert sorted((int(r["row"]), r["record"], r["outcome"]) for r in rejects) == [
        (3, "", "rejected"),
        (7, "shopify:c7", "stored_without"),
        (11, "", "rejected"),
    ]
    reasons = {r["row"]: r["reason"] for r in rejects}
    assert "external_id" in reasons["3"]
    assert "emails.0" in reasons["7"] and "phones.0" in reasons["7"]
    assert "more values than header columns" in reasons["11"]
    text = report.rejects_path.read_text()
    assert "secret" not in text and "Nobody" not in text and "example.com" not in text
    customers, counts = graph_state(graph)
    assert len(customers) == 21 and counts["Record"] == 38
    assert checkpoint(graph) == (40, "done")


def test_a_rerun_of_a_finished_import_changes_nothing(
    strict: IdentityService, graph: Driver, tmp_path: Path
) -> None:
    data = tmp_path / "customers.csv"
    write_people(data, 30)
    import_file(strict, data, provider="shopify", batch_size=7)
    before = graph_state(graph)
    again = import_file(strict, data, provider="shopify", batch_size=7)
    assert again.resumed_after == 0
    assert again.metrics.unchanged == 30 and again.metrics.fetched == 30
    assert graph_state(graph) == before


class Crash(RuntimeError):
    pass


def crash_after(batches: int) -> Callable[[ImportProgress], None]:
    seen: list[ImportProgress] = []

    def on_progress(progress: ImportProgress) -> None:
        seen.append(progress)
        if len(seen) == batches:
            raise Crash

    return on_progress


def test_an_interrupted_import_resumes_after_the_checkpoint_and_ends_like_a_clean_run(
    make_service: Callable[..., IdentityService], graph: Driver, tmp_path: Path
) -> None:
    service = make_service(policy=Policy.CONNECTED)
    data = tmp_path / "customers.csv"
    write_people(data, 50, bad={4: ["", "", "", ""], 33: ["", "", "bad", ""]})
    with pytest.raises(Crash):
        import_file(service, data, provider="shopify", batch_size=10, on_progress=crash_after(2))
    assert checkpoint(graph) == (20, "running")
    rejects = data.with_name("customers.csv.rejects.csv")

    resumed = import_file(service, data, provider="shopify", batch_size=10)
    assert resumed.resumed_after == 20
    assert resumed.metrics.fetched == 30 and resumed.metrics.errors == 1
    assert checkpoint(graph) == (50, "done")
    assert [line.split(",")[0] for line in rejects.read_text().splitlines()[1:]] == ["4", "33"]
    after_crash = graph_state(graph)

    graph.execute_query("MATCH (n) DETACH DELETE n")
    import_file(service, data, provider="shopify", batch_size=10)
    assert graph_state(graph) == after_crash
    assert len(after_crash[0]) == 25


def test_a_checkpoint_that_lags_the_data_replays_rows_as_unchanged(
    strict: IdentityService, graph: Driver, tmp_path: Path
) -> None:
    """A crash between a batch's commit and its checkpoint: the batch is replayed."""
    data = tmp_path / "customers.csv"
    write_people(data, 30)
    import_file(strict, data, provider="shopify", batch_size=10)
    full = graph_state(graph)
    graph.execute_query("MATCH (k:ImportCheckpoint) SET k.last_row = 10, k.status = 'running'")
    replay = import_file(strict, data, provider="shopify", batch_size=10)
    assert replay.resumed_after == 10
    assert replay.metrics.unchanged == 20 and replay.metrics.fetched == 20
    assert graph_state(graph) == full


def test_restart_ignores_an_unfinished_checkpoint(
    strict: IdentityService, graph: Driver, tmp_path: Path
) -> None:
    data = tmp_path / "customers.csv"
    write_people(data, 20)
    with pytest.raises(Crash):
        import_file(strict, data, provider="shopify", batch_size=5, on_progress=crash_after(1))
    report = import_file(strict, data, provider="shopify", batch_size=5, restart=True)
    assert report.resumed_after == 0
    assert report.metrics.unchanged == 5 and report.metrics.fetched == 20


def test_a_changed_file_is_a_new_import(
    strict: IdentityService, graph: Driver, tmp_path: Path
) -> None:
    data = tmp_path / "customers.csv"
    write_people(data, 10)
    with pytest.raises(Crash):
        import_file(strict, data, provider="shopify", batch_size=5, on_progress=crash_after(1))
    write_people(data, 12)
    report = import_file(strict, data, provider="shopify", batch_size=5)
    assert report.resumed_after == 0 and report.metrics.fetched == 12


def test_erased_records_are_rejected_not_replayed(
    strict: IdentityService, graph: Driver, tmp_path: Path
) -> None:
    data = tmp_path / "customers.csv"
    write_people(data, 6)
    import_file(strict, data, provider="shopify")
    strict.erase("shopify", "c4")
    again = import_file(strict, data, provider="shopify")
    assert again.metrics.errors == 1 and again.metrics.unchanged == 5
    rejects = again.rejects_path.read_text().splitlines()
    assert rejects[1].startswith("4,shopify:c4,rejected,record was erased")


def test_jsonl_orders_of_a_provider_kind(
    strict: IdentityService, graph: Driver, tmp_path: Path
) -> None:
    data = tmp_path / "orders.jsonl"
    data.write_text(
        '{"id": 820982911946154508, "email": "jon@example.com", "total_price": "199.65",'
        ' "currency": "USD", "created_at": "2024-04-01T10:00:00-04:00",'
        ' "customer": {"id": 115310627314723954, "email": "jon@example.com"}}\n'
        "not json\n"
    )
    report = import_file(strict, data, provider="shopify", kind="order")
    assert report.metrics.fetched == 2 and report.metrics.errors == 1
    assert report.metrics.created == 1


def test_lightspeed_xseries_customers_and_ecom_orders_of_one_shop_merge(
    make_service: Callable[..., IdentityService], graph: Driver
) -> None:
    """The shop fixture (see its README): six people, Daniel's two POS records tied by his
    online order, every eCom order on its buyer's customer under the ``ecom`` channel."""
    service = make_service(policy=Policy.CONNECTED)
    customers = import_file(service, SHOP / "xseries_customers.json", provider="lightspeed_retail")
    orders = import_file(service, SHOP / "ecom_orders.csv", provider="lightspeed_ecom")
    assert customers.metrics.created == 6 and customers.metrics.errors == 0
    assert orders.metrics.fetched == 8 and orders.metrics.errors == 0
    assert orders.metrics.merged == 1

    stats = service.stats()
    assert stats.customers == 6
    daniel = service.customer(service.resolve(email="daniel.okafor@example.com").customer_id)
    assert {f"{XSERIES}1", f"{XSERIES}2"} <= set(daniel.records)
    assert len(daniel.records) == 3
    assert daniel.orders_by_channel["ecom"].order_count == 1
    lucia = service.customer(service.resolve(email="lucia.alvarez@example.com").customer_id)
    assert lucia.orders_by_channel["ecom"].order_count == 2
    assert set(lucia.providers) == {"lightspeed_retail", "lightspeed_ecom"}
    sam = service.customer(service.resolve(email="sam.rivera@example.com").customer_id)
    assert sam.providers == ["lightspeed_ecom"] and sam.order_count == 2
    grace = service.customer(service.resolve(phone="503.555.0156").customer_id)
    assert f"{XSERIES}6" in grace.records and grace.order_count == 1


def test_a_saved_api_page_imports_its_objects(
    strict: IdentityService, graph: Driver, tmp_path: Path
) -> None:
    """A QuickBooks query answer saved as it came: each customer in it is a row's record."""
    customer = json.loads((FIXTURES.parent / "adapters/fixtures/qbo/customer.json").read_text())
    other = {**customer, "Id": "59", "PrimaryEmailAddr": {"Address": "other@example.com"}}
    page = tmp_path / "qbo-page.json"
    page.write_text(json.dumps({"QueryResponse": {"Customer": [customer, other]}}))
    report = import_file(strict, page, provider="qbo")
    assert report.metrics.fetched == 2 and report.metrics.errors == 0
    records, _, _ = graph.execute_query("MATCH (r:Record) RETURN r.key AS key ORDER BY key")
    assert [r["key"] for r in records] == ["qbo:58", "qbo:59"]
