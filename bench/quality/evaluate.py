"""One labelled set through the engine (both policies, any variants) and the baselines."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from bench.quality.baselines import (
    SPLINK_METHODS,
    Identifiers,
    normalized_identifiers,
    run_splink,
    union_find,
)
from bench.quality.datasets import LabelledSet
from bench.quality.metrics import pair_score
from bench.quality.misses import MissReport, analyse
from bench.quality.report import MethodResult
from bench.quality.resolve import EngineRun, read_clusters, run_engine
from bench.quality.review import settle_by_truth
from graph_identity.config import Policy, Settings
from graph_identity.normalize import NormalizationConfig
from graph_identity.service import IdentityService


@dataclass(frozen=True, slots=True)
class Evaluation:
    labelled: LabelledSet
    results: list[MethodResult]
    misses: MissReport


def splink_result(
    splink_method: str,
    labelled: LabelledSet,
    identifiers: Identifiers,
    workdir: Path,
    python: Path | None,
) -> MethodResult:
    method = f"splink {splink_method}"
    if python is None:
        return MethodResult(method, None, failure="splink environment unavailable")
    try:
        run = run_splink(splink_method, labelled, identifiers, workdir, python)
    except subprocess.CalledProcessError as exc:
        last = (exc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        return MethodResult(method, None, failure=last[0][:120])
    return MethodResult(method, pair_score(run.clusters, labelled.truth()), run.seconds)


def engine_result(method: str, run: EngineRun, truth: dict[str, str]) -> MethodResult:
    """The run's scores; conflicts also per 1,000 records (what a person must review)."""
    per_thousand = f" ({1000 * run.conflicts / len(truth):.1f}/1k)" if run.conflicts else ""
    return MethodResult(
        method,
        pair_score(run.clusters, truth),
        run.seconds,
        conflicts=f"{run.conflicts:,}{per_thousand}",
        generic=f"{run.generic_identifiers:,}",
        held=f"{run.held_records:,}",
    )


def reviewed_result(
    method: str, driver: Driver, run: EngineRun, labelled: LabelledSet
) -> MethodResult:
    """The same graph once a reviewer who knows the labels settled its conflicts."""
    started = time.perf_counter()
    review = settle_by_truth(IdentityService(driver, run.settings), labelled)
    clusters, held = read_clusters(driver, run.settings.neo4j_database, labelled)
    taken = ", ".join(
        f"{n:,} {kind.replace('_', ' ')}" for kind, n in sorted(review.decisions.items())
    )
    return MethodResult(
        f"{method}, after review ({taken or 'no decisions'})",
        pair_score(clusters, labelled.truth()),
        time.perf_counter() - started,
        conflicts=f"{review.still_open:,} open",
        held=f"{held:,}",
    )


def evaluate(
    labelled: LabelledSet, driver: Driver, settings: Settings, workdir: Path, python: Path | None
) -> Evaluation:
    """The engine under each policy, the set's engine variants and the baselines."""
    truth = labelled.truth()
    identifiers = normalized_identifiers(labelled, NormalizationConfig.from_settings(settings))
    results = []
    misses = MissReport()
    for policy in (Policy.STRICT, Policy.REVIEW_ALL_BRIDGES, Policy.CONNECTED):
        run = run_engine(driver, settings, labelled, policy, workdir / str(policy))
        results.append(engine_result(f"graph-identity, {policy}", run, truth))
        if run.conflicts:
            results.append(reviewed_result(f"graph-identity, {policy}", driver, run, labelled))
        if policy is Policy.STRICT:
            records = {row.row_id: row.record_key for row in labelled.rows}
            misses = analyse(run.clusters, truth, identifiers, records, labelled.kinds)
    for number, variant in enumerate(labelled.variants):
        overrides = dict(variant.overrides)
        workdir_variant = workdir / f"variant-{number}"
        run = run_engine(driver, settings, labelled, variant.policy, workdir_variant, overrides)
        results.append(engine_result(variant.label, run, truth))
    union = union_find(labelled, identifiers)
    results.append(
        MethodResult("union-find (networkx)", pair_score(union.clusters, truth), union.seconds)
    )
    for splink_method in SPLINK_METHODS:
        splink_workdir = workdir / "splink"
        results.append(splink_result(splink_method, labelled, identifiers, splink_workdir, python))
    return Evaluation(labelled, results, misses)
