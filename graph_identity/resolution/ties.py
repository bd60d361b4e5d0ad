"""Whether a shared identifier ties two records: the one place that decides it.

The planner, split checks, explanations and the contradiction edges that Neo4j Browser
queries follow all ask this module, so they cannot disagree.

A shared live, non-generic identifier ties two records unless something on them
contradicts: their names disagree (:func:`graph_identity.resolution.names.names_agree`) or
their dates of birth differ (a day/month swap is a misreading, not a contradiction; see
:func:`graph_identity.normalize.birth_date.birth_dates_agree`). A record without a name or a
date of birth is no evidence either way.

What a contradiction means depends on the kind (:data:`ON_CONTRADICTION`):

- a **phone** or an **address** shared by people who contradict is a place, not a person
  (a household landline, a hotel switchboard, a father and son at one address): no tie,
  nothing for a person to review;
- an **email** shared by people who contradict is usually a family mailbox: no tie either,
  but a Conflict is opened, since people do share one mailbox and a person should see it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from graph_identity.normalize.birth_date import birth_dates_agree
from graph_identity.resolution.names import name_key, names_agree

NamePart = Literal["full", "first", "last"]


class Contradiction(StrEnum):
    NAMES = "names disagree"
    BIRTH_DATES = "dates of birth differ"


class OnContradiction(StrEnum):
    NO_TIE = "no_tie"
    """A place, not a person: the identifier ties neither record to the other."""
    CONFLICT = "conflict"
    """No tie, and a Conflict for a person to settle (merge, assign or keep apart)."""


ON_CONTRADICTION: dict[str, OnContradiction] = {
    "phone": OnContradiction.NO_TIE,
    "address": OnContradiction.NO_TIE,
    "email": OnContradiction.CONFLICT,
}
"""Per identifier kind, what a contradiction between two holders does."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a record says about who it is, beyond its identifiers."""

    name: str | None = None
    """Its name key (:func:`graph_identity.resolution.names.name_key`)."""
    birth_date: str | None = None
    """ISO ``YYYY-MM-DD``."""
    name_part: NamePart = "full"
    """Which of the name fields the record filled: a first name alone and a last name alone
    cannot be compared (``Andrew`` on one POS record, ``Smith`` on another)."""

    @classmethod
    def of(cls, first_name: str | None, last_name: str | None, birth_date: str | None) -> Evidence:
        has_first, has_last = _filled(first_name), _filled(last_name)
        part: NamePart = "full"
        if has_first != has_last:
            part = "first" if has_first else "last"
        return cls(name=name_key(first_name, last_name), birth_date=birth_date, name_part=part)


NO_EVIDENCE = Evidence()


def _filled(name: str | None) -> bool:
    return name is not None and any(char.isalnum() for char in name)


def contradiction(a: Evidence, b: Evidence) -> Contradiction | None:
    """Why two records cannot be one person, or None when nothing on them says so."""
    comparable = "full" in (a.name_part, b.name_part) or a.name_part == b.name_part
    if comparable and not names_agree(a.name, b.name):
        return Contradiction.NAMES
    if not birth_dates_agree(a.birth_date, b.birth_date):
        return Contradiction.BIRTH_DATES
    return None


@dataclass(frozen=True, slots=True)
class Tie:
    """The verdict on two records sharing one identifier."""

    ties: bool
    contradiction: Contradiction | None = None
    conflict: bool = False
    """The contradiction opens a Conflict (an email), rather than being a place."""


_TIES = Tie(ties=True)


def tie(kind: str, a: Evidence, b: Evidence) -> Tie:
    """Whether a shared live, non-generic identifier of ``kind`` ties records ``a`` and ``b``."""
    found = contradiction(a, b)
    if found is None:
        return _TIES
    on = ON_CONTRADICTION.get(kind, OnContradiction.NO_TIE)
    return Tie(ties=False, contradiction=found, conflict=on is OnContradiction.CONFLICT)


def ties(kind: str, a: Evidence, b: Evidence) -> bool:
    return tie(kind, a, b).ties


def distinct_people(evidence: Iterable[Evidence]) -> int:
    """At least how many people carry these records: a greedy count of records that
    contradict every record counted before them (records without evidence count for none)."""
    people: list[Evidence] = []
    for one in evidence:
        if one == NO_EVIDENCE:
            continue
        if all(contradiction(one, other) is not None for other in people):
            people.append(one)
    return len(people)
