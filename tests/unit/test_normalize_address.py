"""Address rules: folding, street and unit words, ZIP, country, name and line 2, hash."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from graph_identity.models import PostalAddress
from graph_identity.normalize import InvalidValue, address_hash, canonical_address, mask_address

BASE: dict[str, Any] = {
    "name": "Jane Doe",
    "line1": "123 Main Street",
    "line2": "Apt 4",
    "city": "Boston",
    "region": "MA",
    "postal_code": "02134",
    "country": "US",
}


def canon(**changes: str | None) -> str:
    return canonical_address(PostalAddress(**{**BASE, **changes}))


def test_canonical_string_has_name_street_city_region_postal_country() -> None:
    assert canon() == "jane doe|123 main st apt 4|boston|ma|02134|US"


def test_case_whitespace_and_punctuation_are_folded() -> None:
    assert (
        canon(name="  JANE   DOE ", line1="123, Main  Street.", city="BOSTON", line2="APT. 4")
        == canon()
    )


def test_accents_and_compatibility_forms_are_folded() -> None:
    assert canon(name="Jåné Dōe") == canon()
    assert canon(line1="\uff11\uff12\uff13 Main Street") == canon()


def test_apostrophes_and_hyphens_join() -> None:
    assert canon(name="Jane O'Brien-Doe") == canon(name="jane obriendoe")


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Street", "St"),
        ("St.", "St"),
        ("Str", "St"),
        ("Avenue", "Ave"),
        ("Ave.", "Ave"),
        ("Road", "Rd"),
        ("Drive", "Dr."),
        ("Boulevard", "Blvd"),
        ("Blv.", "Blvd"),
        ("Lane", "Ln"),
        ("Court", "Ct"),
        ("Place", "Pl"),
        ("Highway", "Hwy"),
        ("Parkway", "Pkwy"),
    ],
)
def test_street_type_words_are_unified(variant: str, canonical: str) -> None:
    assert canon(line1=f"123 Main {variant}") == canon(line1=f"123 Main {canonical}")


def test_directions_are_unified() -> None:
    assert canon(line1="123 North Main St") == canon(line1="123 N. Main St")


@pytest.mark.parametrize("line2", ["Apartment 4", "Apt. 4", "#4", "# 4", "Apt #4", "apt 4"])
def test_apartment_words_are_unified(line2: str) -> None:
    assert canon(line2=line2) == canon(line2="Apt 4")


def test_suite_words_are_unified() -> None:
    assert canon(line2="Suite 200") == canon(line2="Ste. 200")


def test_unit_is_not_an_apartment() -> None:
    assert canon(line2="Unit 4") != canon(line2="Apt 4")


def test_line2_may_be_written_in_line1() -> None:
    assert canon(line1="123 Main St, Apt 4", line2=None) == canon()


def test_zip_plus_four_becomes_zip5() -> None:
    assert canon(postal_code="02134-1234") == canon()
    assert canon(postal_code="021341234") == canon()


def test_postal_code_keeps_its_leading_zero() -> None:
    assert canon().split("|")[4] == "02134"


@pytest.mark.parametrize("postal", ["2134", "ABCDE", "02134-12"])
def test_malformed_us_zip_is_reported_on_the_postal_code(postal: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        canon(postal_code=postal)
    assert caught.value.field == "postal_code"
    assert postal not in caught.value.reason


def test_other_postal_codes_only_lose_spaces_and_case() -> None:
    gb = canon(country="United Kingdom", postal_code="SW1A 1AA", region=None)
    assert gb.split("|")[4:] == ["sw1a1aa", "GB"]
    assert canon(country="GB", postal_code="sw1a1aa", region=None) == gb


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("US", "US"),
        ("us", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("Australia", "AU"),
        ("AU", "AU"),
        ("AUS", "AU"),
        ("Canada", "CA"),
        ("GB", "GB"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Deutschland", "DE"),
        ("NZ", "NZ"),
    ],
)
def test_country_becomes_iso_alpha2(raw: str, code: str) -> None:
    addr = PostalAddress(line1="1 High St", country=raw)
    assert canonical_address(addr).rsplit("|", 1)[1] == code


def test_unknown_country_is_kept_folded_and_empty_stays_empty() -> None:
    assert canon(country="Ruritania").rsplit("|", 1)[1] == "ruritania"
    assert canon(country=None, postal_code="02134").rsplit("|", 1)[1] == ""


def test_region_names_become_codes_in_known_countries() -> None:
    assert canon(region="Massachusetts") == canon(region="ma")
    au = {"line1": "1 George St", "postal_code": "2000", "country": "AU"}
    assert canonical_address(PostalAddress(**au, region="New South Wales")) == canonical_address(
        PostalAddress(**au, region="NSW")
    )


def test_name_and_flat_are_part_of_the_identity() -> None:
    assert canon(line2="Apt 5") != canon()
    assert canon(name="John Doe") != canon()


def test_address_without_street_and_postal_code_is_not_usable() -> None:
    with pytest.raises(InvalidValue, match="street line"):
        canon(line1=None, postal_code=None)


def test_postal_code_alone_is_not_usable_but_with_a_name_it_is() -> None:
    with pytest.raises(InvalidValue):
        canon(line1=None, name=None)
    assert canon(line1=None, line2=None) == "jane doe||boston|ma|02134|US"


def test_hash_is_sha256_hex_of_the_canonical_string() -> None:
    canonical = canon()
    digest = address_hash(canonical)
    assert digest == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert len(digest) == 64


def test_canonical_string_is_a_fixed_point() -> None:
    name, street, city, region, postal, country = canon().split("|")
    again = PostalAddress(
        name=name, line1=street, city=city, region=region, postal_code=postal, country=country
    )
    assert canonical_address(again) == canon()


def test_mask_is_prefix_of_hash() -> None:
    assert mask_address("b6cb4483fea778a019c3") == "addr:b6cb4483fe"
