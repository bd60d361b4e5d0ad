"""splink's input as the quality benchmark writes it, and its probabilistic model on a real set.

The last test runs splink itself in ``bench/.venv-splink`` on splink's fake_1000 from the
shared data sets; it says which of the two is missing when it cannot run.
"""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest

from bench.common import DATASETS
from bench.quality.baselines import (
    SPLINK_KEYS,
    SPLINK_PERSON,
    SPLINK_SCRIPT,
    SPLINK_VENV,
    normalized_identifiers,
    run_splink,
    splink_input,
    union_find,
)
from bench.quality.datasets import fake_1000, febrl3
from bench.quality.metrics import pair_score
from graph_identity.config import Settings
from graph_identity.normalize import NormalizationConfig
from tests.bench.tiny_sets import write_tiny_sets
from tests.conftest import REPO_ROOT


@pytest.fixture
def config() -> NormalizationConfig:
    return NormalizationConfig.from_settings(Settings(_env_file=None))


def script_constants() -> dict[str, object]:
    """The literal constants of splink_link.py, read without importing splink."""
    tree = ast.parse(SPLINK_SCRIPT.read_text())
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def test_columns_and_settings_agree_with_the_script() -> None:
    constants = script_constants()
    assert constants["KEYS"] == SPLINK_KEYS
    assert constants["PERSON"] == SPLINK_PERSON
    quality = ast.parse((REPO_ROOT / "bench" / "quality.py").read_text())
    stated = next(
        ast.literal_eval(node.value)
        for node in quality.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)
    )
    assert stated == (constants["U_PAIRS"], constants["RECALL"], constants["THRESHOLD"])


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["unique_id"]: row for row in csv.DictReader(handle)}


def test_febrl_rows_carry_keys_and_person_fields(
    tmp_path: Path, config: NormalizationConfig
) -> None:
    root = write_tiny_sets(tmp_path / "data")
    for ssn_as_id in (False, True):
        labelled = febrl3(root, ssn_as_id=ssn_as_id)
        path = tmp_path / f"in-{ssn_as_id}.csv"
        splink_input(labelled, normalized_identifiers(labelled, config), path)
        rows = read_rows(path)
        first = rows["rec-1-org"]
        assert list(first) == ["unique_id", *SPLINK_KEYS, *SPLINK_PERSON]
        assert (first["first_name"], first["surname"], first["dob"]) == (
            "anna",
            "smith",
            "1970-01-01",
        )
        assert (first["street"], first["city"], first["postcode"], first["state"]) == (
            "1 wattle street",
            "cooma",
            "2630",
            "nsw",
        )
        assert first["address"] and not first["email"] and not first["phone"]
        # The record is a key only where rows share provider ids (soc_sec_id here).
        assert bool(first["record"]) is ssn_as_id
        if ssn_as_id:
            assert first["record"] == rows["rec-1-dup-1"]["record"]


def test_fake_1000_rows_carry_the_city_without_a_street(
    tmp_path: Path, config: NormalizationConfig
) -> None:
    labelled = fake_1000(write_tiny_sets(tmp_path / "data"))
    path = tmp_path / "in.csv"
    splink_input(labelled, normalized_identifiers(labelled, config), path)
    rows = read_rows(path)
    assert rows["3"]["city"] == "london" and not rows["3"]["address"]
    assert rows["1"]["email"] == rows["0"]["email"] == "ann@example.com"
    assert rows["2"]["dob"] == "1971-06-24"


def test_probabilistic_model_finds_pairs_exact_keys_miss(
    tmp_path: Path, config: NormalizationConfig
) -> None:
    python = SPLINK_VENV / "bin" / "python"
    if not python.exists():
        pytest.skip(f"no splink environment at {SPLINK_VENV} (bench/quality.py creates it)")
    if not (DATASETS / "splink_fake_1000" / "fake_1000.csv").exists():
        pytest.skip(f"no splink_fake_1000 under {DATASETS}")
    labelled = fake_1000(DATASETS)
    identifiers = normalized_identifiers(labelled, config)
    truth = labelled.truth()
    exact = pair_score(union_find(labelled, identifiers).clusters, truth)
    deterministic = run_splink("deterministic", labelled, identifiers, tmp_path, python)
    probabilistic = run_splink("probabilistic", labelled, identifiers, tmp_path, python)
    assert pair_score(deterministic.clusters, truth) == exact
    model = pair_score(probabilistic.clusters, truth)
    assert exact.recall is not None and model.recall is not None and model.precision is not None
    # fake_1000 has typos in names and emails and rows without email: exact keys find a
    # third of the pairs; names, birth dates and cities let the model find far more.
    assert model.recall > 2 * exact.recall
    assert model.precision > 0.9
