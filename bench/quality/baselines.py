"""The peers, over the very identifiers the engine sees (the library's own normalizers).

- union-find in networkx: rows sharing any identifier or record are one cluster, with no
  ambiguity handling, no blocklist and no per-kind limit;
- splink on DuckDB, run by :mod:`bench.quality.splink_link` in the benchmark's own
  virtualenv (splink pins versions the service must not inherit): its probabilistic
  Fellegi-Sunter model, trained without labels on the rows' names, date of birth, email,
  phone and address parts (the baseline a user of splink would pick), and its
  deterministic linking with one exact-match rule per identifier (which clusters as
  union-find does).
"""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from bench.quality.datasets import LabelledSet, SourceRow
from graph_identity.adapters.flat import flat_row_to_record
from graph_identity.identifiers import Identifier
from graph_identity.normalize import NormalizationConfig, normalize_record

REPO = Path(__file__).resolve().parents[2]
SPLINK_VENV = REPO / "bench" / ".venv-splink"
SPLINK_REQUIREMENTS = Path(__file__).with_name("splink-requirements.txt")
SPLINK_SCRIPT = Path(__file__).with_name("splink_link.py")
SPLINK_KEYS = ("record", "email", "phone", "address")
SPLINK_PERSON = ("first_name", "surname", "dob", "street", "address_2", "city", "postcode", "state")
"""``splink_link.KEYS`` and ``splink_link.PERSON`` (that module imports splink, which the
service's environment does not have)."""
SPLINK_METHODS = ("probabilistic", "deterministic")

Identifiers = dict[str, tuple[Identifier, ...]]


@dataclass(frozen=True, slots=True)
class BaselineRun:
    clusters: dict[str, str]
    seconds: float


def normalized_identifiers(labelled: LabelledSet, config: NormalizationConfig) -> Identifiers:
    """Row id → the identifiers normalization makes of the row (invalid values dropped)."""
    return {
        row.row_id: normalize_record(flat_row_to_record(row.flat, row.provider), config).identifiers
        for row in labelled.rows
    }


def union_find(labelled: LabelledSet, identifiers: Identifiers) -> BaselineRun:
    started = time.perf_counter()
    graph: nx.Graph[tuple[str, str]] = nx.Graph()
    for row in labelled.rows:
        node = ("row", row.row_id)
        graph.add_node(node)
        graph.add_edge(node, ("record", row.record_key))
        for identifier in identifiers[row.row_id]:
            graph.add_edge(node, ("identifier", identifier.key))
    clusters = {}
    for number, component in enumerate(nx.connected_components(graph)):
        for kind, name in component:
            if kind == "row":
                clusters[name] = str(number)
    return BaselineRun(clusters, time.perf_counter() - started)


def _plain(text: str | None) -> str:
    """Lower case, single spaces: what a splink user does to a text column first."""
    return " ".join((text or "").lower().split())


def splink_row(
    row: SourceRow, identifiers: tuple[Identifier, ...], provider_ids: bool
) -> dict[str, str]:
    """The row as splink sees it: the normalized identifiers as exact keys (the record only
    where rows share provider ids), and the person's fields as the source has them."""
    values: dict[str, str] = {"unique_id": row.row_id}
    values["record"] = row.record_key if provider_ids else ""
    for identifier in identifiers:
        kind = str(identifier.kind)
        if kind in values:
            raise ValueError(f"row {row.row_id}: more than one {kind}; one column each")
        values[kind] = identifier.value
    flat, extra = row.flat, row.extra
    person = {
        "first_name": flat.get("first_name"),
        "surname": flat.get("last_name"),
        "dob": extra.get("dob"),
        "street": flat.get("address_line1"),
        "address_2": flat.get("address_line2"),
        "city": flat.get("city") or extra.get("city"),
        "postcode": flat.get("postal_code"),
        "state": flat.get("region"),
    }
    return values | {column: _plain(value) for column, value in person.items()}


def splink_input(labelled: LabelledSet, identifiers: Identifiers, path: Path) -> None:
    """One row per source row: ``unique_id``, the identifier keys and the person's fields."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        fields = ("unique_id", *SPLINK_KEYS, *SPLINK_PERSON)
        writer = csv.DictWriter(handle, fieldnames=fields, restval="")
        writer.writeheader()
        for row in labelled.rows:
            writer.writerow(splink_row(row, identifiers[row.row_id], labelled.provider_ids))


def ensure_splink_venv(venv: Path = SPLINK_VENV) -> Path:
    """The splink virtualenv's python, created and installed on first use."""
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(python), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "-r", str(SPLINK_REQUIREMENTS)], check=True)
    return python


def run_splink(
    method: str, labelled: LabelledSet, identifiers: Identifiers, workdir: Path, python: Path
) -> BaselineRun:
    """splink's ``method`` in its own interpreter; the time is splink's own run."""
    workdir.mkdir(parents=True, exist_ok=True)
    source, result = workdir / "splink_in.csv", workdir / f"splink_{method}.csv"
    splink_input(labelled, identifiers, source)
    done = subprocess.run(
        [str(python), str(SPLINK_SCRIPT), method, str(source), str(result)],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = float(done.stdout.strip().splitlines()[-1])
    with result.open(newline="", encoding="utf-8") as handle:
        clusters = {row["unique_id"]: row["cluster_id"] for row in csv.DictReader(handle)}
    return BaselineRun(clusters, seconds)
