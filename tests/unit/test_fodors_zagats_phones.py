"""The phone normalizer on data nobody here wrote: two restaurant guides, 112 known matches.

Fodor's writes ``310/246-1501``, Zagat's ``310-246-1501``; matched restaurants must get one
E.164 value. A few matched pairs list genuinely different numbers (another line of the same
restaurant); those are listed, not hidden, and the count is pinned.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from graph_identity.normalize import InvalidValue, normalize_phone
from tests.datasets import dataset_file

EXPECTED_PAIRS = 112
EXPECTED_DIFFERENT_NUMBERS = 4


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def guides() -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
    files = [
        dataset_file("fodors_zagats", name)
        for name in ("fodors.csv", "zagats.csv", "matches_fodors_zagats.csv")
    ]
    fodors = {row["id"]: row["phone"] for row in read_rows(files[0])}
    zagats = {row["id"]: row["phone"] for row in read_rows(files[1])}
    matches = [(row["fodors_id"], row["zagats_id"]) for row in read_rows(files[2])]
    return fodors, zagats, matches


def e164(raw: str) -> str | None:
    try:
        return normalize_phone(raw, "US")
    except InvalidValue:
        return None


def digits(raw: str) -> str:
    return re.sub(r"\D", "", raw)


def test_matched_pairs_get_one_e164(
    guides: tuple[dict[str, str], dict[str, str], list[tuple[str, str]]],
) -> None:
    fodors, zagats, matches = guides
    same: list[tuple[str, str]] = []
    reformatted = 0
    different: list[str] = []
    unparsed: list[str] = []
    for fodors_id, zagats_id in matches:
        left, right = fodors[fodors_id], zagats[zagats_id]
        left_value, right_value = e164(left), e164(right)
        if left_value is None or right_value is None:
            unparsed.append(f"fodors {fodors_id} {left!r} / zagats {zagats_id} {right!r}")
        elif left_value == right_value:
            same.append((left, right))
            reformatted += left != right
        else:
            assert digits(left) != digits(right), f"same digits, different E.164: {left}, {right}"
            different.append(f"fodors {fodors_id} {left} / zagats {zagats_id} {right}")
    report = (
        f"{len(matches)} matched pairs: {len(same)} share one E.164 value "
        f"({reformatted} of them written differently in the two guides); "
        f"{len(different)} list different numbers: {different}; "
        f"{len(unparsed)} unparseable: {unparsed}"
    )
    print(report)
    assert len(matches) == EXPECTED_PAIRS, report
    assert unparsed == [], report
    assert len(different) == EXPECTED_DIFFERENT_NUMBERS, report
    assert len(same) == EXPECTED_PAIRS - EXPECTED_DIFFERENT_NUMBERS, report
    assert reformatted == len(same), report


def test_every_well_formed_number_in_both_guides_normalizes(
    guides: tuple[dict[str, str], dict[str, str], list[tuple[str, str]]],
) -> None:
    """Only numbers that are broken in the source fail: a truncated one, and one whose area
    code starts with 0 or 1, which no North American area code does."""
    fodors, zagats, _ = guides
    phones = [*fodors.values(), *zagats.values()]
    failed = [raw for raw in phones if e164(raw) is None]
    broken = [raw for raw in phones if len(digits(raw)) != 10 or digits(raw)[0] in "01"]
    print(f"{len(phones)} phones, {len(failed)} invalid, all broken in the source: {failed}")
    assert failed == broken
    assert len(failed) <= 2, failed
