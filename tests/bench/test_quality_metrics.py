"""The quality benchmark's parts without a database: scores, conversions, baseline, misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.quality.baselines import normalized_identifiers, union_find
from bench.quality.datasets import all_sets, febrl3, fodors_zagats
from bench.quality.metrics import pair_score, ratio
from bench.quality.misses import analyse, edit_distance
from bench.quality.report import MethodResult, score_rows
from graph_identity.adapters.flat import COLUMNS
from graph_identity.config import Settings
from graph_identity.normalize import NormalizationConfig
from tests.bench.tiny_sets import write_tiny_sets


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_tiny_sets(tmp_path)


@pytest.fixture
def config() -> NormalizationConfig:
    return NormalizationConfig.from_settings(Settings(_env_file=None))


def test_pair_score_counts_pairs_per_cluster() -> None:
    truth = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2", "f": "3"}
    # a,b together (1 true pair); c,d together (a wrong pair); e, f alone.
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z", "f": "w"}
    score = pair_score(predicted, truth)
    assert (score.true_positive, score.predicted, score.actual) == (1, 2, 4)
    assert score.precision == 0.5
    assert score.recall == 0.25
    assert score.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert (score.false_positive, score.false_negative) == (1, 3)


def test_perfect_and_empty_predictions() -> None:
    truth = {"a": "1", "b": "1", "c": "2"}
    assert pair_score(truth, truth).f1 == 1.0
    singletons = pair_score({"a": "a", "b": "b", "c": "c"}, truth)
    assert singletons.precision is None  # no predicted pair: undefined, not perfect
    assert singletons.recall == 0.0
    assert singletons.f1 is None


def test_pair_score_refuses_different_rows() -> None:
    with pytest.raises(ValueError, match="1 without a prediction"):
        pair_score({"a": "x"}, {"a": "1", "b": "1"})


def test_ratio() -> None:
    assert ratio(0.5, 0.25) == 2.0
    assert ratio(0.5, 0.0) is None
    assert ratio(None, 0.5) is None


def test_edit_distance() -> None:
    assert edit_distance("ann@example.com", "ann@example.con") == 1
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3


def test_febrl_conversion_keeps_truth_out_of_the_rows(root: Path) -> None:
    labelled = febrl3(root, ssn_as_id=False)
    first = labelled.rows[0]
    assert first.entity == "1" and first.row_id == "rec-1-org"
    assert first.flat["address_name"] == "anna smith"
    assert first.flat["address_line1"] == "1 wattle street"
    assert first.flat["external_id"] == "rec-1-org"
    assert set(first.flat) <= set(COLUMNS)  # the truth column never reaches the import
    assert labelled.truth() == {r.row_id: r.entity for r in labelled.rows}
    with_ssn = febrl3(root, ssn_as_id=True)
    assert {r.record_key for r in with_ssn.rows} == {
        "manual:111",
        "manual:222",
        "manual:223",
        "manual:333",
    }


def test_fodors_zagats_truth_from_matches(root: Path) -> None:
    truth = fodors_zagats(root).truth()
    assert truth["zagats:10"] == truth["fodors:1"]
    assert truth["zagats:11"] == truth["fodors:2"]
    assert truth["zagats:14"] != truth["fodors:3"]


def test_flat_csvs_one_per_provider(root: Path, tmp_path: Path) -> None:
    sets = {s.name: s for s in all_sets(root)}
    files = sets["FEBRL 4a+4b"].write_csvs(tmp_path / "out")
    assert [p for p, _ in files] == ["shopify", "woocommerce"]
    text = files[1][1].read_text().splitlines()
    assert text[0].startswith("external_id,first_name,last_name")
    assert len(text) == 3


def test_union_find_links_through_the_bridge(root: Path, config: NormalizationConfig) -> None:
    labelled = fodors_zagats(root)
    clusters = union_find(labelled, normalized_identifiers(labelled, config)).clusters
    # z14 carries f1's phone and f3's address: no ambiguity handling joins all four.
    assert len({clusters[r] for r in ("fodors:1", "zagats:10", "zagats:14", "fodors:3")}) == 1
    assert clusters["fodors:2"] != clusters["zagats:11"]
    score = pair_score(clusters, labelled.truth())
    assert (score.true_positive, score.predicted, score.actual) == (1, 6, 2)


def test_misses_by_kind_and_typo(root: Path, config: NormalizationConfig) -> None:
    labelled = next(s for s in all_sets(root) if s.name == "splink fake_1000")
    identifiers = normalized_identifiers(labelled, config)
    clusters = union_find(labelled, identifiers).clusters
    records = {r.row_id: r.record_key for r in labelled.rows}
    report = analyse(clusters, labelled.truth(), identifiers, records, labelled.kinds)
    # rows 0 and 1 differ only in case: one email; row 2 has a one-letter typo.
    assert report.missed_pairs == 3
    assert report.by_reason == {"email differs": 2, "email missing": 1}
    assert report.email_typos == 2
    assert report.wrong_pairs == 0


def test_misses_name_the_address_part(root: Path, config: NormalizationConfig) -> None:
    labelled = febrl3(root, ssn_as_id=False)
    identifiers = normalized_identifiers(labelled, config)
    clusters = union_find(labelled, identifiers).clusters
    records = {r.row_id: r.record_key for r in labelled.rows}
    report = analyse(clusters, labelled.truth(), identifiers, records, labelled.kinds)
    assert report.missed_pairs == 2
    assert report.address_parts == {"street": 2}
    assert report.address_only_part == {"street": 2}


def test_score_rows_show_ratios_and_failures() -> None:
    truth = {"a": "1", "b": "1", "c": "1"}
    half = pair_score({"a": "x", "b": "x", "c": "y"}, truth)
    full = pair_score(truth, truth)
    rows = score_rows(
        "set",
        [
            MethodResult("graph-identity, strict", half),
            MethodResult("union-find (networkx)", full),
            MethodResult("splink deterministic", None, failure="splink environment unavailable"),
        ],
    )
    assert "| 1.000 | 0.333 | 0.500 | 1.00 / 0.33 / 0.50 | n/a |" in rows[0]
    assert "failed: splink environment unavailable" in rows[2]
