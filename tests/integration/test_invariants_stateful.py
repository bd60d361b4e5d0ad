"""Random sequences of ingest / update / erase / decision on the real Neo4j.

After every step the graph must satisfy DESIGN.md's invariants. The networkx oracle ties two
records that share a live identifier and do not contradict (names, dates of birth); under
the ``connected`` policy the customers must equal its connected components, and under the
default ``strict`` policy too while no conflict was ever opened.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
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
from graph_identity.resolution.ties import Evidence
from graph_identity.resolution.ties import ties as records_tie
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe

KEYS = [("shopify", "1"), ("shopify", "2"), ("qbo", "1"), ("qbo", "2"), ("loyalty", "1")]
EMAILS = ["ann@example.com", "bob@example.com"]
PHONES = ["+15122340001", "+15122340002"]
NAMES: list[tuple[str | None, str | None, str | None]] = [
    (None, None, None),
    ("Ann", "Lee", None),
    ("Anne", "Lee", "1980-02-03"),
    ("Ann", "Lee", "1980-03-02"),
    ("Ann", "Lee", "1990-01-01"),
    ("Bob", "Lee", None),
]
"""No name (agrees with any), two spellings of one person (one date read both ways), her
namesake born ten years later, and a household member."""
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
        "r.first_name AS first_name, r.last_name AS last_name, r.birth_date AS birth_date, "
        "[(r)-[:BELONGS_TO]->(c) | c.id] AS customers, "
        "[(r)-[:HAS]->(i) WHERE NOT i.generic | i.key] AS identifiers, "
        "[(r)<-[:JOINS]-(d) | d.id] AS joins, "
        "EXISTS { (r)<-[:ASSIGNS|APART]-(:Decision) } AS decided, "
        "EXISTS { (r)<-[:CONCERNS]-(:Conflict) } AS conflicted, "
        "EXISTS { (r)<-[:CONCERNS]-(:Conflict {status: 'open'}) } AS open_conflict"
    )
    return {row["key"]: row.data() for row in rows}


def ties(rows: list[dict[str, Any]]) -> nx.Graph:
    """Records tied as the contract says: a shared live identifier between records that do
    not contradict, or a merge decision. Nodes are record keys and decision ids."""
    graph = nx.Graph()
    holders: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        graph.add_node(row["key"])
        for identifier in row["identifiers"]:
            holders[identifier].append(row)
        for decision in row["joins"]:
            graph.add_edge(row["key"], decision)
    for identifier, holding in holders.items():
        for first, second in combinations(holding, 2):
            if records_tie(identifier.split(":", 1)[0], _evidence(first), _evidence(second)):
                graph.add_edge(first["key"], second["key"])
    return graph


def _evidence(row: dict[str, Any]) -> Evidence:
    return Evidence.of(row["first_name"], row["last_name"], row["birth_date"])


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
        self.evidence: dict[str, Evidence] = {}
        self.erased: set[str] = set()

    @rule(
        key=st.sampled_from(KEYS),
        emails=st.sets(st.sampled_from(EMAILS), max_size=2),
        phones=st.sets(st.sampled_from(PHONES), max_size=2),
        name=st.sampled_from(NAMES),
    )
    def ingest(
        self,
        key: tuple[str, str],
        emails: set[str],
        phones: set[str],
        name: tuple[str | None, str | None, str | None],
    ) -> None:
        record = RecordIn(
            provider=key[0],
            external_id=key[1],
            emails=sorted(emails),
            phones=sorted(phones),
            first_name=name[0],
            last_name=name[1],
            birth_date=name[2],
        )
        record_key = f"{key[0]}:{key[1]}"
        if record_key in self.erased:
            with pytest.raises(RecordErased):
                self.service.ingest(record)
            return
        event(f"ingest {self.service.ingest(record).action}")
        self.live[record_key] = {f"email:{e}" for e in emails} | {f"phone:{p}" for p in phones}
        self.evidence[record_key] = Evidence.of(*name)

    @rule(
        key=st.sampled_from(KEYS),
        email=st.sampled_from(EMAILS),
        phone=st.sampled_from(PHONES),
        name=st.sampled_from(NAMES),
    )
    def ingest_bridge(
        self,
        key: tuple[str, str],
        email: str,
        phone: str,
        name: tuple[str | None, str | None, str | None],
    ) -> None:
        """A record with one email and one phone: the usual bridge between customers."""
        self.ingest(key, {email}, {phone}, name)

    @precondition(lambda self: bool(self.live))
    @rule(data=st.data())
    def erase(self, data: st.DataObject) -> None:
        record_key = data.draw(st.sampled_from(sorted(self.live)))
        provider, external_id = record_key.split(":", 1)
        self.service.erase(provider, external_id)
        del self.live[record_key]
        del self.evidence[record_key]
        self.erased.add(record_key)

    def has_open_conflicts(self) -> bool:
        """Decisions are made under the policies that hold bridges; the connected policy's
        oracle has no human merges (its conflicts are family mailboxes left open)."""
        return (
            hasattr(self, "service")
            and self.policy is not Policy.CONNECTED
            and bool(self.service.conflicts("open", limit=1))
        )

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
            graph = ties(rows)
            parts = [
                {n for n in part if n in {r["key"] for r in rows}}
                for part in nx.connected_components(graph)
            ]
            undecided = [p for p in parts if not any(graph_state_decided(rows, k) for k in p)]
            assert len(parts) == 1 or len(undecided) <= 1, parts

    @invariant()
    def shared_identifiers_mean_one_customer_or_a_flag(self) -> None:
        """Two records that a shared identifier ties (nothing on them contradicts) are one
        customer, unless flagged."""
        if not hasattr(self, "service"):
            return
        assigned = [row for row in graph_state(self.driver).values() if row["customers"]]
        graph = ties(assigned)
        by_key = {row["key"]: row for row in assigned}
        for first, second in graph.edges:
            if first in by_key and second in by_key:
                a, b = by_key[first], by_key[second]
                if a["customers"] != b["customers"]:
                    assert any(r["conflicted"] or r["decided"] for r in (a, b))

    @invariant()
    def customers_equal_the_oracle_where_nothing_was_flagged(self) -> None:
        """Connected policy: always. Strict: while no conflict was ever opened."""
        if not hasattr(self, "service"):
            return
        state = graph_state(self.driver)
        if self.policy is not Policy.CONNECTED and any(r["conflicted"] for r in state.values()):
            return
        oracle = nx.Graph()
        oracle.add_nodes_from(self.live)
        for first, second in combinations(sorted(self.live), 2):
            if any(
                records_tie(
                    identifier.split(":", 1)[0], self.evidence[first], self.evidence[second]
                )
                for identifier in self.live[first] & self.live[second]
            ):
                oracle.add_edge(first, second)
        expected = {frozenset(part) for part in nx.connected_components(oracle)}
        actual: dict[str, set[str]] = defaultdict(set)
        for row in state.values():
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
