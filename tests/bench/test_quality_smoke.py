"""The quality pipeline end to end on tiny sets: conversion, import, read-back, scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from bench.quality.datasets import PHONE_LIMIT_2, LabelledSet, all_sets
from bench.quality.evaluate import evaluate, reviewed_result
from bench.quality.metrics import PairScore
from bench.quality.resolve import run_engine
from graph_identity.config import Policy, Settings
from tests.bench.tiny_sets import write_tiny_sets

pytestmark = pytest.mark.neo4j


@pytest.fixture
def sets(tmp_path: Path) -> dict[str, LabelledSet]:
    return {s.name: s for s in all_sets(write_tiny_sets(tmp_path / "data"))}


def counts(score: PairScore | None) -> tuple[int, int, int]:
    assert score is not None
    return score.true_positive, score.predicted, score.actual


def test_bridge_merges_under_strict_and_is_held_when_every_bridge_is_reviewed(
    graph: Driver, settings: Settings, sets: dict[str, LabelledSet], tmp_path: Path
) -> None:
    labelled = sets["Fodor's/Zagat's"]
    evaluation = evaluate(labelled, graph, settings, tmp_path / "work", None)
    by_method = {r.method: r for r in evaluation.results}
    # f1 = z10 joined by phone and address; z14 reaches f1 (phone) and f3 (address), and
    # every name on them is "blue cafe": nothing contradicts, so strict merges the bridge,
    # as connected and union-find do (one true pair among six).
    strict = by_method["graph-identity, strict"]
    assert counts(strict.score) == (1, 6, 2)
    assert (strict.conflicts, strict.held, strict.generic) == ("0", "0", "0")
    assert counts(by_method["graph-identity, connected"].score) == (1, 6, 2)
    assert counts(by_method["union-find (networkx)"].score) == (1, 6, 2)
    for splink in ("splink probabilistic", "splink deterministic"):
        assert by_method[splink].failure == "splink environment unavailable"
    # The strict run's misses: f2/z11 have different phones and addresses (name differs).
    assert evaluation.misses.by_reason == {"phone differs, address differs": 1}
    assert evaluation.misses.address_parts == {"name": 1}
    # Its wrong pairs: the bridge z14 with f1 and z10, f3 with f1 and z10 through it, and
    # z14 with f3 (one listing name and address: one address hash).
    assert evaluation.misses.wrong_pairs == 5

    # Every bridge reviewed: z14 is held (in no customer), one conflict for 6 records.
    review = by_method["graph-identity, review_all_bridges"]
    assert counts(review.score) == (1, 1, 2)
    assert (review.conflicts, review.held, review.generic) == ("1 (166.7/1k)", "1", "0")
    # z14 is neither f1's restaurant nor f3's: the reviewer keeps it apart, and it becomes a
    # customer of its own. Strict opened no conflict, so it has no reviewed row.
    settled = by_method["graph-identity, review_all_bridges, after review (1 keep apart)"]
    assert counts(settled.score) == (1, 1, 2)
    assert (settled.conflicts, settled.held) == ("0 open", "0")
    assert not [m for m in by_method if m.startswith("graph-identity, strict, after review")]


def test_reviewer_assigns_a_bridge_to_the_customer_of_its_person(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    root = write_tiny_sets(tmp_path / "data")
    (root / "fodors_zagats/matches_fodors_zagats.csv").write_text(
        "fodors_id,zagats_id\n1,10\n2,11\n1,14\n", encoding="utf-8"
    )
    labelled = {s.name: s for s in all_sets(root)}["Fodor's/Zagat's"]
    run = run_engine(graph, settings, labelled, Policy.REVIEW_ALL_BRIDGES, tmp_path / "work")
    assert run.conflicts == 1 and run.held_records == 1

    result = reviewed_result("graph-identity, review_all_bridges", graph, run, labelled)

    # z14 is f1's restaurant: assigned to the customer of f1 and z10, their three pairs found
    # (f2 / z11 stay apart as before: different phones and addresses).
    assert result.method == "graph-identity, review_all_bridges, after review (1 assign)"
    assert counts(result.score) == (3, 3, 4)
    assert (result.conflicts, result.held) == ("0 open", "0")


def test_only_fodors_zagats_has_the_phone_limit_variant(sets: dict[str, LabelledSet]) -> None:
    assert {name: s.variants for name, s in sets.items() if s.variants} == {
        "Fodor's/Zagat's": (PHONE_LIMIT_2,)
    }
    assert PHONE_LIMIT_2.policy is Policy.STRICT
    assert dict(PHONE_LIMIT_2.overrides) == {"max_records_per_phone": 2}


def test_phone_limit_override_reaches_the_service(
    graph: Driver, settings: Settings, sets: dict[str, LabelledSet], tmp_path: Path
) -> None:
    labelled = sets["Fodor's/Zagat's"]
    overrides = dict(PHONE_LIMIT_2.overrides)
    run = run_engine(graph, settings, labelled, Policy.STRICT, tmp_path / "work", overrides)
    assert run.settings.max_records_per_phone == 2
    assert run.settings.policy is Policy.STRICT
    assert settings.max_records_per_phone == 25  # the shared settings are left alone
    # f1, z10 and z14 share one phone: three records, over the limit of 2, so it turns generic.
    assert run.generic_identifiers == 1


def test_phone_limit_variant_row_follows_the_policies(
    graph: Driver, settings: Settings, sets: dict[str, LabelledSet], tmp_path: Path
) -> None:
    evaluation = evaluate(sets["Fodor's/Zagat's"], graph, settings, tmp_path / "work", None)
    methods = [r.method for r in evaluation.results]
    assert methods == [
        "graph-identity, strict",
        "graph-identity, review_all_bridges",
        "graph-identity, review_all_bridges, after review (1 keep apart)",
        "graph-identity, connected",
        "graph-identity, strict, phone limit 2",
        "union-find (networkx)",
        "splink probabilistic",
        "splink deterministic",
    ]
    variant = evaluation.results[4]
    assert variant.generic == "1"
    # The phone no longer links: z14 reaches only f3 (same address) and joins it, a wrong
    # pair the tiny set builds on purpose; f1 = z10 still link by address.
    assert counts(variant.score) == (1, 2, 2)
    # The strict run's miss analysis is the default-settings run's, unchanged.
    assert evaluation.misses.by_reason == {"phone differs, address differs": 1}


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
