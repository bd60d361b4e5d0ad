"""Generated people for the fake providers: deterministic, obviously fake values."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson"]
STREETS = ["Elm St", "Oak Ave", "Pine Rd", "Maple Dr", "Cedar Ln"]
BASE_TIME = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Person:
    n: int
    first: str
    last: str
    email: str
    phone: str
    street: str
    city: str
    region: str
    postcode: str
    country: str
    created: datetime
    updated: datetime


@dataclass(frozen=True)
class Sale:
    n: int
    person: int
    total: str
    created: datetime
    updated: datetime


def people(count: int, seed: int = 7) -> list[Person]:
    rng = random.Random(seed)
    found = []
    for n in range(1, count + 1):
        created = BASE_TIME + timedelta(hours=n)
        found.append(
            Person(
                n=n,
                first=rng.choice(FIRST),
                last=f"{rng.choice(LAST)}{n}",
                email=f"person{n}@example.com",
                phone=f"+1512555{n:04d}",
                street=f"{100 + n} {rng.choice(STREETS)}",
                city="Austin",
                region="TX",
                postcode=f"787{n % 100:02d}",
                country="US",
                created=created,
                updated=created,
            )
        )
    return found


def sales(persons: list[Person], count: int, seed: int = 11) -> list[Sale]:
    rng = random.Random(seed)
    found = []
    for n in range(1, count + 1):
        created = BASE_TIME + timedelta(days=2, minutes=n)
        found.append(
            Sale(
                n=n,
                person=rng.choice(persons).n,
                total=f"{rng.randint(5, 500)}.{rng.randint(0, 99):02d}",
                created=created,
                updated=created,
            )
        )
    return found


def changed(person: Person, when: datetime) -> Person:
    """The person with a new email, changed at ``when``."""
    return replace(person, email=f"person{person.n}.new@example.com", updated=when)
