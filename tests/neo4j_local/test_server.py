"""The local server's parts that need no running JVM: entry point, flags, store line."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graph_identity.neo4j_local import LocalNeo4j, LocalNeo4jError, recorded_version
from graph_identity.neo4j_local.server import (
    ENTRY_POINT_SERVICE,
    UNSAFE_ACCESS_FLAG,
    entry_point,
    jvm_flags,
)
from tests.conftest import free_port


def neo4j_jar(lib: Path, version: str, services: str | None) -> None:
    lib.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(lib / f"neo4j-{version}.jar", "w") as jar:
        jar.writestr("org/neo4j/server/Bootstrapper.class", b"")
        if services is not None:
            jar.writestr(ENTRY_POINT_SERVICE, services)


def test_the_entry_point_is_the_one_the_jar_registers(tmp_path: Path) -> None:
    neo4j_jar(tmp_path, "5.26.30", "org.neo4j.server.CommunityEntryPoint\n")
    neo4j_jar(tmp_path, "2026.08.1", "# community\norg.neo4j.server.Neo4jCommunity\n")
    assert entry_point(tmp_path, "5.26.30") == "org.neo4j.server.CommunityEntryPoint"
    assert entry_point(tmp_path, "2026.08.1") == "org.neo4j.server.Neo4jCommunity"


def test_a_jar_without_an_entry_point_is_a_clear_error(tmp_path: Path) -> None:
    neo4j_jar(tmp_path, "2026.08.1", None)
    with pytest.raises(LocalNeo4jError, match="names no server entry point"):
        entry_point(tmp_path, "2026.08.1")
    with pytest.raises(LocalNeo4jError, match="names no server entry point"):
        entry_point(tmp_path, "5.26.1")


def test_unsafe_memory_access_is_allowed_from_java_23() -> None:
    assert UNSAFE_ACCESS_FLAG not in jvm_flags(17)
    assert UNSAFE_ACCESS_FLAG not in jvm_flags(21)
    assert jvm_flags(25)[-1] == UNSAFE_ACCESS_FLAG
    assert jvm_flags(25)[:-1] == jvm_flags(21)


def test_the_version_a_home_last_ran(tmp_path: Path) -> None:
    assert recorded_version(tmp_path) is None
    (tmp_path / "data" / "databases").mkdir(parents=True)
    assert recorded_version(tmp_path) == "5.26.30", "a store from before the version choice"
    (tmp_path / "neo4j-version").write_text("2026.08.1\n")
    assert recorded_version(tmp_path) == "2026.08.1"


def test_a_store_of_another_line_is_refused_before_anything_starts(tmp_path: Path) -> None:
    (tmp_path / "neo4j-version").write_text("5.26.30")
    server = LocalNeo4j(tmp_path, bolt_port=free_port(), http_port=free_port(), version="2026.08.1")
    with pytest.raises(
        LocalNeo4jError, match=r"store of Neo4j 5\.26\.30; start it with --version 5\.26"
    ):
        server.start("long-enough-password")
    assert not (tmp_path / "conf").exists()
    patch = LocalNeo4j(tmp_path, version="5.26.29")
    patch._check_store_line()


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPH_ID"))}
    env["GRAPH_IDENTITY_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "graph_identity", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_cli_refuses_an_unknown_version_with_exit_code_2(tmp_path: Path) -> None:
    result = _cli(tmp_path, "neo4j", "start", "--version", "4.4")
    assert result.returncode == 2
    assert "unknown Neo4j version '4.4'" in result.stderr
    assert not (tmp_path / "neo4j").exists()


def test_cli_refuses_to_open_a_store_of_another_line(tmp_path: Path) -> None:
    home = tmp_path / "neo4j"
    (home / "data" / "databases").mkdir(parents=True)
    result = _cli(tmp_path, "neo4j", "start", "--version", "2026", "--bolt-port", "0")
    assert result.returncode == 1
    assert "holds a store of Neo4j 5.26.30" in " ".join(result.stderr.split())
