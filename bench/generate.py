"""Deterministic synthetic customers: several records per person across providers."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Iterator

from graph_identity.models import PostalAddress, RecordIn

PROVIDERS = ("shopify", "qbo", "woocommerce", "lightspeed_retail", "amazon", "loyalty")
STREETS = ("Main St", "Oak Avenue", "Pine Road", "Maple Drive", "Cedar Lane", "Elm Street")


HOUSEHOLD_SHARE = 0.01
"""The share of people who take the phone of the person generated before them (a household
of two), so about twice as many people (2%) have a phone another person has too."""


def person_records(count: int, seed: int = 20261124) -> Iterator[RecordIn]:
    """About 2.5 records per person; about 2% of people are given a household phone another
    person has too (``HOUSEHOLD_SHARE`` of them join the household of the person before).
    Each record carries a random subset of its person's email, phone and address, so fewer
    people have that phone on their records: on 100,000 records, 1.5% of people have a phone
    that another person's records carry too (:func:`shared_phone_share`)."""
    rng = random.Random(seed)
    person = 0
    produced = 0
    previous_phone = ""
    while produced < count:
        person += 1
        email = f"person{person}@example.com"
        phone = f"+1{rng.choice(['512', '737', '214', '469'])}{rng.randint(2000000, 9999999)}"
        if previous_phone and rng.random() < HOUSEHOLD_SHARE:
            phone = previous_phone
        previous_phone = phone
        address = PostalAddress(
            name=f"Person {person}",
            line1=f"{rng.randint(1, 9999)} {rng.choice(STREETS)}",
            line2=f"Apt {rng.randint(1, 40)}" if rng.random() < 0.3 else None,
            city="Austin",
            region="TX",
            postal_code=f"787{rng.randint(0, 99):02d}",
            country="US",
        )
        for index in range(rng.choice((1, 2, 2, 3, 4))):
            if produced >= count:
                return
            fields = rng.sample(("email", "phone", "address"), k=rng.choice((1, 2, 2, 3)))
            yield RecordIn(
                provider=PROVIDERS[(person + index) % len(PROVIDERS)],
                external_id=f"{person}-{index}",
                first_name=f"First{person}",
                last_name=f"Last{person}",
                emails=[email] if "email" in fields else [],
                phones=[phone] if "phone" in fields else [],
                addresses=[address] if "address" in fields else [],
            )
            produced += 1


def shared_phone_share(records: Iterable[RecordIn]) -> float:
    """The share of people whose records carry a phone that another person's records carry;
    the person is the ``external_id`` before its dash, as :func:`person_records` makes it."""
    people_by_phone: dict[str, set[str]] = defaultdict(set)
    people = set()
    for record in records:
        person = record.external_id.split("-")[0]
        people.add(person)
        for phone in record.phones:
            people_by_phone[phone].add(person)
    sharing = {
        person for owners in people_by_phone.values() if len(owners) > 1 for person in owners
    }
    return len(sharing) / len(people) if people else 0.0
