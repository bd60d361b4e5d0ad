"""Reading the analyst queries as an analyst would: the documented ``:param`` lines, then run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from neo4j import Driver, Record

from graph_identity.store.cypher import cypher_dir

PARAM_LINE = re.compile(r"^// :param (\w+) => (.+)$", re.M)


def browser_files() -> list[Path]:
    return sorted((cypher_dir() / "browser").glob("*.cypher"))


def header(text: str) -> list[str]:
    """The leading comment lines of a query file."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        lines.append(line)
    return lines


def documented_params(driver: Driver, text: str) -> dict[str, Any]:
    """Each ``// :param name => expression`` evaluated by Neo4j, as Browser does."""
    params: dict[str, Any] = {}
    for name, expression in PARAM_LINE.findall(text):
        records, _, _ = driver.execute_query(f"RETURN {expression} AS value")
        params[name] = records[0]["value"]
    return params


def run_documented(driver: Driver, name: str, **overrides: Any) -> list[Record]:
    """Run ``cypher/browser/<name>.cypher`` with its documented params (overridable)."""
    text = (cypher_dir() / "browser" / f"{name}.cypher").read_text(encoding="utf-8")
    params = {**documented_params(driver, text), **overrides}
    records, _, _ = driver.execute_query(text, params)
    return records
