"""``graph-identity sync`` as a user runs it: a subprocess, exit codes, the metrics table,
and no credentials or personal values in what it prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver

from tests.conftest import Neo4jConnection, free_port
from tests.sync.fake_qbo import REALM, TOKEN, FakeQbo
from tests.sync.fake_shopify import SHOP, FakeShopify
from tests.sync.fake_shopify import TOKEN as SHOPIFY_TOKEN
from tests.sync.fakes import FakeServer
from tests.sync.people import people, sales


def run(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_ID"))}
    return subprocess.run(
        [sys.executable, "-m", "graph_identity", "sync", *args],
        env={**keep, "GRAPH_IDENTITY_HOME": str(cwd / "home"), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["shopfy"], {}, "providers: no connector for shopfy"),
        (["qbo"], {"GRAPH_IDENTITY_QBO_REALM_ID": "1"}, "GRAPH_IDENTITY_QBO_ACCESS_TOKEN"),
        ([], {}, "providers: no provider is configured"),
        (["--since", "last tuesday"], {}, "since: not an ISO 8601 date or time"),
    ],
)
def test_bad_input_exits_2_naming_the_field(
    tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    unreachable = {"NEO4J_URI": f"neo4j://127.0.0.1:{free_port()}", "NEO4J_PASSWORD": "x"}
    result = run({**unreachable, **env}, *args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_sync_runs_providers_in_authority_order_and_prints_the_metrics(
    graph: Driver, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    persons = people(8)
    qbo = FakeServer(FakeQbo(persons, sales(persons, 4)))
    shopify = FakeServer(FakeShopify(persons, sales(persons, 4)))
    env = {
        **neo4j_connection.env(),
        "GRAPH_IDENTITY_QBO_REALM_ID": REALM,
        "GRAPH_IDENTITY_QBO_ACCESS_TOKEN": TOKEN,
        "GRAPH_IDENTITY_QBO_BASE_URL": qbo.url,
        "GRAPH_IDENTITY_SHOPIFY_SHOP": SHOP,
        "GRAPH_IDENTITY_SHOPIFY_ACCESS_TOKEN": SHOPIFY_TOKEN,
        "GRAPH_IDENTITY_SHOPIFY_BASE_URL": shopify.url,
    }
    try:
        result = run(env, "shopify", "qbo", cwd=tmp_path)
    finally:
        qbo.close()
        shopify.close()
    assert result.returncode == 0, result.stderr
    table = result.stdout
    assert table.index("qbo") < table.index("shopify")  # QuickBooks first: the authority
    assert "full" in table
    printed = result.stdout + result.stderr
    for secret in (TOKEN, SHOPIFY_TOKEN, "person1@example.com", persons[0].phone):
        assert secret not in printed
    records, _, _ = graph.execute_query("MATCH (r:Record) RETURN r.provider AS p, count(*) AS n")
    counts = {row["p"]: row["n"] for row in records}
    assert counts["qbo"] == 8 and counts["shopify"] >= 8
