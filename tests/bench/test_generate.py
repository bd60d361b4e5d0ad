"""bench/generate.py makes the household phones its docstring promises."""

from __future__ import annotations

from bench.generate import HOUSEHOLD_SHARE, person_records, shared_phone_share
from graph_identity.models import PostalAddress, RecordIn


def test_shared_phone_share_counts_people_not_records() -> None:
    records = [
        RecordIn(provider="shopify", external_id="1-0", phones=["+15125550100"]),
        RecordIn(provider="qbo", external_id="1-1", phones=["+15125550100"]),
        RecordIn(provider="shopify", external_id="2-0", phones=["+15125550100"]),
        RecordIn(provider="shopify", external_id="3-0", phones=["+15125550199"]),
        RecordIn(
            provider="shopify",
            external_id="4-0",
            addresses=[PostalAddress(line1="1 Main St", city="Austin", country="US")],
        ),
    ]
    # Persons 1 and 2 share a phone; person 1's two records count once; 3 and 4 do not.
    assert shared_phone_share(records) == 2 / 4


def test_household_phones_on_records_match_the_docstring() -> None:
    share = shared_phone_share(person_records(100_000))
    # The docstring states 1.5% on 100,000 records; about twice HOUSEHOLD_SHARE are given one.
    assert round(share, 3) == 0.015
    assert share < 2 * HOUSEHOLD_SHARE
