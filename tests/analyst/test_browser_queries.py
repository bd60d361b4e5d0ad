"""Every query in cypher/browser/ runs with its documented params on the demo graph and
returns what its comment promises. Expected values come from the demo's scenarios or are
recomputed in Python from plain (record, provider, customer) rows."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime

import pytest
from neo4j import Driver

from graph_identity.demo.dataset import (
    DECISION_ACTOR,
    ERASE_EMAIL_SIDE_KEY,
    ERASE_PHONE_SIDE_KEY,
    HOUSEHOLD_BRIDGE_KEY,
    HOUSEHOLD_FIRST_KEY,
    HOUSEHOLD_SECOND_KEY,
    MAILBOX_FIRST_KEY,
    MAILBOX_SECOND_KEY,
    POS_BRIDGE_KEY,
    POS_EMAIL_KEY,
    POS_PHONE_KEY,
)
from tests.analyst.browser_queries import (
    PARAM_LINE,
    browser_files,
    documented_params,
    header,
    run_documented,
)
from tests.analyst.conftest import LoadedDemo

TESTED = {
    "why_merged",
    "customer_component",
    "open_conflicts",
    "generic_identifiers",
    "top_customers",
    "provider_coverage",
    "only_in_provider",
    "merges_and_splits",
    "customers_by_size",
    "records_per_customer_by_provider",
    "ambiguous_share",
}


def memberships(driver: Driver) -> list[tuple[str, str, str | None]]:
    """(record key, provider, active customer id or None) for every record."""
    records, _, _ = driver.execute_query(
        "MATCH (r:Record) OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer {status: 'active'}) "
        "RETURN r.key AS key, r.provider AS provider, c.id AS customer"
    )
    return [(r["key"], r["provider"], r["customer"]) for r in records]


def customer_of(driver: Driver, key: str) -> str:
    records, _, _ = driver.execute_query(
        "MATCH (:Record {key: $key})-[:BELONGS_TO]->(c:Customer) RETURN c.id AS id", key=key
    )
    return str(records[0]["id"])


def test_every_query_file_is_documented_and_covered(demo: LoadedDemo) -> None:
    names = {path.stem for path in browser_files()}
    assert names == TESTED
    for path in browser_files():
        text = path.read_text(encoding="utf-8")
        comments = " ".join(header(text))
        assert "Paste first" in comments, path.name
        used = set(re_params(text))
        documented = set(documented_params(demo.driver, text))
        assert used == documented, f"{path.name}: uses {used}, documents {documented}"


def re_params(text: str) -> list[str]:
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    return re.findall(r"\$(\w+)", body)


def test_why_merged_walks_address_then_phone(demo: LoadedDemo) -> None:
    (row,) = run_documented(demo.driver, "why_merged")
    assert row["records"] == [
        "amazon:demo-0030-2",
        "woocommerce:demo-0030",
        "lightspeed_retail:demo-0030-3",
    ]
    assert row["hops"] == 4
    kinds = [
        sorted(n.labels - {"Identifier"}) for n in row["chain"].nodes if "Identifier" in n.labels
    ]
    assert kinds == [["AddressHash"], ["Phone"]]
    assert not any(n.get("generic") for n in row["chain"].nodes)


def test_why_merged_has_no_row_for_unlinked_records(demo: LoadedDemo) -> None:
    rows = run_documented(demo.driver, "why_merged", a=HOUSEHOLD_FIRST_KEY, b=HOUSEHOLD_SECOND_KEY)
    assert rows == []


def test_why_merged_walks_the_web_order_between_the_pos_records(demo: LoadedDemo) -> None:
    (row,) = run_documented(demo.driver, "why_merged", a=POS_EMAIL_KEY, b=POS_PHONE_KEY)
    assert row["records"] == [POS_EMAIL_KEY, POS_BRIDGE_KEY, POS_PHONE_KEY]
    kinds = [
        sorted(n.labels - {"Identifier"}) for n in row["chain"].nodes if "Identifier" in n.labels
    ]
    assert kinds == [["Email"], ["Phone"]]


def test_why_merged_does_not_cross_the_family_mailbox(demo: LoadedDemo) -> None:
    """The two members share an email, but their names contradict and a human kept them
    apart: the shared email is no tie, so no chain."""
    rows = run_documented(demo.driver, "why_merged", a=MAILBOX_FIRST_KEY, b=MAILBOX_SECOND_KEY)
    assert rows == []
    records, _, _ = demo.driver.execute_query(
        "MATCH (a:Record {key: $a})-[:HAS]->(e:Email)<-[:HAS]-(b:Record {key: $b}) "
        "RETURN EXISTS { (a)-[:CONTRADICTS]-(b) } AS contradicts, "
        "[(d:Decision {kind: 'keep_apart'})-[:APART]->(a) | d.actor] AS apart",
        a=MAILBOX_FIRST_KEY,
        b=MAILBOX_SECOND_KEY,
    )
    (row,) = records
    assert row["contradicts"] is True and row["apart"] == [DECISION_ACTOR]


def test_customer_component_holds_the_merged_pos_shopper(demo: LoadedDemo) -> None:
    rows = run_documented(demo.driver, "customer_component")
    survivor = customer_of(demo.driver, POS_EMAIL_KEY)
    assert {row["customer_id"] for row in rows} == {survivor}
    assert {row["record_count"] for row in rows} == {3}
    nodes = {n.element_id: n for row in rows for n in row["p"].nodes}
    records = {n["key"] for n in nodes.values() if "Record" in n.labels}
    assert records == {POS_EMAIL_KEY, POS_PHONE_KEY, POS_BRIDGE_KEY}
    # The web order merged the two POS customers by itself: no human decision joins them.
    assert not [n for n in nodes.values() if "Decision" in n.labels]
    customers = {n["id"]: n["status"] for n in nodes.values() if "Customer" in n.labels}
    assert customers[survivor] == "active"
    assert sorted(customers.values()) == ["active", "merged"]
    has = {
        (rel.start_node["key"], rel.end_node.element_id)
        for row in rows
        for rel in row["p"].relationships
        if rel.type == "HAS"
    }
    assert {key for key, _ in has} == records
    assert len(has) == 4  # the web order holds both the POS email and the POS phone
    kinds = Counter(
        sorted(n.labels - {"Identifier"})[0] for n in nodes.values() if "Identifier" in n.labels
    )
    assert kinds == {"Email": 1, "Phone": 1}


def test_customer_component_by_customer_id_is_the_same(demo: LoadedDemo) -> None:
    survivor = customer_of(demo.driver, POS_EMAIL_KEY)
    by_key = run_documented(demo.driver, "customer_component")
    by_id = run_documented(demo.driver, "customer_component", key=None, customer_id=survivor)
    assert sorted(str(r["p"]) for r in by_key) == sorted(str(r["p"]) for r in by_id)


def test_open_conflicts_name_the_household_bridge(demo: LoadedDemo) -> None:
    (row,) = run_documented(demo.driver, "open_conflicts")
    assert row["record"] == HOUSEHOLD_BRIDGE_KEY
    expected = {
        customer_of(demo.driver, HOUSEHOLD_FIRST_KEY),
        customer_of(demo.driver, HOUSEHOLD_SECOND_KEY),
    }
    assert set(row["candidates"]) == expected
    assert sorted(b.split(" ")[0] for b in row["bridged_by"]) == ["email", "phone"]
    assert "@example" in " ".join(row["bridged_by"]) and "***" in " ".join(row["bridged_by"])
    bridged_customers = {p.end_node["id"] for p in row["bridges"]}
    assert bridged_customers == expected


def test_generic_identifiers_show_the_store_phone_and_relay(demo: LoadedDemo) -> None:
    rows = {row["kind"]: row for row in run_documented(demo.driver, "generic_identifiers")}
    walk_ins = demo.service.settings.max_records_per_phone + 5
    phone = rows["phone"]
    # Differently named walk-ins: more than max_people_per_identifier people on one phone.
    assert phone["reason"] == "too_many_people"
    assert phone["records"] == walk_ins and phone["customers"] == walk_ins
    assert len(phone["touches"]) == 10
    assert all(p.end_node.labels == {"Customer"} for p in phone["touches"])
    assert rows["email"]["reason"] == "blocklist:relay"
    assert rows["email"]["masked"].endswith("@marketplace.amazon.com")


def test_top_customers_are_the_largest(demo: LoadedDemo) -> None:
    rows = run_documented(demo.driver, "top_customers")
    sizes = Counter(c for _, _, c in memberships(demo.driver) if c)
    expected = sorted(sizes.values(), reverse=True)[:10]
    assert [row["records"] for row in rows] == expected
    first = rows[0]
    assert sizes[first["customer_id"]] == first["records"]
    assert first["providers"] == sorted(first["providers"])


def test_provider_coverage_matches_memberships(demo: LoadedDemo) -> None:
    rows = run_documented(demo.driver, "provider_coverage")
    pairs = memberships(demo.driver)
    providers_of: dict[str, set[str]] = defaultdict(set)
    for _, provider, customer in pairs:
        if customer:
            providers_of[customer].add(provider)
    for row in rows:
        mine = {c for _, p, c in pairs if p == row["provider"] and c}
        assert row["records"] == sum(1 for _, p, _ in pairs if p == row["provider"])
        assert row["customers"] == len(mine)
        assert row["only_here"] == sum(1 for c in mine if providers_of[c] == {row["provider"]})
    assert {row["provider"] for row in rows} == {p for _, p, _ in pairs}
    stats = {p.provider: (p.records, p.customers) for p in demo.service.stats().providers}
    assert {row["provider"]: (row["records"], row["customers"]) for row in rows} == stats


def test_only_in_provider_is_a_minus_b(demo: LoadedDemo) -> None:
    rows = run_documented(demo.driver, "only_in_provider")
    providers_of: dict[str, set[str]] = defaultdict(set)
    for _, provider, customer in memberships(demo.driver):
        if customer:
            providers_of[customer].add(provider)
    expected = sorted(c for c, ps in providers_of.items() if "amazon" in ps and "shopify" not in ps)
    assert expected and [row["customer_id"] for row in rows] == expected
    assert all(k.startswith("amazon:") for row in rows for k in row["records_at_a"])
    assert all("shopify" not in row["providers"] for row in rows)


def test_merges_and_splits_in_range(demo: LoadedDemo) -> None:
    rows = run_documented(demo.driver, "merges_and_splits")
    # The web order's merge is the only merge (the family mailbox was kept apart); the
    # walk-ins never glue (their names differ), so the erasure is the only split.
    assert sorted(row["kind"] for row in rows) == ["merge", "split"]
    (merge,) = (row for row in rows if row["kind"] == "merge")
    assert merge["to_ids"] == [customer_of(demo.driver, POS_EMAIL_KEY)]
    sides = {
        customer_of(demo.driver, ERASE_EMAIL_SIDE_KEY),
        customer_of(demo.driver, ERASE_PHONE_SIDE_KEY),
    }
    assert any(set(row["to_ids"]) == sides for row in rows if row["kind"] == "split")
    past = run_documented(
        demo.driver,
        "merges_and_splits",
        **{"from": datetime(2000, 1, 1, tzinfo=UTC), "to": datetime(2001, 1, 1, tzinfo=UTC)},
    )
    assert past == []


def test_customers_by_size_matches_memberships(demo: LoadedDemo) -> None:
    rows = run_documented(demo.driver, "customers_by_size")
    sizes = Counter(c for _, _, c in memberships(demo.driver) if c)
    assert {row["size"]: row["customers"] for row in rows} == dict(Counter(sizes.values()))


def test_records_per_customer_by_provider_matches_memberships(demo: LoadedDemo) -> None:
    rows = run_documented(demo.driver, "records_per_customer_by_provider")
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for _, provider, customer in memberships(demo.driver):
        if customer:
            per[provider][customer] += 1
    for row in rows:
        counts = per[row["provider"]]
        assert row["customers"] == len(counts)
        assert row["records"] == sum(counts.values())
        assert row["mean"] == pytest.approx(sum(counts.values()) / len(counts), abs=1e-3)
        assert row["max"] == max(counts.values())
    assert {row["provider"] for row in rows} == set(per)
    assert any(row["max"] > 1 for row in rows)


def test_ambiguous_share_counts_the_held_record(demo: LoadedDemo) -> None:
    (row,) = run_documented(demo.driver, "ambiguous_share")
    total = len(memberships(demo.driver))
    assert (row["records"], row["held"], row["open_conflicts"]) == (total, 1, 1)
    assert row["share"] == pytest.approx(1 / total)


def test_param_lines_are_browser_syntax() -> None:
    for path in browser_files():
        for name, expression in PARAM_LINE.findall(path.read_text(encoding="utf-8")):
            assert name.isidentifier() and expression.strip(), path.name
