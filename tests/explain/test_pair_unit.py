"""Pairwise explanations (why one customer, why not) from hand-made rows: no Neo4j."""

from __future__ import annotations

import pytest

from graph_identity.errors import NotFound
from graph_identity.explain import ReasonCode, build_pair_explanation, pair_text
from graph_identity.explain.models import PairExplanation
from tests.explain.rows import Rows, at, day

STORE_PHONE = "blocklist:placeholder-phone"


def explain(rows: Rows, a: str, b: str) -> PairExplanation:
    return build_pair_explanation(rows.pair_row(), a, b)


def shared_phone() -> Rows:
    rows = Rows()
    rows.identifier("phone", "phone", "+1 512 *** **42")
    rows.record("shopify:1042", ("phone", at("2024-03-02")))
    rows.record("qbo:77", ("phone", at("2023-11-20")))
    return rows


def test_a_shared_phone_reads_as_one_sentence() -> None:
    explanation = explain(shared_phone(), "shopify:1042", "qbo:77")
    assert explanation.same_customer
    assert explanation.reason is None
    assert pair_text(explanation) == (
        "shopify:1042 and qbo:77 are one customer because both have phone +1 512 *** **42 "
        "(seen by shopify since 2024-03-02, qbo since 2023-11-20)."
    )
    (hop,) = explanation.path
    assert (hop.from_record, hop.kind, hop.masked, hop.to_record) == (
        "shopify:1042",
        "phone",
        "+1 512 *** **42",
        "qbo:77",
    )


def test_a_chain_is_ordered_from_a_to_b_with_each_hops_dates() -> None:
    rows = shared_phone()
    rows.identifier("email", "email", "a***@example.com")
    rows.link("qbo:77", "email", at("2024-01-01"), at("2024-06-30"))
    rows.record("loyalty:9", ("email", at("2024-02-14")))
    explanation = explain(rows, "shopify:1042", "loyalty:9")
    assert [(h.from_record, h.to_record) for h in explanation.path] == [
        ("shopify:1042", "qbo:77"),
        ("qbo:77", "loyalty:9"),
    ]
    assert pair_text(explanation) == (
        "shopify:1042 and loyalty:9 are one customer through 2 links: "
        "shopify:1042 and qbo:77 share phone +1 512 *** **42 "
        "(seen by shopify since 2024-03-02, qbo since 2023-11-20); "
        "qbo:77 and loyalty:9 share email a***@example.com "
        "(seen by qbo since 2024-01-01 (last 2024-06-30), loyalty since 2024-02-14)."
    )
    assert [i.masked for i in explanation.identifiers] == ["a***@example.com", "+1 512 *** **42"]


def test_the_shortest_chain_wins_over_a_longer_one() -> None:
    rows = Rows()
    for ref in ("e1", "e2", "e3"):
        rows.identifier(ref, "email", f"{ref}***@example.com")
    rows.record("shopify:a", "e1", "e3")
    rows.record("shopify:b", "e1", "e2")
    rows.record("shopify:c", "e2", "e3")
    assert len(explain(rows, "shopify:a", "shopify:c").path) == 1


def test_a_merge_decision_joins_two_records_in_one_hop() -> None:
    rows = Rows()
    rows.identifier("email", "email", "a***@example.com")
    rows.identifier("phone", "phone", "+1 512 *** **42")
    rows.record("shopify:a", "email")
    rows.record("qbo:b", "phone")
    rows.record("woocommerce:h", "email", "phone")
    rows.decision("dec_1", "merge", joins=("shopify:a", "qbo:b", "woocommerce:h"), when=day(3))
    explanation = explain(rows, "shopify:a", "qbo:b")
    (hop,) = explanation.path
    assert hop.via == "decision"
    assert pair_text(explanation) == (
        "shopify:a and qbo:b are one customer because they were joined by merge decision "
        "dec_1 (alice, 2024-01-04: “checked (merge)”)."
    )
    joins = {(e.source, e.target) for e in explanation.edges if e.type == "JOINS"}
    assert joins == {("decision:dec_1", "record:shopify:a"), ("decision:dec_1", "record:qbo:b")}


def test_different_customers_with_no_chain() -> None:
    rows = Rows()
    rows.identifier("e1", "email", "a***@example.com")
    rows.identifier("e2", "email", "b***@example.com")
    rows.record("shopify:a", "e1", customer="cus_1")
    rows.record("qbo:b", "e2", customer="cus_2")
    explanation = explain(rows, "shopify:a", "qbo:b")
    assert not explanation.same_customer
    assert explanation.path == []
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.DIFFERENT_CUSTOMERS_NO_PATH
    assert pair_text(explanation) == (
        "shopify:a (customer cus_1) and qbo:b (customer cus_2) are different customers: "
        "no current shared identifier or merge decision connects them."
    )


def test_a_chain_only_through_a_generic_identifier_names_it_masked() -> None:
    rows = Rows()
    rows.identifier("store", "phone", "+1 555 *** **55", generic_reason=STORE_PHONE)
    rows.record("shopify:a", "store", customer="cus_1")
    rows.record("qbo:b", "store", customer="cus_2")
    explanation = explain(rows, "shopify:a", "qbo:b")
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.GENERIC_IDENTIFIER_ONLY
    assert [i.masked for i in explanation.reason.identifiers] == ["+1 555 *** **55"]
    assert [h.generic for h in explanation.path] == [True]
    assert "only through phone +1 555 *** **55 (generic: blocklist:placeholder-phone)" in (
        pair_text(explanation)
    )


def test_a_keep_apart_decision_between_their_customers() -> None:
    rows = Rows()
    rows.identifier("e1", "email", "a***@example.com")
    rows.identifier("e2", "email", "b***@example.com")
    rows.record("shopify:a", "e1", customer="cus_1")
    rows.record("shopify:a2", "e1", customer="cus_1")
    rows.record("qbo:b", "e2", customer="cus_2")
    rows.decision("dec_7", "keep_apart", apart={"s0": ("shopify:a2",), "s1": ("qbo:b",)})
    explanation = explain(rows, "shopify:a", "qbo:b")
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.KEEP_APART
    assert explanation.reason.decision is not None
    assert (explanation.reason.decision.id, explanation.reason.decision.actor) == ("dec_7", "alice")
    assert pair_text(explanation).endswith(
        "are kept apart by keep_apart decision dec_7 (alice, 2024-01-01: “checked (keep_apart)”)."
    )
    assert any(e.type == "APART" for e in explanation.edges)


def test_keep_apart_also_separates_the_conflicts_own_record() -> None:
    rows = Rows()
    rows.identifier("email", "email", "a***@example.com")
    rows.identifier("phone", "phone", "+1 512 *** **42")
    rows.record("shopify:a", "email", customer="cus_1")
    rows.record("qbo:b", "phone", customer="cus_2")
    rows.record("woocommerce:h", "email", "phone", customer="cus_3")
    rows.decision(
        "dec_7",
        "keep_apart",
        apart={"s0": ("shopify:a",), "s1": ("qbo:b",)},
        concerns="woocommerce:h",
    )
    explanation = explain(rows, "woocommerce:h", "qbo:b")
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.KEEP_APART
    assert [h.masked for h in explanation.path] == ["+1 512 *** **42"]


def test_a_record_held_in_an_open_conflict() -> None:
    rows = Rows()
    rows.identifier("email", "email", "a***@example.com")
    rows.identifier("phone", "phone", "+1 512 *** **42")
    rows.record("shopify:a", "email", customer="cus_1")
    rows.record("qbo:b", "phone", customer="cus_2")
    rows.record("woocommerce:h", "email", "phone", customer=None, status="held")
    rows.conflict("cfl_3", "woocommerce:h", ("cus_1", "cus_2"), "email", "phone")
    for other in ("shopify:a", "qbo:b"):
        explanation = explain(rows, other, "woocommerce:h")
        assert explanation.reason is not None
        assert (explanation.reason.code, explanation.reason.conflict_id) == (
            ReasonCode.OPEN_CONFLICT,
            "cfl_3",
        )
    explanation = explain(rows, "shopify:a", "qbo:b")
    assert explanation.reason is not None
    assert explanation.reason.conflict_id == "cfl_3"
    assert len(explanation.path) == 2
    assert "woocommerce:h (held, in no customer)" in pair_text(
        explain(rows, "woocommerce:h", "qbo:b")
    )


def test_an_erased_record_and_an_unknown_one() -> None:
    rows = shared_phone()
    rows.tombstones.append({"key": "shopify:9", "erased_at": day(10), "replay_allowed": False})
    explanation = explain(rows, "shopify:9", "qbo:77")
    assert explanation.reason is not None
    assert (explanation.reason.code, explanation.reason.erased) == (
        ReasonCode.ERASED,
        ["shopify:9"],
    )
    assert pair_text(explanation).startswith("shopify:9 was erased on 2024-01-11;")
    assert any(n.type == "tombstone" for n in explanation.nodes)
    with pytest.raises(NotFound, match="record nope:1 does not exist"):
        explain(rows, "qbo:77", "nope:1")


def test_an_assign_decision_that_broke_a_chain() -> None:
    rows = Rows()
    rows.identifier("email", "email", "a***@example.com")
    rows.identifier("phone", "phone", "+1 512 *** **42")
    rows.record("shopify:a", "email", customer="cus_1")
    rows.record("woocommerce:h", "email", "phone", customer="cus_1")
    rows.record("qbo:b", "phone", customer="cus_2")
    rows.decision("dec_4", "assign", assigns=("woocommerce:h",), to=("cus_1",))
    explanation = explain(rows, "shopify:a", "qbo:b")
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.ASSIGNED
    assert explanation.reason.decision is not None
    assert explanation.reason.decision.id == "dec_4"


def test_a_live_chain_nothing_explains_is_said_so() -> None:
    rows = shared_phone()
    rows.records[1]["customer"] = "cus_2"
    explanation = explain(rows, "shopify:1042", "qbo:77")
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.UNEXPLAINED


def test_pair_graph_is_closed_and_shows_the_chain() -> None:
    explanation = explain(shared_phone(), "shopify:1042", "qbo:77")
    ids = {n.id for n in explanation.nodes}
    assert all(e.source in ids and e.target in ids for e in explanation.edges)
    has = [e for e in explanation.edges if e.type == "HAS"]
    assert {(e.source, e.properties["provider"]) for e in has} == {
        ("record:shopify:1042", "shopify"),
        ("record:qbo:77", "qbo"),
    }
