"""Shared by the benchmarks: a Neo4j to measure against, and writing docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from neo4j import Driver

from graph_identity.config import Settings
from graph_identity.neo4j_local import LocalNeo4j
from graph_identity.store.driver import connect
from graph_identity.store.schema import apply_schema

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS_MD = REPO / "docs" / "benchmarks.md"
DATASETS = Path(os.environ.get("GRAPH_IDENTITY_DATASETS", REPO.parent / "shared" / "datasets"))


@dataclass(frozen=True)
class BenchServer:
    settings: Settings
    driver: Driver
    server: LocalNeo4j | None

    def pid(self) -> int | None:
        return self.server.status().pid if self.server else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def bench_server(heap: str = "2g", page_cache: str = "2g") -> Iterator[BenchServer]:
    """``NEO4J_URI`` when set (its data is wiped!), else a fresh local Neo4j in a temp home."""
    if os.environ.get("NEO4J_URI"):
        settings = Settings()
        driver = connect(settings)
        apply_schema(driver, settings.neo4j_database)
        yield BenchServer(settings, driver, None)
        driver.close()
        return
    home = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "graph-identity"
    home = home / f"bench-neo4j-{os.getpid()}"
    server = LocalNeo4j(
        home, bolt_port=free_port(), http_port=free_port(), heap=heap, page_cache=page_cache
    )
    password = secrets.token_urlsafe(16)
    status = server.start(password)
    settings = Settings(
        _env_file=None,
        NEO4J_URI=status.bolt_uri,
        NEO4J_PASSWORD=password,
        GRAPH_IDENTITY_HOME=str(home / "app"),
    )
    driver = connect(settings)
    try:
        apply_schema(driver, settings.neo4j_database)
        yield BenchServer(settings, driver, server)
    finally:
        driver.close()
        server.stop()
        subprocess.run(["rm", "-rf", str(home)], check=False)


@dataclass(frozen=True)
class ServedApi:
    base_url: str
    process: subprocess.Popen[bytes]


@contextmanager
def served_api(
    settings: Settings, api_key: str, *, stderr: BinaryIO | int = subprocess.DEVNULL
) -> Iterator[ServedApi]:
    """One `graph-identity serve` process on a free port against ``settings``' Neo4j, once
    `/readyz` answers; terminated on exit."""
    import httpx

    port = free_port()
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value()
        if settings.neo4j_password
        else "",
        "GRAPH_IDENTITY_API_KEYS": api_key,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "graph_identity", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the API did not become ready")
            time.sleep(0.5)
        yield ServedApi(base, process)
    finally:
        process.terminate()
        process.wait(timeout=30)


def machine_line() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    java_version = (java.stderr.splitlines() or ["java ?"])[0]
    return (
        f"{os.cpu_count()} cores, {memory:.0f} GiB RAM, {platform.platform()}, "
        f"Python {sys.version.split()[0]}, {java_version}, Neo4j Community 5.26.30"
    )


def write_section(title: str, body: str, command: str) -> None:
    """Replace (or append) the ``## title`` section of docs/benchmarks.md."""
    BENCHMARKS_MD.parent.mkdir(parents=True, exist_ok=True)
    text = BENCHMARKS_MD.read_text() if BENCHMARKS_MD.exists() else "# Benchmarks\n"
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (
        f"## {title}\n\n"
        f"Machine: {machine_line()}  \nCommand: `{command}`  \nRun: {stamp}\n\n{body.strip()}\n"
    )
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip() + "\n\n" + section
    BENCHMARKS_MD.write_text(text.rstrip() + "\n")
