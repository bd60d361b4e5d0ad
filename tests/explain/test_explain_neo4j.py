"""Explanations against the real Neo4j, on graphs made by the service itself."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from graph_identity.config import Policy, Settings
from graph_identity.decisions import DecisionIn
from graph_identity.errors import NotFound
from graph_identity.explain import (
    ReasonCode,
    chain_of,
    customer_browser_query,
    customer_text,
    explain_customer,
    explain_pair,
    pair_browser_query,
    pair_text,
)
from graph_identity.models import RecordIn
from graph_identity.results import IngestResult
from graph_identity.service import IdentityService

EMAIL = "Ada.Lovelace@Example.com"
PHONE = "(512) 555-0142"
STREET = "12 Analytical Engine Way"
ADDRESS = {"name": "Ada Lovelace", "line1": STREET, "city": "Austin", "postal_code": "78701"}
NEEDLES = ("ada.lovelace", "lovelace@", "5550142", "555-0142", "analytical")


class CountingDriver:
    """The driver, counting every query and session an explanation opens."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver
        self.queries = 0
        self.sessions = 0

    def execute_query(self, *args: Any, **kwargs: Any) -> Any:
        self.queries += 1
        return self.driver.execute_query(*args, **kwargs)

    def session(self, *args: Any, **kwargs: Any) -> Any:
        self.sessions += 1
        return self.driver.session(*args, **kwargs)


@pytest.fixture
def service(graph: Driver, settings: Settings) -> IdentityService:
    """Every bridge is held for review, so these explanations have conflicts to name."""
    return IdentityService(graph, settings.model_copy(update={"policy": Policy.REVIEW_ALL_BRIDGES}))


@pytest.fixture
def db(settings: Settings) -> str:
    return settings.neo4j_database


def ingest(
    service: IdentityService, key: str, day: str | None = None, **fields: Any
) -> IngestResult:
    provider, _, external_id = key.partition(":")
    updated = f"{day}T10:00:00Z" if day else None
    record = RecordIn(provider=provider, external_id=external_id, updated_at=updated, **fields)
    return service.ingest(record)


def bridged_conflict(service: IdentityService) -> tuple[str, str, IngestResult]:
    """Two customers (email / phone) and a record with both: an open conflict."""
    a = ingest(service, "shopify:a", emails=[EMAIL]).customer_id
    b = ingest(service, "qbo:b", phones=[PHONE]).customer_id
    bridge = ingest(service, "woocommerce:h", emails=[EMAIL], phones=[PHONE])
    assert a and b and bridge.conflict_id
    return a, b, bridge


def test_direct_why_a_shared_phone(service: IdentityService, graph: Driver, db: str) -> None:
    ingest(service, "shopify:1042", "2024-03-02", phones=[PHONE])
    ingest(service, "qbo:77", "2023-11-20", phones=["+1 512 555 0142"])
    explanation = explain_pair(graph, db, "shopify:1042", "qbo:77")
    assert explanation.same_customer
    assert pair_text(explanation) == (
        "shopify:1042 and qbo:77 are one customer because both have phone +1 512 *** **42 "
        "(seen by shopify since 2024-03-02, qbo since 2023-11-20)."
    )
    (hop,) = explanation.path
    assert [(e.provider, e.rule) for e in hop.ends] == [
        ("shopify", "phone.e164:US"),
        ("qbo", "phone.e164:US"),
    ]


def test_a_chain_of_three_hops(service: IdentityService, graph: Driver, db: str) -> None:
    ingest(service, "shopify:a", "2024-01-01", emails=[EMAIL])
    ingest(service, "qbo:b", "2024-01-02", emails=[EMAIL], phones=[PHONE])
    ingest(service, "loyalty:c", "2024-01-03", phones=[PHONE], addresses=[ADDRESS])
    last = ingest(service, "amazon:d", "2024-01-04", addresses=[ADDRESS])
    assert last.customer_id is not None

    pair = explain_pair(graph, db, "shopify:a", "amazon:d")
    assert pair.same_customer
    assert [(h.from_record, h.kind, h.to_record) for h in pair.path] == [
        ("shopify:a", "email", "qbo:b"),
        ("qbo:b", "phone", "loyalty:c"),
        ("loyalty:c", "address", "amazon:d"),
    ]
    text = pair_text(pair)
    assert text.startswith("shopify:a and amazon:d are one customer through 3 links: ")
    assert "qbo:b and loyalty:c share phone +1 512 *** **42 (seen by qbo since 2024-01-02" in text

    customer = explain_customer(graph, db, last.customer_id)
    assert customer.oldest_record == "shopify:a"
    assert [h.kind for h in chain_of(customer, "amazon:d")] == ["address", "phone", "email"]
    chains = {c.record: c.depth for c in customer.chains}
    assert chains == {"shopify:a": 0, "qbo:b": 1, "loyalty:c": 2, "amazon:d": 3}
    assert len(customer.records) == 4
    assert sorted(i.kind for i in customer.identifiers) == ["address", "email", "phone"]
    assert all(link.live and link.provider and link.first_seen for link in customer.links)


def test_nothing_personal_in_sentences_or_json_unless_canonical_is_asked_for(
    service: IdentityService, graph: Driver, db: str
) -> None:
    ingest(service, "shopify:a", emails=[EMAIL], phones=[PHONE], addresses=[ADDRESS])
    customer_id = ingest(service, "qbo:b", addresses=[ADDRESS]).customer_id
    assert customer_id
    customer = explain_customer(graph, db, customer_id)
    pair = explain_pair(graph, db, "shopify:a", "qbo:b")
    shown = " ".join(
        [
            customer.model_dump_json(),
            pair.model_dump_json(),
            pair_text(pair),
            *customer_text(customer),
        ]
    ).lower()
    assert not [needle for needle in NEEDLES if needle in shown]
    with_canonical = explain_customer(graph, db, customer_id, include_canonical=True)
    (address,) = [i for i in with_canonical.identifiers if i.kind == "address"]
    assert address.canonical and "analytical" in address.canonical
    assert "analytical" not in " ".join(customer_text(with_canonical)).lower()


def test_a_merge_decided_by_a_human(service: IdentityService, graph: Driver, db: str) -> None:
    a, b, bridge = bridged_conflict(service)
    assert bridge.conflict_id
    decided = service.decide(
        bridge.conflict_id, DecisionIn(decision="merge", actor="alice", reason="same person")
    )
    survivor = decided.customer_id
    alias = b if survivor == a else a
    assert survivor

    customer = explain_customer(graph, db, alias)
    assert (customer.customer_id, customer.requested_id, customer.aliases) == (
        survivor,
        alias,
        [alias],
    )
    (decision,) = customer.decisions
    assert (decision.kind, decision.actor, decision.reason) == ("merge", "alice", "same person")
    assert sorted(decision.joins) == ["qbo:b", "shopify:a", "woocommerce:h"]
    assert [(e.kind, e.from_ids, e.to_ids) for e in customer.events] == [
        ("merge", [alias], [survivor])
    ]
    assert customer.open_conflicts == []
    assert all(c.tie in ("oldest", "chain") for c in customer.chains)

    pair = explain_pair(graph, db, "shopify:a", "qbo:b")
    assert pair.same_customer
    (hop,) = pair.path
    assert hop.via == "decision" and hop.decision and hop.decision.id == decision.id
    assert f"were joined by merge decision {decision.id} (alice, " in pair_text(pair)


def test_a_split_keeps_history_links_and_its_event(
    service: IdentityService, graph: Driver, db: str
) -> None:
    customer_id = ingest(service, "shopify:a", emails=[EMAIL]).customer_id
    ingest(service, "qbo:b", emails=[EMAIL], phones=[PHONE])
    ingest(service, "loyalty:c", phones=[PHONE])
    ingest(service, "qbo:b", emails=[EMAIL])
    assert customer_id
    customer = explain_customer(graph, db, customer_id)
    assert [r.key for r in customer.records] == ["shopify:a", "qbo:b"]
    (history,) = [link for link in customer.links if not link.live]
    assert (history.record, history.removed_at is not None) == ("qbo:b", True)
    (event,) = customer.events
    assert (event.kind, event.from_ids) == ("split", [customer_id])
    assert any(
        line.startswith(f"On {event.at.date()}, {customer_id} split into")
        for line in (customer_text(customer))
    )
    pair = explain_pair(graph, db, "shopify:a", "loyalty:c")
    assert pair.reason is not None
    assert pair.reason.code is ReasonCode.DIFFERENT_CUSTOMERS_NO_PATH


def test_why_not_different_customers_no_path(
    service: IdentityService, graph: Driver, db: str
) -> None:
    ingest(service, "shopify:a", emails=[EMAIL])
    ingest(service, "qbo:b", phones=[PHONE])
    pair = explain_pair(graph, db, "shopify:a", "qbo:b")
    assert not pair.same_customer
    assert pair.reason is not None
    assert pair.reason.code is ReasonCode.DIFFERENT_CUSTOMERS_NO_PATH
    assert pair.path == []


def test_why_not_a_blocklisted_phone_only(service: IdentityService, graph: Driver, db: str) -> None:
    ingest(service, "shopify:a", phones=["555-555-5555"])
    ingest(service, "qbo:b", phones=["(555) 555 5555"])
    pair = explain_pair(graph, db, "shopify:a", "qbo:b")
    assert pair.reason is not None
    assert pair.reason.code is ReasonCode.GENERIC_IDENTIFIER_ONLY
    (generic,) = pair.reason.identifiers
    assert (generic.kind, generic.masked, generic.generic_reason) == (
        "phone",
        "+1 555 *** **55",
        "blocklist:placeholder-phone",
    )
    assert "+1 555 *** **55" in pair_text(pair)


def test_why_not_a_phone_over_its_record_limit(graph: Driver, settings: Settings, db: str) -> None:
    service = IdentityService(graph, settings.model_copy(update={"max_records_per_phone": 2}))
    for key in ("shopify:a", "qbo:b", "loyalty:c"):
        ingest(service, key, phones=[PHONE])
    pair = explain_pair(graph, db, "shopify:a", "loyalty:c")
    assert not pair.same_customer
    assert pair.reason is not None
    assert pair.reason.code is ReasonCode.GENERIC_IDENTIFIER_ONLY
    assert [i.generic_reason for i in pair.reason.identifiers] == ["too_many_records"]


def test_why_not_keep_apart(service: IdentityService, graph: Driver, db: str) -> None:
    _, _, bridge = bridged_conflict(service)
    assert bridge.conflict_id
    decided = service.decide(
        bridge.conflict_id,
        DecisionIn(decision="keep_apart", actor="bob", reason="twins, one phone"),
    )
    for a, b in (("shopify:a", "qbo:b"), ("woocommerce:h", "qbo:b")):
        pair = explain_pair(graph, db, a, b)
        assert pair.reason is not None, (a, b)
        assert pair.reason.code is ReasonCode.KEEP_APART
        assert pair.reason.decision is not None
        assert (pair.reason.decision.id, pair.reason.decision.actor) == (
            decided.decision.id,
            "bob",
        )
        assert "“twins, one phone”" in pair_text(pair)


def test_why_not_an_open_conflict(service: IdentityService, graph: Driver, db: str) -> None:
    a, _, bridge = bridged_conflict(service)
    for other in ("shopify:a", "qbo:b"):
        pair = explain_pair(graph, db, other, "woocommerce:h")
        assert pair.reason is not None
        assert (pair.reason.code, pair.reason.conflict_id) == (
            ReasonCode.OPEN_CONFLICT,
            bridge.conflict_id,
        )
    customer = explain_customer(graph, db, a)
    (conflict,) = customer.open_conflicts
    assert (conflict.id, conflict.record) == (bridge.conflict_id, "woocommerce:h")
    assert sorted(conflict.candidates) == sorted(bridge.candidates)


def test_why_not_erased_and_unknown(service: IdentityService, graph: Driver, db: str) -> None:
    ingest(service, "shopify:a", emails=[EMAIL])
    ingest(service, "qbo:b", emails=[EMAIL])
    service.erase("qbo", "b")
    pair = explain_pair(graph, db, "shopify:a", "qbo:b")
    assert pair.reason is not None
    assert (pair.reason.code, pair.reason.erased) == (ReasonCode.ERASED, ["qbo:b"])
    with pytest.raises(NotFound):
        explain_pair(graph, db, "shopify:a", "qbo:never")
    with pytest.raises(NotFound):
        explain_customer(graph, db, "cus_unknown")


def test_each_explanation_is_one_round_trip(
    service: IdentityService, graph: Driver, db: str
) -> None:
    a, _, _ = bridged_conflict(service)
    counting = CountingDriver(graph)
    explain_customer(counting, db, a)  # type: ignore[arg-type]
    assert (counting.queries, counting.sessions) == (1, 0)
    explain_pair(counting, db, "shopify:a", "qbo:b")  # type: ignore[arg-type]
    assert (counting.queries, counting.sessions) == (2, 0)


def test_browser_queries_show_the_same_subgraph(
    service: IdentityService, graph: Driver, db: str
) -> None:
    ingest(service, "shopify:a", emails=[EMAIL])
    customer_id = ingest(service, "qbo:b", emails=[EMAIL], phones=[PHONE]).customer_id
    assert customer_id
    customer = customer_browser_query(explain_customer(graph, db, customer_id))
    (row,), _, _ = graph.execute_query(customer.cypher, customer.params, database_=db)
    assert {path.end_node["key"] for path in row["records"]} == {"shopify:a", "qbo:b"}
    pair = pair_browser_query(explain_pair(graph, db, "shopify:a", "qbo:b"))
    (row,), _, _ = graph.execute_query(pair.cypher, pair.params, database_=db)
    (chain,) = row["chains"]
    assert [n["key"] for n in chain.nodes if "Record" in n.labels] == ["shopify:a", "qbo:b"]
