"""The resolution contract of DESIGN.md, one scenario per case, against the real Neo4j."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from neo4j import Driver

from graph_identity.decisions import DecisionIn
from graph_identity.errors import RecordErased
from graph_identity.models import RecordIn
from graph_identity.results import Action
from graph_identity.service import IdentityService


def rec(provider: str, external_id: str, **fields: Any) -> RecordIn:
    return RecordIn(provider=provider, external_id=external_id, **fields)


def order(order_id: str, total: str, channel: str, day: str = "2024-03-02") -> dict[str, Any]:
    return {
        "id": order_id,
        "total": total,
        "currency": "USD",
        "created_at": f"{day}T10:00:00Z",
        "channel": channel,
    }


def pos_and_ecom() -> list[RecordIn]:
    return [
        rec(
            "lightspeed_retail",
            "pos-email",
            emails=["Ada@Example.com"],
            orders=[order("s1", "10.00", "retail", "2024-01-05")],
        ),
        rec(
            "lightspeed_retail",
            "pos-phone",
            phones=["(512) 555-0142"],
            orders=[order("s2", "20.00", "retail", "2024-02-05")],
        ),
        rec(
            "lightspeed_ecom",
            "web-1",
            emails=["ada@example.com"],
            phones=["+1 512 555 0142"],
            orders=[order("w1", "30.00", "ecom", "2024-03-05")],
        ),
    ]


def graph_signature(driver: Driver) -> dict[str, Any]:
    """Everything that must not change on a re-sync: nodes by label, edges by type, keys."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    edges, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, "
        "coalesce(a.key, a.id) AS a, coalesce(b.key, b.id) AS b ORDER BY a, type, b"
    )
    return {
        "nodes": sorted(
            (repr(sorted(r["labels"])), repr(sorted(r["props"].items()))) for r in nodes
        ),
        "edges": sorted(
            repr((r["type"], r["a"], r["b"], sorted(r["props"].items()))) for r in edges
        ),
    }


def count(driver: Driver, query: str, **params: Any) -> int:
    records, _, _ = driver.execute_query(query, params)
    return int(records[0][0])


def test_a_pos_records_joined_by_ecom_record_connected_policy(
    connected: IdentityService,
) -> None:
    first, second, third = (connected.ingest(r) for r in pos_and_ecom())
    assert first.action is Action.CREATED and second.action is Action.CREATED
    assert first.customer_id != second.customer_id
    assert third.action is Action.MERGED
    assert third.customer_id == first.customer_id  # the oldest customer survives
    customer = connected.customer(third.customer_id)
    assert customer.records == [
        "lightspeed_ecom:web-1",
        "lightspeed_retail:pos-email",
        "lightspeed_retail:pos-phone",
    ]
    assert customer.order_count == 3
    assert str(customer.order_total) == "60.00"
    assert customer.orders_by_channel["retail"].order_count == 2
    assert customer.orders_by_channel["ecom"].order_count == 1
    assert customer.aliases == [second.customer_id]
    alias = connected.customer(second.customer_id)
    assert alias.id == first.customer_id and alias.requested_id == second.customer_id
    assert [e.kind for e in customer.history] == ["merge"]


def test_a_bridge_between_halves_that_do_not_contradict_merges_without_a_conflict(
    strict: IdentityService,
) -> None:
    first, second, third = (strict.ingest(r) for r in pos_and_ecom())
    assert third.action is Action.MERGED and third.conflict_id is None
    assert third.customer_id == first.customer_id
    customer = strict.customer(first.customer_id)
    assert len(customer.records) == 3 and customer.aliases == [second.customer_id]
    assert strict.conflicts("open") == []


def test_review_all_bridges_opens_a_conflict_that_a_merge_decision_closes(
    reviewing: IdentityService,
) -> None:
    strict = reviewing
    first, second, third = (strict.ingest(r) for r in pos_and_ecom())
    assert third.action is Action.AMBIGUOUS
    assert third.customer_id is None
    assert third.candidates == sorted([first.customer_id, second.customer_id])
    assert {m.kind for m in third.matched_by} == {"email", "phone"}
    assert "ada@example.com" not in str(third.matched_by)
    (conflict,) = strict.conflicts("open")
    assert conflict.id == third.conflict_id and conflict.record == "lightspeed_ecom:web-1"
    decided = strict.decide(
        conflict.id, DecisionIn(decision="merge", actor="ops@shop", reason="same person")
    )
    assert decided.customer_id == first.customer_id
    customer = strict.customer(first.customer_id)
    assert len(customer.records) == 3 and customer.order_count == 3
    assert [d.kind for d in customer.decisions] == ["merge"]
    assert customer.decisions[0].actor == "ops@shop"
    assert strict.conflicts("open") == []
    assert strict.conflicts("resolved")[0].decision is not None


def test_b_amazon_address_matches_same_flat_not_the_neighbour(strict: IdentityService) -> None:
    flat = {
        "name": "Grace Hopper",
        "line1": "100 Main Street",
        "city": "Austin",
        "region": "TX",
        "postal_code": "78701-1234",
        "country": "US",
    }
    first = strict.ingest(rec("amazon", "111-1", addresses=[{**flat, "line2": "Apt 4B"}]))
    later = strict.ingest(
        rec(
            "amazon",
            "111-2",
            addresses=[
                {**flat, "line1": "100 Main St.", "line2": "apt 4b", "postal_code": "78701"}
            ],
        )
    )
    neighbour = strict.ingest(
        rec("amazon", "111-3", addresses=[{**flat, "name": "Alan Turing", "line2": "Apt 5C"}])
    )
    assert later.action is Action.LINKED and later.customer_id == first.customer_id
    assert [m.kind for m in later.matched_by] == ["address"]
    assert neighbour.action is Action.CREATED and neighbour.customer_id != first.customer_id


def test_c_full_resync_twice_leaves_the_graph_identical(
    strict: IdentityService, graph: Driver
) -> None:
    records = [*pos_and_ecom(), rec("shopify", "42", emails=["bob@example.com"])]
    strict.ingest_batch(records)
    before = graph_signature(graph)
    again = strict.ingest_batch(records)
    assert again.metrics.unchanged == 4 and again.metrics.ambiguous == 0
    assert graph_signature(graph) == before
    strict.ingest_batch(records)
    assert graph_signature(graph) == before


def test_d_changed_email_splits_the_customer_and_history_shows_it(
    strict: IdentityService, graph: Driver
) -> None:
    a = strict.ingest(rec("shopify", "1", emails=["a@example.com"], phones=["5125550100"]))
    strict.ingest(rec("qbo", "2", emails=["a@example.com"]))
    strict.ingest(rec("loyalty", "3", phones=["512-555-0100"]))
    strict.ingest(rec("woocommerce", "4", emails=["a@example.com"]))
    customer = strict.customer(a.customer_id)
    assert len(customer.records) == 4
    updated = strict.ingest(rec("shopify", "1", emails=["a@example.com"], phones=["5125550199"]))
    assert updated.action is Action.UPDATED and updated.customer_id == a.customer_id
    kept = strict.customer(a.customer_id)
    assert kept.records == ["qbo:2", "shopify:1", "woocommerce:4"]  # the largest part keeps the id
    (split,) = [e for e in kept.history if e.kind == "split"]
    assert split.from_customers == [a.customer_id] and len(split.to_customers) == 2
    other = strict.resolve(provider="loyalty", external_id="3")
    assert other.customer_id == split.to_customers[1]
    assert count(graph, "MATCH (:Record {key: 'shopify:1'})-[h:HAD]->(:Phone) RETURN count(h)") == 1
    assert count(graph, "MATCH (:Record {key: 'shopify:1'})-[h:HAS]->(:Phone) RETURN count(h)") == 1


@pytest.mark.parametrize("policy_fixture", ["strict", "connected"])
def test_e_keep_apart_holds_when_a_later_record_bridges_again(
    policy_fixture: str, request: pytest.FixtureRequest
) -> None:
    service: IdentityService = request.getfixturevalue("reviewing")
    x = service.ingest(rec("shopify", "x", emails=["x@example.com"]))
    y = service.ingest(rec("qbo", "y", phones=["5125550111"]))
    bridge = service.ingest(
        rec("woocommerce", "b1", emails=["x@example.com"], phones=["5125550111"])
    )
    decided = service.decide(
        bridge.conflict_id,
        DecisionIn(decision="keep_apart", actor="ops", reason="twins", customer_id=x.customer_id),
    )
    assert decided.customer_id == x.customer_id
    later: IdentityService = request.getfixturevalue(policy_fixture)
    again = later.ingest(rec("loyalty", "b2", emails=["x@example.com"], phones=["512 555 0111"]))
    assert again.action is Action.AMBIGUOUS
    assert x.customer_id != y.customer_id
    assert service.customer(y.customer_id).records == ["qbo:y"]
    grown = later.ingest(rec("amazon", "x2", emails=["x@example.com"], phones=["5125550122"]))
    assert grown.customer_id == x.customer_id
    bridged = later.ingest(rec("shipstation", "b3", phones=["5125550122", "5125550111"]))
    assert bridged.action is Action.AMBIGUOUS  # holds after the kept customer grew


def test_f_erasure_splits_removes_data_and_refuses_replay(
    strict: IdentityService, graph: Driver
) -> None:
    hub = rec(
        "shopify",
        "hub",
        emails=["erase.me@example.com"],
        phones=["5125550177"],
        orders=[order("o-hub", "5.00", "ecom")],
    )
    a = strict.ingest(rec("qbo", "a", emails=["erase.me@example.com"]))
    strict.ingest(hub)
    strict.ingest(rec("loyalty", "b", phones=["5125550177"]))
    assert len(strict.customer(a.customer_id).records) == 3
    erased = strict.erase("shopify", "hub")
    assert len(erased.customers_after) == 2
    assert strict.customer(a.customer_id).records == ["qbo:a"]
    assert count(graph, "MATCH (r:Record {key: 'shopify:hub'}) RETURN count(r)") == 0
    assert count(graph, "MATCH (o:Order {key: 'shopify:o-hub'}) RETURN count(o)") == 0
    assert count(graph, "MATCH (t:Tombstone {key: 'shopify:hub'}) RETURN count(t)") == 1
    with pytest.raises(RecordErased):
        strict.ingest(hub)
    strict.allow_replay("shopify", "hub")
    back = strict.ingest(hub)
    assert back.action is Action.MERGED or back.action is Action.AMBIGUOUS


def test_partial_order_view_adds_without_removing_and_is_idempotent(
    strict: IdentityService, graph: Driver
) -> None:
    customer = strict.ingest(
        rec("shopify", "77", first_name="Ada", emails=["ada@example.com"], phones=["5125550142"])
    )
    order_view = rec(
        "shopify",
        "77",
        partial=True,
        emails=["ada.work@example.com"],
        orders=[order("9001", "12.50", "ecom")],
    )
    first = strict.ingest(order_view)
    assert first.action is Action.UPDATED and first.customer_id == customer.customer_id
    again = strict.ingest(order_view)
    assert again.action is Action.UNCHANGED
    merged = strict.customer(customer.customer_id)
    assert set(merged.emails) == {"ada@example.com", "ada.work@example.com"}
    assert merged.phones == ["+15125550142"]
    assert merged.first_name == "Ada" and merged.order_count == 1
    assert count(graph, "MATCH ()-[h:HAD]->() RETURN count(h)") == 0


def test_blocklisted_identifiers_never_link_and_are_reported(strict: IdentityService) -> None:
    first = strict.ingest(rec("shopify", "g1", emails=["noemail@example.com"]))
    second = strict.ingest(rec("qbo", "g2", emails=["noemail@example.com"]))
    assert second.action is Action.CREATED and second.customer_id != first.customer_id
    (generic,) = strict.generic_identifiers()
    assert generic.kind == "email" and generic.record_count == 2
    assert generic.reason.startswith("blocklist")


def test_store_phone_over_the_limit_stops_linking_and_unglues_walk_ins(
    make_service: Any,
) -> None:
    service: IdentityService = make_service(max_records_per_phone=3)
    store_phone = "(512) 234-0999"
    walk_ins = [
        service.ingest(
            rec(
                "lightspeed_retail",
                f"walk-{i}",
                phones=[store_phone],
                emails=[f"walker{i}@example.com"],
            )
        )
        for i in range(3)
    ]
    assert len({r.customer_id for r in walk_ins}) == 1  # glued while under the limit
    fourth = service.ingest(
        rec("lightspeed_retail", "walk-3", phones=[store_phone], emails=["walker3@example.com"])
    )
    assert fourth.action is Action.CREATED
    customers = {
        service.resolve(provider="lightspeed_retail", external_id=f"walk-{i}").customer_id
        for i in range(4)
    }
    assert len(customers) == 4  # the split re-resolved the glued walk-ins
    (generic,) = service.generic_identifiers()
    assert (generic.kind, generic.reason, generic.record_count) == ("phone", "too_many_records", 4)
    history = service.customer(walk_ins[0].customer_id).history
    assert [e.kind for e in history] == ["split"]


def test_household_phone_links_only_records_whose_names_agree(
    strict: IdentityService,
) -> None:
    landline = "(512) 234-0777"
    mary = strict.ingest(
        rec("shopify", "h1", first_name="Mary", last_name="Smith", phones=[landline])
    )
    john = strict.ingest(rec("qbo", "h2", first_name="John", last_name="Smith", phones=[landline]))
    assert john.action is Action.CREATED and john.customer_id != mary.customer_id
    pos = strict.ingest(
        rec("lightspeed_retail", "h3", first_name="MARY", last_name="Smith", phones=[landline])
    )
    assert pos.action is Action.LINKED and pos.customer_id == mary.customer_id
    assert [m.kind for m in pos.matched_by] == ["phone"]
    looked_up = strict.resolve(phone=landline)
    assert looked_up.status == "ambiguous"
    assert looked_up.candidates == sorted([mary.customer_id, john.customer_id])


def test_renamed_record_leaves_the_customer_its_phone_no_longer_ties_it_to(
    strict: IdentityService,
) -> None:
    landline = "(512) 234-0778"
    first = strict.ingest(
        rec(
            "shopify",
            "r1",
            first_name="Ann",
            last_name="Lee",
            emails=["ann.lee@example.com"],
            phones=[landline],
        )
    )
    strict.ingest(rec("qbo", "r2", first_name="Anne", last_name="Lee", phones=[landline]))
    strict.ingest(rec("loyalty", "r3", first_name="Ann", last_name="Lee", phones=[landline]))
    assert len(strict.customer(first.customer_id).records) == 3
    renamed = strict.ingest(rec("qbo", "r2", first_name="Bob", last_name="Lee", phones=[landline]))
    assert renamed.action is Action.UPDATED
    kept = strict.customer(first.customer_id)
    assert kept.records == ["loyalty:r3", "shopify:r1"]
    (split,) = [e for e in kept.history if e.kind == "split"]
    assert strict.resolve(provider="qbo", external_id="r2").customer_id == split.to_customers[1]


def test_timestamps_are_stored_in_utc_through_the_text_wire(
    strict: IdentityService, graph: Driver
) -> None:
    aware = datetime(2024, 3, 2, 8, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    naive = datetime(2024, 3, 1, 18, 5)
    strict.ingest(
        rec(
            "shopify",
            "t1",
            emails=["t1@example.com"],
            created_at=naive,
            updated_at=aware,
            orders=[order("o1", "5.00", "ecom")],
        )
    )
    rows, _, _ = graph.execute_query(
        "MATCH (r:Record {key: 'shopify:t1'})-[h:HAS]->(), (r)-[:PLACED]->(o:Order) "
        "RETURN r.source_created_at AS created, r.source_updated_at AS updated, "
        "r.first_seen AS first_seen, h.last_seen AS link_seen, o.created_at AS ordered"
    )
    (row,) = rows
    # A naive time is the shop's clock, read in the shop zone (UTC unless configured).
    assert row["created"].to_native() == naive.replace(tzinfo=UTC)
    for name in ("updated", "first_seen", "link_seen"):
        assert row[name].utcoffset() == timedelta(0)
        assert row[name].to_native() == aware
    assert row["ordered"].to_native() == datetime(2024, 3, 2, 10, tzinfo=UTC)
