"""Per-customer explanations built from hand-made rows: no Neo4j."""

from __future__ import annotations

from graph_identity.explain import build_customer_explanation, chain_of, customer_text
from graph_identity.explain.models import CustomerExplanation
from tests.explain.rows import Rows, at, day

CANONICAL = "ada lovelace|12 st james sq|apt 4|london|sw1y 4lj|gb"


def chain_of_four() -> Rows:
    """a -email- b -phone- c -address- d, oldest first."""
    rows = Rows()
    rows.identifier("email", "email", "a***@example.com")
    rows.identifier("phone", "phone", "+1 512 *** **42")
    rows.identifier("addr", "address", "addr:9f2c4e1a7b", canonical=CANONICAL)
    rows.record("shopify:a", ("email", at("2024-03-02")), seen=day(0))
    rows.record("qbo:b", ("email", at("2023-11-20")), ("phone", at("2024-01-05")), seen=day(1))
    rows.record("loyalty:c", "phone", "addr", seen=day(2))
    rows.record("amazon:d", "addr", seen=day(3))
    return rows


def explain(rows: Rows, requested: str = "cus_1") -> CustomerExplanation:
    return build_customer_explanation(rows.customer_row(), requested)


def test_each_record_has_its_chain_of_shared_identifiers_to_the_oldest_record() -> None:
    explanation = explain(chain_of_four())
    assert explanation.oldest_record == "shopify:a"
    chains = {c.record: c for c in explanation.chains}
    assert chains["shopify:a"].tie == "oldest"
    hops = chain_of(explanation, "amazon:d")
    assert [(h.from_record, h.kind, h.to_record) for h in hops] == [
        ("amazon:d", "address", "loyalty:c"),
        ("loyalty:c", "phone", "qbo:b"),
        ("qbo:b", "email", "shopify:a"),
    ]
    assert hops[2].masked == "a***@example.com"
    assert [(e.record, e.provider, e.first_seen) for e in hops[2].ends] == [
        ("qbo:b", "qbo", at("2023-11-20")),
        ("shopify:a", "shopify", at("2024-03-02")),
    ]
    assert [(chains[k].depth, chains[k].parent) for k in ("qbo:b", "loyalty:c", "amazon:d")] == [
        (1, "shopify:a"),
        (2, "qbo:b"),
        (3, "loyalty:c"),
    ]
    assert [c.record for c in explanation.chains] == ["shopify:a", "qbo:b", "loyalty:c", "amazon:d"]
    text = customer_text(explanation)
    assert text[2] == (
        "qbo:b is tied to shopify:a because both have email a***@example.com "
        "(seen by qbo since 2023-11-20, shopify since 2024-03-02)."
    )
    assert text[4] == (
        "amazon:d is tied to shopify:a through loyalty:c (3 links): amazon:d and loyalty:c "
        "share address addr:9f2c4e1a7b (seen by amazon since 2024-01-04, loyalty since 2024-01-03)."
    )


def test_records_identifiers_and_links_carry_provenance() -> None:
    explanation = explain(chain_of_four())
    assert [r.key for r in explanation.records] == [
        "shopify:a",
        "qbo:b",
        "loyalty:c",
        "amazon:d",
    ]
    assert [(i.id, i.kind, i.masked) for i in explanation.identifiers] == [
        ("i1", "address", "addr:9f2c4e1a7b"),
        ("i2", "email", "a***@example.com"),
        ("i3", "phone", "+1 512 *** **42"),
    ]
    link = next(k for k in explanation.links if k.record == "qbo:b" and k.identifier == "i3")
    assert (link.live, link.provider, link.rule, link.first_seen) == (
        True,
        "qbo",
        "phone.v1",
        at("2024-01-05"),
    )


def test_history_and_generic_identifiers_are_listed_but_never_chain() -> None:
    rows = Rows()
    rows.identifier("old", "email", "o***@example.com")
    rows.identifier(
        "store", "phone", "+1 555 *** **55", generic_reason="blocklist:placeholder-phone"
    )
    rows.identifier("email", "email", "a***@example.com")
    rows.record("shopify:a", "email", "store", seen=day(0))
    rows.record("qbo:b", "store", seen=day(1), had=("old",))
    rows.record("loyalty:c", "email", seen=day(2), had=("old",))
    explanation = explain(rows)
    chains = {c.record: c for c in explanation.chains}
    assert chains["qbo:b"].tie == "unconnected"
    assert [h.kind for h in chain_of(explanation, "loyalty:c")] == ["email"]
    generic = next(i for i in explanation.identifiers if i.generic)
    assert generic.generic_reason == "blocklist:placeholder-phone"
    assert [(k.record, k.live) for k in explanation.links if k.removed_at] == [
        ("loyalty:c", False),
        ("qbo:b", False),
    ]
    assert "qbo:b is not tied to shopify:a by any current chain." in customer_text(explanation)


def test_a_merge_decision_is_a_hub_in_the_chain() -> None:
    rows = Rows()
    rows.identifier("email", "email", "a***@example.com")
    rows.identifier("phone", "phone", "+1 512 *** **42")
    rows.record("shopify:a", "email", seen=day(0))
    rows.record("qbo:b", "phone", seen=day(1))
    rows.record("loyalty:c", "email", "phone", seen=day(2))
    rows.decision("dec_1", "merge", joins=("shopify:a", "qbo:b", "loyalty:c"), when=day(5))
    rows.events.append(
        {
            "id": "evt_1",
            "kind": "merge",
            "at": day(5),
            "reason": "human decision dec_1",
            "from_ids": ["cus_2"],
            "to_ids": ["cus_1"],
            "decision_id": "dec_1",
        }
    )
    rows.aliases.append({"id": "cus_2", "into": "cus_1"})
    explanation = explain(rows, requested="cus_2")
    (chain,) = [c for c in explanation.chains if c.record == "qbo:b"]
    hop = chain.hop
    assert hop is not None
    assert hop.via == "decision"
    assert hop.decision is not None
    assert (hop.decision.id, hop.decision.actor) == ("dec_1", "alice")
    assert explanation.requested_id == "cus_2"
    assert explanation.aliases == ["cus_2"]
    text = customer_text(explanation)
    assert text[0].startswith("Customer cus_1 (asked as cus_2, merged into it) has 3 record(s)")
    assert any("were joined by merge decision dec_1 (alice, 2024-01-06" in t for t in text)
    assert any(t.startswith("On 2024-01-06, cus_2 merged into cus_1") for t in text)


def test_an_assigned_record_without_a_chain_says_who_assigned_it() -> None:
    rows = Rows()
    rows.identifier("email", "email", "a***@example.com")
    rows.identifier("phone", "phone", "+1 512 *** **42")
    rows.record("shopify:a", "email", seen=day(0))
    rows.record("qbo:b", "phone", seen=day(1))
    rows.decision("dec_9", "assign", assigns=("qbo:b",), to=("cus_1",))
    (chain,) = [c for c in explain(rows).chains if c.record == "qbo:b"]
    assert (chain.tie, chain.decision_id) == ("assigned", "dec_9")


def test_open_conflicts_are_listed_with_their_bridging_identifiers() -> None:
    rows = Rows()
    rows.identifier("email", "email", "a***@example.com")
    rows.identifier("phone", "phone", "+1 512 *** **42")
    rows.record("shopify:a", "email")
    rows.conflict("cfl_1", "woocommerce:h", ("cus_1", "cus_2"), "email", "phone")
    explanation = explain(rows)
    (conflict,) = explanation.open_conflicts
    assert conflict.candidates == ["cus_1", "cus_2"]
    bridged = {i.id: i.masked for i in explanation.identifiers}
    assert sorted(bridged[i] for i in conflict.bridged_by) == [
        "+1 512 *** **42",
        "a***@example.com",
    ]
    assert customer_text(explanation)[-1] == (
        "Open conflict cfl_1 about woocommerce:h (opened 2024-01-01) waits for a human decision "
        "between customers cus_1, cus_2."
    )


def test_nodes_and_edges_form_a_closed_graph_named_without_raw_values() -> None:
    rows = chain_of_four()
    rows.decision("dec_1", "keep_apart", apart={"s0": ("shopify:a",), "s1": ("other:z",)})
    rows.conflict("cfl_1", "woocommerce:h", ("cus_1", "cus_2"), "phone")
    explanation = explain(rows)
    ids = {n.id for n in explanation.nodes}
    assert all(e.source in ids and e.target in ids for e in explanation.edges)
    types = {e.type for e in explanation.edges}
    assert {"BELONGS_TO", "HAS", "APART", "DECIDES", "CONCERNS", "CANDIDATE", "BRIDGED_BY"} <= types
    assert {n.id for n in explanation.nodes if n.type == "identifier"} == {
        "identifier:i1",
        "identifier:i2",
        "identifier:i3",
    }


def test_canonical_address_is_only_in_the_json_when_fetched_and_never_in_sentences() -> None:
    rows = chain_of_four()
    with_canonical = explain(rows)
    (address,) = [i for i in with_canonical.identifiers if i.kind == "address"]
    assert address.canonical == CANONICAL
    assert CANONICAL not in " ".join(customer_text(with_canonical))
    rows.identifiers["addr"]["canonical"] = None
    without = explain(rows)
    assert "lovelace" not in without.model_dump_json()


def test_a_customer_with_no_records_has_no_chains() -> None:
    explanation = explain(Rows())
    assert (explanation.oldest_record, explanation.chains) == (None, [])
    assert customer_text(explanation) == ["Customer cus_1 has 0 record(s) from no provider."]
