"""Personal data: never in logs, and gone from every node and property after erasure.

Every logger is captured at INFO and the project's own at DEBUG. (The neo4j driver's own
DEBUG logging prints query parameters; it is off unless an operator turns it on.)
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from neo4j import Driver

from graph_identity.decisions import DecisionIn
from graph_identity.errors import RecordRejected
from graph_identity.models import RecordIn
from graph_identity.service import IdentityService

EMAIL = "Marie.Curie@Example.COM"
PHONE = "(512) 234-0777"
STREET = "77 Radium Boulevard"
NEEDLES = ("marie.curie", "curie@", "2340777", "234-0777", "radium")


def person(external_id: str, **extra: Any) -> RecordIn:
    return RecordIn(
        provider="shopify",
        external_id=external_id,
        first_name="Marie",
        last_name="Curie",
        emails=[EMAIL],
        phones=[PHONE],
        addresses=[
            {"name": "Marie Curie", "line1": STREET, "city": "Austin", "postal_code": "78701"}
        ],
        **extra,
    )


def all_property_values(driver: Driver) -> list[str]:
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN properties(n) AS p")
    edges, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN properties(r) AS p")
    return [str(v).lower() for row in [*nodes, *edges] for v in row["p"].values()]


def test_logs_of_a_full_run_hold_no_personal_data_at_info_level(
    strict: IdentityService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="graph_identity")
    first = strict.ingest(person("1"))
    strict.ingest(RecordIn(provider="qbo", external_id="9", emails=[EMAIL]))
    strict.ingest(RecordIn(provider="loyalty", external_id="5", phones=[PHONE]))
    bridge = strict.ingest(RecordIn(provider="woocommerce", external_id="7", emails=[EMAIL]))
    strict.resolve(email=EMAIL)
    strict.customer(first.customer_id)
    if bridge.conflict_id:
        strict.decide(bridge.conflict_id, DecisionIn(decision="merge", actor="a", reason="r"))
    with pytest.raises(RecordRejected) as rejected:
        strict.ingest(RecordIn(provider="shopify", emails=["not-an-email@"], phones=["12"]))
    strict.erase("shopify", "1")
    text = (caplog.text + str(rejected.value)).lower()
    assert caplog.records, "the run logged nothing, so the check would prove nothing"
    for needle in NEEDLES:
        assert needle not in text


def test_erasure_removes_the_persons_values_from_every_node_and_property(
    strict: IdentityService, graph: Driver
) -> None:
    strict.ingest(person("1", orders=[{"id": "o1", "total": "5.00", "email": EMAIL}]))
    strict.ingest(RecordIn(provider="qbo", external_id="2", emails=["someone.else@example.com"]))
    before = all_property_values(graph)
    assert any("marie.curie" in v for v in before) and any("curie" in v for v in before)
    strict.erase("shopify", "1")
    after = all_property_values(graph)
    for needle in (*NEEDLES, "marie", "curie"):
        assert not any(needle in value for value in after), needle
    assert any("someone.else@example.com" in v for v in after)
