"""Random sequences of ingest / update / erase / decision on the real Neo4j.

After every step the graph must satisfy DESIGN.md's invariants; under the ``connected``
policy the customers must equal the connected components of a networkx oracle built from
the same operations.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from neo4j import Driver

from graph_identity.config import Policy, Settings
from graph_identity.decisions import DecisionIn
from graph_identity.errors import RecordErased
from graph_identity.models import RecordIn
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe

KEYS = [("shopify", "1"), ("shopify", "2"), ("qbo", "1"), ("qbo", "2"), ("loyalty", "1")]
EMAILS = ["ann@example.com", "bob@example.com"]
PHONES = ["+15122340001", "+15122340002"]
MACHINE_SETTINGS = settings(
    max_examples=30,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def graph_state(driver: Driver) -> dict[str, Any]:
    """Records with their customer, live non-generic identifiers and decision ties."""
    rows, _, _ = driver.execute_query(
        "MATCH (r:Record) RETURN r.key AS key, r.status AS status, "
        "[(r)-[:BELONGS_TO]->(c) | c.id] AS customers, "
        "[(r)-[:HAS]->(i) WHERE NOT i.generic | i.key] AS identifiers, "
        "[(r)<-[:JOINS]-(d) | d.id] AS joins, "
        "EXISTS { (r)<-[:ASSIGNS|APART]-(:Decision) } AS decided, "
        "EXISTS { (r)<-[:CONCERNS]-(:Conflict) } AS conflicted, "
        "EXISTS { (r)<-[:CONCERNS]-(:Conflict {status: 'open'}) } AS open_conflict"
    )
    return {row["key"]: row.data() for row in rows}


class ResolutionMachine(RuleBasedStateMachine):
    driver: Driver
    base_settings: Settings
    policy: Policy

    @initialize()
    def empty_graph(self) -> None:
        wipe(self.driver, self.base_settings.neo4j_database)
        self.service = IdentityService(
            self.driver, self.base_settings.model_copy(update={"policy": self.policy})
        )
        self.live: dict[str, set[str]] = {}
        self.erased: set[str] = set()

    @rule(
        key=st.sampled_from(KEYS),
        emails=st.sets(st.sampled_from(EMAILS), max_size=2),
        phones=st.sets(st.sampled_from(PHONES), max_size=2),
    )
    def ingest(self, key: tuple[str, str], emails: set[str], phones: set[str]) -> None:
        record = RecordIn(
            provider=key[0], external_id=key[1], emails=sorted(emails), phones=sorted(phones)
        )
        record_key = f"{key[0]}:{key[1]}"
        if record_key in self.erased:
            with pytest.raises(RecordErased):
                self.service.ingest(record)
            return
        event(f"ingest {self.service.ingest(record).action}")
        self.live[record_key] = {f"email:{e}" for e in emails} | {f"phone:{p}" for p in phones}

    @rule(key=st.sampled_from(KEYS), email=st.sampled_from(EMAILS), phone=st.sampled_from(PHONES))
    def ingest_bridge(self, key: tuple[str, str], email: str, phone: str) -> None:
        """A record with one email and one phone: the usual bridge between customers."""
        self.ingest(key, {email}, {phone})

    @precondition(lambda self: bool(self.live))
    @rule(data=st.data())
    def erase(self, data: st.DataObject) -> None:
        record_key = data.draw(st.sampled_from(sorted(self.live)))
        provider, external_id = record_key.split(":", 1)
        self.service.erase(provider, external_id)
        del self.live[record_key]
        self.erased.add(record_key)

    def has_open_conflicts(self) -> bool:
        return hasattr(self, "service") and bool(self.service.conflicts("open", limit=1))

    @precondition(has_open_conflicts)
    @rule(data=st.data(), kind=st.sampled_from(["merge", "assign", "keep_apart"]))
    def decide(self, data: st.DataObject, kind: str) -> None:
        open_conflicts = self.service.conflicts("open")
        conflict = data.draw(st.sampled_from(open_conflicts))
        customer = conflict.customer_ids[0] if kind == "assign" else None
        decision = DecisionIn(decision=kind, actor="test", reason="stateful", customer_id=customer)
        self.service.decide(conflict.id, decision)
        event(f"decision {kind}")

    @invariant()
    def each_record_has_one_customer_unless_held(self) -> None:
        if not hasattr(self, "service"):
            return
        state = graph_state(self.driver)
        assert set(state) == set(self.live)
        for row in state.values():
            if row["status"] == "held":
                assert row["customers"] == [] and row["open_conflict"]
            else:
                assert len(row["customers"]) == 1

    @invariant()
    def customers_are_connected(self) -> None:
        """Each customer's records are connected by live identifiers or human decisions."""
        if not hasattr(self, "service"):
            return
        members: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in graph_state(self.driver).values():
            for customer in row["customers"]:
                members[customer].append(row)
        for rows in members.values():
            graph = nx.Graph()
            for row in rows:
                graph.add_node(row["key"])
                for tie in row["identifiers"] + row["joins"]:
                    graph.add_edge(row["key"], tie)
            parts = [
                {n for n in part if n in {r["key"] for r in rows}}
                for part in nx.connected_components(graph)
            ]
            undecided = [p for p in parts if not any(graph_state_decided(rows, k) for k in p)]
            assert len(parts) == 1 or len(undecided) <= 1, parts

    @invariant()
    def shared_identifiers_mean_one_customer_or_a_flag(self) -> None:
        """Two records in different customers share no live identifier, unless flagged."""
        if not hasattr(self, "service"):
            return
        state = graph_state(self.driver)
        holders: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in state.values():
            if row["customers"]:
                for identifier in row["identifiers"]:
                    holders[identifier].append(row)
        for rows in holders.values():
            customers = {r["customers"][0] for r in rows}
            if len(customers) > 1:
                assert any(r["conflicted"] or r["decided"] for r in rows)

    @invariant()
    def connected_policy_equals_the_oracle(self) -> None:
        if not hasattr(self, "service") or self.policy is not Policy.CONNECTED:
            return
        oracle = nx.Graph()
        for key, identifiers in self.live.items():
            oracle.add_node(("record", key))
            for identifier in identifiers:
                oracle.add_edge(("record", key), ("identifier", identifier))
        expected = {
            frozenset(key for kind, key in part if kind == "record")
            for part in nx.connected_components(oracle)
        }
        actual: dict[str, set[str]] = defaultdict(set)
        for row in graph_state(self.driver).values():
            actual[row["customers"][0]].add(row["key"])
        assert {frozenset(v) for v in actual.values()} == expected


def graph_state_decided(rows: list[dict[str, Any]], key: str) -> bool:
    return any(r["key"] == key and r["decided"] for r in rows)


@pytest.mark.parametrize("policy", [Policy.STRICT, Policy.CONNECTED])
def test_invariants_hold_for_random_operation_sequences(
    policy: Policy, graph: Driver, settings: Settings
) -> None:
    machine = type(
        f"{policy.value.title()}Machine",
        (ResolutionMachine,),
        {"driver": graph, "base_settings": settings, "policy": policy},
    )
    machine.TestCase.settings = MACHINE_SETTINGS
    machine.TestCase().runTest()
