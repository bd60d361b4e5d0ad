"""The soak of bench/soak.py in a short, bounded form against the real server."""

from __future__ import annotations

import os
from pathlib import Path

from neo4j import Driver

from bench.soak import run_soak
from tests.conftest import Neo4jConnection, free_port
from tests.reliability.conftest import serve

KEY = "soak-key-1"
SECONDS = 40
# Growth allowed between the warm-up and the end of a 40 s run: it catches gross leaks
# (state kept per request); the full soak under bench/ reports the real curve.
RSS_GROWTH_LIMIT_MIB = 40


def test_mixed_load_loses_nothing_fails_nothing_and_memory_stays_flat(
    graph: Driver, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_ID"))}
    env = {
        **keep,
        **neo4j_connection.env(),
        "GRAPH_IDENTITY_HOME": str(tmp_path),
        "GRAPH_IDENTITY_API_KEYS": KEY,
    }
    port = free_port()
    api = serve(env, port)
    try:
        report = run_soak(
            f"http://127.0.0.1:{port}", KEY, seconds=SECONDS, workers=3, api_pid=api.pid
        )
    finally:
        api.terminate()
        api.wait(timeout=30)
    assert report.requests["ingest"] > 100 and report.requests["resolve"] > 50
    assert report.requests["explain"] > 10 and report.requests["decide"] > 0
    assert report.failures == []
    assert report.unreadable == []
    stored, _, _ = graph.execute_query("MATCH (r:Record) RETURN count(r) AS n")
    assert stored[0]["n"] == len(report.acknowledged)
    assert report.rss_growth_mib() < RSS_GROWTH_LIMIT_MIB, report.rss_mib
