"""splink linking, run in the benchmark's own virtualenv (not the service's).

    python splink_link.py deterministic|probabilistic INPUT.csv OUTPUT.csv

INPUT has ``unique_id`` and the columns of ``COLUMNS`` (an empty value is null). Writes
``unique_id,cluster_id`` to OUTPUT and prints the seconds splink took on its last line
(training included). Only columns with at least one value are used.

- ``deterministic``: rows that agree exactly on any one identifier key (``KEYS``: the
  record, the normalized email and phone, the address hash) are linked, and splink clusters
  the pairs transitively.
- ``probabilistic``: splink's Fellegi-Sunter model as its tutorials build it. Names are
  compared by Jaro-Winkler levels, the date of birth by splink's date comparison, the email
  by its email comparison, street, line 2, city and postcode by Levenshtein distance, the
  phone, state and record exactly. u is estimated by random sampling, m by expectation
  maximisation over blocks on exact keys (``TRAINING_BLOCKS``), the chance that two random
  rows match from the identifier keys and ``names_rule`` with an assumed recall of
  ``RECALL``; candidate pairs come from exact blocks (``PREDICTION_BLOCKS``), and pairs
  scoring ``THRESHOLD`` or more are clustered transitively. The settings are splink's
  usual ones, chosen before any score was seen and the same for every data set.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Sequence

import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

KEYS = ("record", "email", "phone", "address")
PERSON = (
    "first_name",
    "surname",
    "dob",
    "street",
    "address_2",
    "city",
    "postcode",
    "state",
)
COLUMNS = (*KEYS, *PERSON)
THRESHOLD = 0.95
RECALL = 0.7
U_PAIRS = 3e5
"""Pairs sampled for u: fewer than splink's default (1e6), which took 40-50 s on FEBRL
4a+4b on the benchmark's two shared cores against 7 s for these; the time is the budget."""
SEED = 20261203
PREDICTION_BLOCKS: tuple[tuple[str, ...], ...] = (
    *((key,) for key in KEYS),
    ("surname",),
    ("first_name", "city"),
    ("dob",),
    ("postcode",),
    ("street",),
)
TRAINING_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("first_name", "surname"),
    ("dob",),
    ("email",),
    ("phone",),
    ("postcode",),
    ("street",),
    ("surname",),
)


def comparison(column: str) -> ComparisonCreator:
    if column in ("first_name", "surname"):
        return cl.NameComparison(column)
    if column == "dob":
        return cl.DateOfBirthComparison(column, input_is_string=True, datetime_format="%Y-%m-%d")
    if column == "email":
        return cl.EmailComparison(column)
    if column in ("street", "city"):
        return cl.LevenshteinAtThresholds(column, [1, 3])
    if column in ("address_2", "postcode"):
        return cl.LevenshteinAtThresholds(column, 1)
    return cl.ExactMatch(column)


def compared(present: Sequence[str]) -> list[str]:
    """The columns the model compares: every person column, plus the record (rows sharing
    a provider id); the other keys are compared through their parts (email, phone)."""
    return [c for c in ("record", "email", "phone", *PERSON) if c in present]


def names_rule(present: Sequence[str]) -> tuple[str, ...]:
    """A near-certain deterministic rule on the person: full name and birth date, or, for
    rows without a birth date, the name and the city."""
    for rule in (("first_name", "surname", "dob"), ("surname", "city")):
        if all(column in present for column in rule):
            return rule
    return ()


def training_blocks(columns: list[str]) -> list[tuple[str, ...]]:
    """EM sessions until each compared column was estimated in one (outside its block)."""
    chosen: list[tuple[str, ...]] = []
    for block in TRAINING_BLOCKS:
        if not all(column in columns for column in block):
            continue
        if any(set(block) & set(earlier) for earlier in chosen):
            continue
        chosen.append(block)
        unestimated = [c for c in columns if all(c in earlier for earlier in chosen)]
        if not unestimated:
            break
    return chosen


def blocks(
    present: Sequence[str], candidates: Sequence[tuple[str, ...]]
) -> list[BlockingRuleCreator]:
    return [block_on(*b) for b in candidates if all(c in present for c in b)]


def deterministic(frame: pd.DataFrame, present: list[str]) -> pd.DataFrame:
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocks(present, [(key,) for key in KEYS]),
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(frame, settings, db_api=DuckDBAPI())
    pairs = linker.inference.deterministic_link()
    return linker.clustering.cluster_pairwise_predictions_at_threshold(pairs).as_pandas_dataframe()


def probabilistic(frame: pd.DataFrame, present: list[str]) -> pd.DataFrame:
    columns = compared(present)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[comparison(column) for column in columns],
        blocking_rules_to_generate_predictions=blocks(present, PREDICTION_BLOCKS),
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(frame, settings, db_api=DuckDBAPI())
    certain = [(key,) for key in KEYS]
    if names_rule(present):
        certain.append(names_rule(present))
    linker.training.estimate_probability_two_random_records_match(
        blocks(present, certain), recall=RECALL
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=SEED)
    for block in training_blocks(columns):
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*block))
    pairs = linker.inference.predict(threshold_match_probability=THRESHOLD)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pairs, THRESHOLD)
    return clusters.as_pandas_dataframe()


METHODS = {"deterministic": deterministic, "probabilistic": probabilistic}


def main(method: str, source: str, target: str) -> None:
    logging.getLogger("splink").setLevel(logging.ERROR)
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame = frame.replace("", None)
    present = [column for column in COLUMNS if frame[column].notna().any()]
    started = time.perf_counter()
    clusters = METHODS[method](frame, present)
    seconds = time.perf_counter() - started
    clusters[["unique_id", "cluster_id"]].to_csv(target, index=False)
    print(f"{seconds:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
