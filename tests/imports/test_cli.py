"""``graph-identity import`` as a user runs it: a subprocess, exit codes, output."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j import Driver

from tests.conftest import Neo4jConnection, free_port
from tests.datasets import dataset_file


def run(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_ID"))}
    return subprocess.run(
        [sys.executable, "-m", "graph_identity", "import", *args],
        env={**keep, "GRAPH_IDENTITY_HOME": str(cwd / "home"), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["people.csv", "--provider", "shopfy"], "provider: unknown provider 'shopfy'"),
        (["people.csv", "--provider", "shopify", "--format", "xml"], "format: unknown format"),
        (["missing.csv", "--provider", "shopify"], "path: no such file"),
        (["people.csv", "--provider", "shopify", "--map", "a="], "map: expected source=target"),
        (["people.csv", "--provider", "shopify", "--policy", "loose"], "Invalid value"),
    ],
)
def test_bad_input_exits_2_with_the_field_and_reason(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "people.csv").write_text("external_id,email\n1,a@example.com\n")
    unreachable = {"NEO4J_URI": f"neo4j://127.0.0.1:{free_port()}", "NEO4J_PASSWORD": "x"}
    result = run(unreachable, *args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_neo4j_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("external_id,email\n1,a@example.com\n")
    unreachable = {"NEO4J_URI": f"neo4j://127.0.0.1:{free_port()}", "NEO4J_PASSWORD": "x"}
    result = run(unreachable, "people.csv", "--provider", "shopify", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "Neo4j is not reachable" in line]
    assert len(lines) == 1 and result.stderr.strip() == lines[0]


def test_febrl_4a_and_4b_import_through_the_cli_with_progress_and_metrics(
    graph: Driver, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    """The 2 x 5,000 FEBRL person rows, read with the ``febrl`` column map preset, from
    their read-only directory: the rejects file falls back to the current directory."""
    env = neo4j_connection.env()
    for name in ("dataset4a.csv", "dataset4b.csv"):
        started = time.monotonic()
        result = run(
            env,
            str(dataset_file("febrl", name)),
            "--provider",
            "manual",
            "--map",
            "febrl",
            "--batch-size",
            "1000",
            cwd=tmp_path,
        )
        seconds = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        assert f"{name}: row 5,000 (100%)" in result.stderr
        assert "rows/s" in result.stderr and "ETA" in result.stderr
        out = " ".join(result.stdout.split())
        assert "fetched" in out and "5,000 rows in" in out
        assert "columns not mapped, ignored: soc_sec_id" in out
        assert f"listed in {tmp_path / (name + '.rejects.csv')}" in out
        print(f"{name}: {seconds:.1f} s wall, {result.stdout.splitlines()[-2]}")
    records, _, _ = graph.execute_query(
        "MATCH (r:Record {provider: 'manual'}) RETURN count(r) AS n"
    )
    rejected = sum(
        line.count(",rejected,")
        for name in ("dataset4a.csv", "dataset4b.csv")
        for line in (tmp_path / f"{name}.rejects.csv").read_text().splitlines()[1:]
    )
    assert records[0]["n"] + rejected == 10_000


def test_progress_bar_on_a_terminal(
    graph: Driver, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    """With stderr on a pseudo-terminal the live bar is drawn (rows, rows/s, ETA)."""
    data = tmp_path / "people.csv"
    data.write_text("external_id,email\n" + "".join(f"{i},p{i}@example.com\n" for i in range(300)))
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_ID"))}
    main, child = pty.openpty()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graph_identity",
            "import",
            str(data),
            "--provider",
            "shopify",
            "--batch-size",
            "100",
        ],
        env={
            **keep,
            **neo4j_connection.env(),
            "GRAPH_IDENTITY_HOME": str(tmp_path / "home"),
            "COLUMNS": "160",
        },
        stdout=subprocess.PIPE,
        stderr=child,
        text=True,
    )
    os.close(child)
    drawn = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    stdout, _ = process.communicate(timeout=300)
    os.close(main)
    assert process.returncode == 0
    screen = drawn.decode(errors="replace")
    assert "people.csv" in screen and "300 rows" in screen and "rows/s" in screen
    assert "ETA" in screen and "100%" in screen
    assert "300 rows in" in " ".join(stdout.split())
