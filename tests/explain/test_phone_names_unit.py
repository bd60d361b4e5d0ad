"""A phone ties two records only when their names agree — in explanations too. No Neo4j.

Names decide whether a phone ties; they never appear in what an explanation returns.
"""

from __future__ import annotations

from graph_identity.explain import (
    ReasonCode,
    build_customer_explanation,
    build_pair_explanation,
    chain_of,
    customer_text,
    pair_text,
)
from graph_identity.explain.models import PairExplanation
from graph_identity.explain.paths import hops, link_graph, shortest_chain, spanning_tree
from graph_identity.explain.subgraph import parse_subgraph
from tests.explain.rows import Rows, at, day

PHONE = "+1 512 *** **42"
NAMES = ("Mary", "John", "Smith", "mary", "smith")


def landline(*holders: tuple[str, str | None, str | None, str | None]) -> Rows:
    """Records ``(key, first name, last name, customer)`` holding one phone, oldest first."""
    rows = Rows()
    rows.identifier("phone", "phone", PHONE)
    for n, (key, first, last, customer) in enumerate(holders):
        rows.record(
            key,
            ("phone", at(f"2024-03-0{n + 1}")),
            customer=customer,
            seen=day(n),
            first_name=first,
            last_name=last,
        )
    return rows


def household() -> Rows:
    """Mary and John Smith on one landline, different customers."""
    return landline(("shopify:1", "Mary", "Smith", "cus_1"), ("qbo:2", "John", "Smith", "cus_2"))


def explain(rows: Rows, a: str, b: str) -> PairExplanation:
    return build_pair_explanation(rows.pair_row(), a, b)


def assert_no_names(*texts: str) -> None:
    for text in texts:
        assert not [name for name in NAMES if name in text], text


def test_a_phone_of_different_names_ties_no_one_in_the_link_graph() -> None:
    subgraph = parse_subgraph(household().pair_row())
    assert {key: e.name for key, e in subgraph.evidence.items()} == {
        "shopify:1": "mary smith",
        "qbo:2": "john smith",
    }
    graph = link_graph(subgraph, subgraph.records)
    assert shortest_chain(graph, "shopify:1", "qbo:2") is None
    assert spanning_tree(graph, "shopify:1") == {}
    loose = link_graph(subgraph, subgraph.records, ignore_names=True)
    assert shortest_chain(loose, "shopify:1", "qbo:2") == [
        ("record", "shopify:1"),
        ("identifier", "i1"),
        ("record", "qbo:2"),
    ]


def test_a_phone_whose_holders_all_agree_is_one_hub() -> None:
    rows = landline(
        ("shopify:a", "Mary", "Smith", None),
        ("qbo:b", "mary", "smith", None),
        ("loyalty:c", None, None, None),
    )
    subgraph = parse_subgraph(rows.pair_row())
    graph = link_graph(subgraph, subgraph.records)
    assert [node for node in graph.nodes if node[0] == "identifier"] == [("identifier", "i1")]
    assert graph.degree[("identifier", "i1")] == 3


def test_each_agreeing_pair_gets_its_own_hub_and_hops_keep_their_shape() -> None:
    """Mary - (no name) - John: the nameless record agrees with both, Mary and John do not.
    As in resolution, Mary and John are tied through the nameless record, in two hops."""
    rows = landline(
        ("shopify:1", "Mary", "Smith", None),
        ("loyalty:3", None, None, None),
        ("qbo:2", "John", "Smith", None),
    )
    subgraph = parse_subgraph(rows.pair_row())
    graph = link_graph(subgraph, subgraph.records)
    hubs = sorted(node for node in graph.nodes if node[0] == "identifier")
    assert hubs == [
        ("identifier", "i1", "loyalty:3", "qbo:2"),
        ("identifier", "i1", "loyalty:3", "shopify:1"),
    ]
    chain = shortest_chain(graph, "shopify:1", "qbo:2")
    assert chain is not None
    path = hops(graph, subgraph, chain)
    assert [(h.from_record, h.to_record, h.via, h.kind, h.identifier, h.masked) for h in path] == [
        ("shopify:1", "loyalty:3", "identifier", "phone", "i1", PHONE),
        ("loyalty:3", "qbo:2", "identifier", "phone", "i1", PHONE),
    ]
    assert [[(e.record, e.provider, e.first_seen) for e in h.ends] for h in path] == [
        [("shopify:1", "shopify", at("2024-03-01")), ("loyalty:3", "loyalty", at("2024-03-02"))],
        [("loyalty:3", "loyalty", at("2024-03-02")), ("qbo:2", "qbo", at("2024-03-03"))],
    ]
    again = link_graph(parse_subgraph(rows.pair_row()), subgraph.records)
    assert list(again.edges) == list(graph.edges)


def test_a_customers_chains_follow_the_phone_only_between_agreeing_names() -> None:
    rows = landline(
        ("shopify:1", "Mary", "Smith", "cus_1"),
        ("qbo:4", "M.", "Smith", "cus_1"),
        ("loyalty:5", "John", "Smith", "cus_1"),
    )
    explanation = build_customer_explanation(rows.customer_row(), "cus_1")
    chains = {c.record: c for c in explanation.chains}
    assert (chains["qbo:4"].tie, chains["qbo:4"].parent) == ("chain", "shopify:1")
    assert [(h.from_record, h.kind, h.to_record) for h in chain_of(explanation, "qbo:4")] == [
        ("qbo:4", "phone", "shopify:1")
    ]
    assert chains["loyalty:5"].tie == "unconnected"
    assert_no_names(explanation.model_dump_json(), *customer_text(explanation))


def test_why_not_a_phone_shared_by_different_names() -> None:
    explanation = explain(household(), "shopify:1", "qbo:2")
    assert not explanation.same_customer
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.SHARED_BY_CONTRADICTING_RECORDS
    assert [(i.kind, i.masked) for i in explanation.reason.identifiers] == [("phone", PHONE)]
    assert [(h.from_record, h.kind, h.to_record) for h in explanation.path] == [
        ("shopify:1", "phone", "qbo:2")
    ]
    assert pair_text(explanation) == (
        "shopify:1 (customer cus_1) and qbo:2 (customer cus_2) are different customers: "
        f"they are connected only through phone {PHONE}, shared by records whose names "
        "disagree, so it is taken for a place or a shared mailbox, not one person."
    )
    assert_no_names(explanation.model_dump_json())


def test_agreeing_names_on_one_phone_tie_so_another_reason_is_sought() -> None:
    rows = landline(("shopify:1", "Mary", "Smith", "cus_1"), ("qbo:2", "mary", "smith", "cus_2"))
    explanation = explain(rows, "shopify:1", "qbo:2")
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.UNEXPLAINED


def test_a_phone_through_a_chain_of_other_identifiers() -> None:
    """Mary -email- Mary's other record -phone- John: only the phone hop fails to tie."""
    rows = household()
    rows.identifier("email", "email", "m***@example.com")
    rows.link("shopify:1", "email", at("2024-03-01"), at("2024-03-01"))
    rows.record("woocommerce:6", "email", customer="cus_1", first_name="Mary")
    explanation = explain(rows, "woocommerce:6", "qbo:2")
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.SHARED_BY_CONTRADICTING_RECORDS
    assert [(h.kind, h.to_record) for h in explanation.path] == [
        ("email", "shopify:1"),
        ("phone", "qbo:2"),
    ]
    assert [i.kind for i in explanation.reason.identifiers] == ["phone"]


def test_keep_apart_and_generic_phones_come_first() -> None:
    rows = household()
    rows.decision("dec_7", "keep_apart", apart={"s0": ("shopify:1",), "s1": ("qbo:2",)})
    explanation = explain(rows, "shopify:1", "qbo:2")
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.KEEP_APART

    rows = household()
    rows.identifiers["phone"]["generic"] = True
    rows.identifiers["phone"]["generic_reason"] = "limit:phone"
    explanation = explain(rows, "shopify:1", "qbo:2")
    assert explanation.reason is not None
    assert explanation.reason.code is ReasonCode.GENERIC_IDENTIFIER_ONLY


def test_an_open_conflict_comes_first() -> None:
    rows = household()
    rows.conflict("cfl_3", "qbo:2", ("cus_1", "cus_2"), "phone")
    explanation = explain(rows, "shopify:1", "qbo:2")
    assert explanation.reason is not None
    assert (explanation.reason.code, explanation.reason.conflict_id) == (
        ReasonCode.OPEN_CONFLICT,
        "cfl_3",
    )
