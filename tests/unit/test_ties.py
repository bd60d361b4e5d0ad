"""The one tie rule (graph_identity/resolution/ties.py), without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_identity.resolution.ties import (
    NO_EVIDENCE,
    Contradiction,
    Evidence,
    contradiction,
    distinct_people,
    tie,
)

FIRST = st.sampled_from([None, "Ann", "Anne", "Bob", "Zara", "Sarah"])
LAST = st.sampled_from([None, "Lee", "Li", "Smith"])
BORN = st.sampled_from([None, "1980-02-03", "1980-03-02", "1990-01-01"])
EVIDENCE = st.builds(Evidence.of, FIRST, LAST, BORN)


@pytest.mark.parametrize(
    ("kind", "ties", "conflict"),
    [("phone", False, False), ("address", False, False), ("email", False, True)],
)
def test_what_a_contradiction_does_depends_on_the_kind(
    kind: str, ties: bool, conflict: bool
) -> None:
    verdict = tie(kind, Evidence.of("Mary", "Smith", None), Evidence.of("John", "Smith", None))
    assert (verdict.ties, verdict.conflict) == (ties, conflict)
    assert verdict.contradiction is Contradiction.NAMES


def test_dates_of_birth_tell_namesakes_apart_but_a_swap_is_a_misreading() -> None:
    father = Evidence.of("John", "Smith", "1950-03-01")
    assert contradiction(father, Evidence.of("John", "Smith", "1981-07-19")) is (
        Contradiction.BIRTH_DATES
    )
    assert contradiction(father, Evidence.of("J", "Smith", "1950-01-03")) is None
    assert tie("address", father, Evidence.of("John", "Smith", None)).ties


def test_a_first_name_alone_and_a_last_name_alone_are_not_compared() -> None:
    assert (
        contradiction(Evidence.of("Andrew", None, None), Evidence.of(None, "Smith", None)) is None
    )
    assert contradiction(Evidence.of("Andrew", None, None), Evidence.of("Anna", "Smith", None)) is (
        Contradiction.NAMES
    )


@given(EVIDENCE, EVIDENCE)
def test_contradiction_is_symmetric(a: Evidence, b: Evidence) -> None:
    assert contradiction(a, b) == contradiction(b, a)


@given(EVIDENCE)
def test_a_record_never_contradicts_itself_nor_a_record_without_evidence(a: Evidence) -> None:
    assert contradiction(a, a) is None
    assert contradiction(a, NO_EVIDENCE) is None
    assert Evidence.of(None, None, None) == NO_EVIDENCE


@given(st.lists(EVIDENCE, max_size=8))
def test_distinct_people_counts_mutually_contradicting_records(people: list[Evidence]) -> None:
    count = distinct_people(people)
    assert 0 <= count <= len(people)
    if count == 0:
        assert all(p == NO_EVIDENCE for p in people)


def test_four_different_people_on_one_front_desk_email() -> None:
    names = [("Andrew", "Ng"), ("Jim", "Beam"), ("Jorg", "Keller"), ("Olga", "Petrova")]
    assert distinct_people(Evidence.of(f, last, None) for f, last in names) == 4
    typed = [("Zara", "Thompson"), ("Sarah", "Tompson"), ("Sahra", "Thompson")]
    assert distinct_people(Evidence.of(f, last, None) for f, last in typed) == 1
