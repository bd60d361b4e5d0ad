"""bench/run_all's own logic: section order, failure notes, process roles, the summary."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path
from types import ModuleType

import pytest

import bench.common
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def run_all() -> Iterator[ModuleType]:
    """The script as a module (it has no .py suffix); dataclasses need it in sys.modules."""
    loader = SourceFileLoader("run_all", str(REPO_ROOT / "bench" / "run_all"))
    spec = spec_from_loader("run_all", loader)
    assert spec is not None
    module = module_from_spec(spec)
    sys.modules["run_all"] = module
    try:
        loader.exec_module(module)
        yield module
    finally:
        del sys.modules["run_all"]


def test_sections_in_reading_order(
    run_all: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        "# Benchmarks\n\n## Scale: 1,000,000 records\n\nscale\n\n## Other\n\nkept\n\n"
        "## Reading the resolution quality figures\n\nby hand\n\n"
        "## Resolution quality\n\nquality\n\n## How these figures were made\n\nhow\n"
    )
    monkeypatch.setattr(run_all, "BENCHMARKS_MD", doc)
    run_all.reorder()
    titles = [line for line in doc.read_text().splitlines() if line.startswith("## ")]
    assert titles == [
        "## How these figures were made",
        "## Resolution quality",
        "## Reading the resolution quality figures",
        "## Scale: 1,000,000 records",
        "## Other",
    ]
    assert "scale" in doc.read_text() and "kept" in doc.read_text()


def test_failed_step_is_reported_not_hidden(run_all: ModuleType) -> None:
    step = run_all.STEPS[0]
    outcome = run_all.Outcome(step, returncode=1, seconds=3.0, error="KeyError: 'x'")
    outcome.loads += [3.0, 5.0]
    outcome.peak_mib.update({"Neo4j": 900.0, "benchmark process": 120.0})
    body = run_all.summary([outcome], None, 60.0)
    assert f"| {step.section} | `python bench/ingest.py --records 100000` | failed:" in body
    assert "| Ingest throughput | Neo4j | 900 |" in body
    assert "| 3 | 4.0 |" in body  # seconds, then the mean load average
    assert "Not measured in this run" in run_all.failure_body(outcome)


def test_roles_from_command_lines(run_all: ModuleType) -> None:
    assert run_all.role(os.getpid()) == "benchmark process"
    assert run_all.role(2**22 + 12345) == "gone"
    assert os.getpid() in run_all.descendants(os.getpid())
    assert run_all.high_water_mib(os.getpid()) > 1


def test_only_this_runs_sections_are_adopted(
    run_all: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n## API load\n\nsomeone else's figures\n")
    private = tmp_path / "private.md"
    private.write_text("# Benchmarks\n\n## Explanation latency\n\nthis run's figures\n")
    monkeypatch.setattr(run_all, "BENCHMARKS_MD", doc)
    monkeypatch.setattr(bench.common, "BENCHMARKS_MD", doc)
    by_section = {step.section: step for step in run_all.STEPS}
    ok = run_all.Outcome(by_section["Explanation latency"], returncode=0)
    silent = run_all.Outcome(by_section["API load"], returncode=0)
    run_all.adopt([ok, silent], private)
    text = doc.read_text()
    assert "this run's figures" in text
    assert "someone else's figures" not in text
    assert silent.error == "it wrote no section"
    assert "Not measured in this run" in text
