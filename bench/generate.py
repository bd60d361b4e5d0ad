"""Deterministic synthetic customers: several records per person across providers."""

from __future__ import annotations

import random
from collections.abc import Iterator

from graph_identity.models import PostalAddress, RecordIn

PROVIDERS = ("shopify", "qbo", "woocommerce", "lightspeed_retail", "amazon", "loyalty")
STREETS = ("Main St", "Oak Avenue", "Pine Road", "Maple Drive", "Cedar Lane", "Elm Street")


def person_records(count: int, seed: int = 20261124) -> Iterator[RecordIn]:
    """About 2.5 records per person; 2% of people share a household phone with another."""
    rng = random.Random(seed)
    person = 0
    produced = 0
    while produced < count:
        person += 1
        email = f"person{person}@example.com"
        phone = f"+1{rng.choice(['512', '737', '214', '469'])}{rng.randint(2000000, 9999999)}"
        if rng.random() < 0.02 and person > 1:
            phone = f"+1512{2000000 + person - 1:07d}"
        elif rng.random() < 0.05:
            phone = f"+1512{2000000 + person:07d}"
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
