"""The quality pipeline end to end on tiny sets: conversion, import, read-back, scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from bench.quality.datasets import LabelledSet, all_sets
from bench.quality.evaluate import evaluate
from bench.quality.metrics import PairScore
from graph_identity.config import Settings
from tests.bench.tiny_sets import write_tiny_sets

pytestmark = pytest.mark.neo4j


@pytest.fixture
def sets(tmp_path: Path) -> dict[str, LabelledSet]:
    return {s.name: s for s in all_sets(write_tiny_sets(tmp_path / "data"))}


def counts(score: PairScore | None) -> tuple[int, int, int]:
    assert score is not None
    return score.true_positive, score.predicted, score.actual


def test_bridge_is_held_under_strict_and_merged_under_connected(
    graph: Driver, settings: Settings, sets: dict[str, LabelledSet], tmp_path: Path
) -> None:
    evaluation = evaluate(sets["Fodor's/Zagat's"], graph, settings, tmp_path / "work", None)
    by_method = {r.method: r for r in evaluation.results}
    strict = by_method["graph-identity, strict"]
    # f1 = z10 joined by phone and address; z14 reaches f1 and f3: held, one conflict.
    assert counts(strict.score) == (1, 1, 2)
    assert (strict.conflicts, strict.held, strict.generic) == ("1", "1", "0")
    connected = by_method["graph-identity, connected"]
    assert counts(connected.score) == (1, 6, 2)
    assert counts(by_method["union-find (networkx)"].score) == (1, 6, 2)
    assert by_method["splink deterministic"].failure == "splink environment unavailable"
    # The strict run's misses: f2/z11 have different phones and addresses (name differs).
    assert evaluation.misses.by_reason == {"phone differs, address differs": 1}
    assert evaluation.misses.address_parts == {"name": 1}
    assert evaluation.misses.wrong_pairs == 0


@pytest.mark.parametrize(
    ("name", "strict_counts"),
    [
        ("FEBRL dataset3 (address)", (2, 2, 4)),
        # soc_sec_id 111 makes person 1's rows one record; person 2's share an address.
        ("FEBRL dataset3 (address + soc_sec_id)", (4, 4, 4)),
        # 4b's second row spells the name differently: its address hash differs.
        ("FEBRL 4a+4b", (1, 1, 2)),
        # case is folded; the typo and the missing email are misses.
        ("splink fake_1000", (1, 1, 4)),
    ],
)
def test_scores_read_back_from_neo4j(
    graph: Driver,
    settings: Settings,
    sets: dict[str, LabelledSet],
    tmp_path: Path,
    name: str,
    strict_counts: tuple[int, int, int],
) -> None:
    evaluation = evaluate(sets[name], graph, settings, tmp_path / "work", None)
    by_method = {r.method: r for r in evaluation.results}
    assert counts(by_method["graph-identity, strict"].score) == strict_counts
    assert counts(by_method["graph-identity, connected"].score) == strict_counts
    assert by_method["graph-identity, strict"].conflicts == "0"
