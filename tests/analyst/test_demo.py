"""The demo data set: generated, deterministic, loaded through the service, idempotent."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph_identity.config import Policy
from graph_identity.demo import DemoRefused, build_dataset, load_demo
from graph_identity.demo.dataset import (
    DECISION_ACTOR,
    DECISION_REASON,
    ERASED_KEY,
    HOUSEHOLD_BRIDGE_KEY,
    MAILBOX_FIRST_KEY,
    MAILBOX_SECOND_KEY,
    POS_BRIDGE_KEY,
    POS_EMAIL_KEY,
    POS_PHONE_KEY,
    RELAY_EMAIL,
    STORE_PHONE,
)
from graph_identity.explain import pair_text
from graph_identity.explain.models import ReasonCode
from graph_identity.resolution.names import name_key, names_agree
from graph_identity.service import IdentityService
from tests.conftest import REPO_ROOT, Neo4jConnection

FICTIONAL_EMAIL = re.compile(r"^[a-z]+\.[a-z]+\d+@example\.(com|org|net)$")


def graph_snapshot(driver: Driver) -> dict[str, Any]:
    """What a re-run must leave as it was: nodes by label, edges by type, memberships."""
    labels, _, _ = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
    )
    types, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
    )
    members, _, _ = driver.execute_query(
        "MATCH (r:Record) OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer) "
        "RETURN r.key AS key, r.status AS status, r.fingerprint AS fp, c.id AS customer "
        "ORDER BY key"
    )
    return {
        "labels": [tuple(r.values()) for r in labels],
        "types": [tuple(r.values()) for r in types],
        "members": [tuple(r.values()) for r in members],
    }


def test_dataset_is_deterministic_generated_and_a_few_hundred_records() -> None:
    first, again = build_dataset(), build_dataset()
    assert first == again
    assert build_dataset(seed=1) != first
    records = first.records
    assert 250 <= len(records) <= 400
    assert len({(r.provider, r.external_id) for r in records}) == len(records)
    assert {r.provider for r in records} >= {
        "shopify", "woocommerce", "qbo", "amazon", "shipstation",
        "lightspeed_retail", "lightspeed_ecom", "loyalty",
    }  # fmt: skip
    emails = {e.strip().lower() for r in records for e in r.emails}
    assert all(FICTIONAL_EMAIL.match(e) for e in emails - {RELAY_EMAIL})
    phones = {re.sub(r"\D", "", p)[-7:] for r in records for p in r.phones}
    assert all(p.startswith("55501") for p in phones)
    assert sum(STORE_PHONE in r.phones for r in first.walk_ins) == len(first.walk_ins) == 30
    by_key = {f"{r.provider}:{r.external_id}": r for r in records}
    holder, sharer = by_key[MAILBOX_FIRST_KEY], by_key[MAILBOX_SECOND_KEY]
    assert holder.emails[0].strip().lower() == sharer.emails[0].strip().lower()
    assert holder.last_name == sharer.last_name and not names_agree(
        name_key(holder.first_name, holder.last_name),
        name_key(sharer.first_name, sharer.last_name),
    )
    assert holder in first.people and sharer in first.bridges


def test_demo_tells_its_story_and_a_rerun_changes_nothing(
    make_service: Callable[..., IdentityService], graph: Driver
) -> None:
    service = make_service()
    first = load_demo(service)
    assert first.decided and first.erased
    assert first.actions["merged"] == 1 and first.actions["created"] > 100
    # The nameless household sign-up (held) and the family mailbox's second member.
    assert first.actions["ambiguous"] == 2
    assert first.stats is not None and first.stats.conflicts == {"open": 1, "resolved": 1}
    assert first.generic_identifiers == 2

    # The web order merged the shopper's two POS records by itself, and says why.
    pair = service.explain_pair(POS_EMAIL_KEY, POS_PHONE_KEY)
    assert pair.same_customer and pair.customer_a
    assert [(h.from_record, h.kind, h.to_record) for h in pair.path] == [
        (POS_EMAIL_KEY, "email", POS_BRIDGE_KEY),
        (POS_BRIDGE_KEY, "phone", POS_PHONE_KEY),
    ]
    assert pair_text(pair).startswith(f"{POS_EMAIL_KEY} and {POS_PHONE_KEY} are one customer")
    shopper = service.explain_customer(pair.customer_a)
    assert shopper.decisions == [] and [e.kind for e in shopper.events] == ["merge"]

    # The household's nameless sign-up reaches both members, whose names disagree: held.
    (open_conflict,) = service.conflicts("open")
    assert open_conflict.record == HOUSEHOLD_BRIDGE_KEY
    assert open_conflict.reason == "names disagree"
    assert sorted(i.kind for i in open_conflict.identifiers) == ["email", "phone"]

    # The family mailbox: a human kept its two members apart, and that is remembered.
    (resolved,) = service.conflicts("resolved")
    assert resolved.record == MAILBOX_SECOND_KEY and resolved.decision is not None
    assert [i.kind for i in resolved.identifiers] == ["email"]
    assert (resolved.decision.kind, resolved.decision.actor, resolved.decision.reason) == (
        "keep_apart",
        DECISION_ACTOR,
        DECISION_REASON,
    )
    apart = service.explain_pair(MAILBOX_FIRST_KEY, MAILBOX_SECOND_KEY)
    assert not apart.same_customer and apart.reason is not None
    assert apart.reason.code is ReasonCode.KEEP_APART
    assert apart.reason.decision is not None and apart.reason.decision.id == resolved.decision.id
    assert service.resolve(provider="qbo", external_id=ERASED_KEY.split(":")[1]).status == (
        "not_found"
    )
    before = graph_snapshot(graph)

    again = load_demo(service)
    assert not again.decided and not again.erased
    assert again.refused_erased == 1
    assert set(again.actions) <= {"unchanged", "ambiguous"}
    assert again.actions["ambiguous"] == 1  # the held household record, still held
    assert graph_snapshot(graph) == before


def test_demo_refuses_the_connected_policy(
    make_service: Callable[..., IdentityService], graph: Driver
) -> None:
    with pytest.raises(DemoRefused, match="GRAPH_IDENTITY_POLICY=strict"):
        load_demo(make_service(policy=Policy.CONNECTED))
    assert graph_snapshot(graph)["members"] == []


def cli(connection: Neo4jConnection, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEO4J_", "GRAPH_IDENTITY_"))
    }
    env.update(connection.env(), GRAPH_IDENTITY_HOME=str(home), **extra)
    return subprocess.run(
        [sys.executable, "-m", "graph_identity", "demo", "--browser-url", "http://b.test/browser/"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_demo_command_loads_then_is_idempotent(
    graph: Driver, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    first = cli(neo4j_connection, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "human keep-apart decision (family mailbox): taken" in first.stdout
    assert "erasure: done" in first.stdout
    assert "http://b.test/browser/" in first.stdout
    assert ":param key => 'lightspeed_retail:demo-pos-email-1'" in first.stdout
    assert "@example" not in first.stdout + first.stderr  # counts only, no personal data
    before = graph_snapshot(graph)
    assert len(before["members"]) > 250

    second = cli(neo4j_connection, tmp_path)
    assert second.returncode == 0, second.stderr
    assert "already taken" in second.stdout and "already done" in second.stdout
    assert "1 refused: erased earlier" in second.stdout
    assert graph_snapshot(graph) == before


def test_demo_command_connected_policy_is_a_usage_error(
    graph: Driver, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    result = cli(neo4j_connection, tmp_path, GRAPH_IDENTITY_POLICY="connected")
    assert result.returncode == 2
    assert "GRAPH_IDENTITY_POLICY=strict" in result.stderr
    assert graph_snapshot(graph)["members"] == []
