"""A generated truth set of the cases where a shared identifier is not one person.

Issue #16 names them: a role address (``info@<agency>``) on the records of many different
people, a family mailbox shared by spouses and children, a father and son of one name at
one address told apart only by their dates of birth, and one person whose name was typed
three ways on one personal email. Around those, the benign cases that must still link: a
POS record with only an email, another with only a phone and a web order with both (one
person), and a household landline shared by two differently named people.

Everything comes from one seeded :class:`random.Random`; names are drawn from short lists
of common first and last names, emails use ``example.*`` domains and phones the fictional
``555-01xx`` range, so no real person's data is involved. Each record's true person is
kept beside its row (``entity``), never in it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from bench.quality.datasets import FlatRow, LabelledSet, SourceRow

SEED = 20261203
GROUPS_PER_CASE = 25

FIRST = (
    "Andrew", "Anna", "Jim", "Jorg", "Priya", "Omar", "Lucia", "Kenji", "Fatima", "Pavel",
    "Grace", "Tomas", "Ingrid", "Mateo", "Leila", "Hugo", "Nadia", "Victor", "Elena", "Kwame",
)  # fmt: skip
LAST = (
    "Smith", "Garcia", "Novak", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Kowalski",
    "Haddad", "Brennan", "Silva", "Petrov", "Nakamura", "Fischer", "Mendes", "Duarte",
)  # fmt: skip
SPELLINGS = (
    ("Zara", "Sarah", "Sahra"),
    ("Catherine", "Katherine", "Kathryn"),
    ("Jon", "John", "Jonh"),
    ("Mohammed", "Muhammad", "Mohamed"),
    ("Stephen", "Steven", "Stephen"),
)
"""One person's first name as three cashiers typed it (the last name keeps or loses an h)."""
STREETS = ("Elm Street", "Harbor Road", "Quarry Lane", "Orchard Way", "Lantern Court")
SOURCES = ("generated_a", "generated_b", "generated_c")
"""Source files the records are spread over in turn (three providers of one business)."""
AREA_CODES = ("512", "737", "303", "720", "503", "971", "608", "919", "984", "210")


@dataclass
class _Builder:
    rng: random.Random
    rows: list[SourceRow] = field(default_factory=list)
    serial: int = 0
    phones: int = 0

    def phone(self) -> str:
        """A new fictional number: ``555-0100`` to ``555-0199`` in one of ten area codes."""
        self.phones += 1
        area = AREA_CODES[self.phones // 100 % len(AREA_CODES)]
        return f"({area}) 555-01{self.phones % 100:02d}"

    def add(self, entity: str, **fields: str) -> None:
        self.serial += 1
        source = SOURCES[self.serial % len(SOURCES)]
        flat: FlatRow = {"external_id": f"c{self.serial}", **fields}
        self.rows.append(
            SourceRow(row_id=f"{source}:c{self.serial}", entity=entity, source=source, flat=flat)
        )


def _people(rng: random.Random, count: int, last: str | None = None) -> list[tuple[str, str]]:
    firsts = rng.sample(FIRST, count)
    return [(first, last or rng.choice(LAST)) for first in firsts]


def _role_mailbox(b: _Builder, group: int) -> None:
    """An agency's info@ on every staff member's records; each person also has a phone."""
    mailbox = f"info@agency{group}.example.com"
    for index, (first, last) in enumerate(_people(b.rng, b.rng.randint(3, 6))):
        entity, phone = f"role{group}-{index}", b.phone()
        b.add(entity, first_name=first, last_name=last, email=mailbox, phone=phone)
        if b.rng.random() < 0.5:
            b.add(entity, first_name=first, last_name=last, phone=phone)


def _family_mailbox(b: _Builder, group: int) -> None:
    """Spouses and children on one family email, each with records of their own."""
    last = b.rng.choice(LAST)
    mailbox = f"the.{last.lower()}s.{group}@example.net"
    for index, (first, _) in enumerate(_people(b.rng, b.rng.randint(2, 3), last)):
        entity, phone = f"family{group}-{index}", b.phone()
        b.add(entity, first_name=first, last_name=last, email=mailbox, phone=phone)
        b.add(entity, first_name=first, last_name=last, phone=phone)


def _junior(b: _Builder, group: int) -> None:
    """A father and son of one name at one address: only their dates of birth differ."""
    first, last = b.rng.choice(FIRST), b.rng.choice(LAST)
    address = {
        "address_name": f"{first} {last}",
        "address_line1": f"{b.rng.randint(1, 999)} {b.rng.choice(STREETS)}",
        "city": "Austin",
        "region": "TX",
        "postal_code": "78701",
        "country": "US",
    }
    father_year, son_year = b.rng.randint(1945, 1965), b.rng.randint(1975, 1995)
    for entity, year in ((f"junior{group}-sr", father_year), (f"junior{group}-jr", son_year)):
        born = f"{b.rng.randint(1, 12)}/{b.rng.randint(1, 28)}/{year}"
        b.add(entity, first_name=first, last_name=last, birth_date=born, **address)
        b.add(entity, first_name=first, last_name=last, birth_date=born, **address)


def _spellings(b: _Builder, group: int) -> None:
    """One person whose first name three cashiers spelled three ways on one email."""
    spellings, last = b.rng.choice(SPELLINGS), b.rng.choice(LAST)
    email = f"{spellings[0].lower()}.{group}@example.org"
    for first in spellings:
        b.add(f"spell{group}", first_name=first, last_name=last, email=email)


def _halves(b: _Builder, group: int) -> None:
    """A POS record with only an email, one with only a phone, then a web order with both."""
    first, last = b.rng.choice(FIRST), b.rng.choice(LAST)
    email, phone = f"{first.lower()}.{last.lower()}.{group}@example.com", b.phone()
    b.add(f"halves{group}", first_name=first, email=email)
    b.add(f"halves{group}", last_name=last, phone=phone)
    b.add(f"halves{group}", first_name=first, last_name=last, email=email, phone=phone)


def _landline(b: _Builder, group: int) -> None:
    """Two differently named people of one household on one landline."""
    phone = b.phone()
    for index, (first, last) in enumerate(_people(b.rng, 2)):
        b.add(f"landline{group}-{index}", first_name=first, last_name=last, phone=phone)


CASES: tuple[Callable[[_Builder, int], None], ...] = (
    _role_mailbox,
    _family_mailbox,
    _junior,
    _spellings,
    _halves,
    _landline,
)


def generate(seed: int = SEED, groups: int = GROUPS_PER_CASE) -> Iterator[SourceRow]:
    builder = _Builder(random.Random(seed))
    for group in range(groups):
        for case in CASES:
            case(builder, group)
    yield from builder.rows


def contradictions(seed: int = SEED, groups: int = GROUPS_PER_CASE) -> LabelledSet:
    """The generated set: ``groups`` groups of each case (about 40 records per group)."""
    return LabelledSet(
        "Generated contradictions", ("email", "phone", "address"), tuple(generate(seed, groups))
    )
