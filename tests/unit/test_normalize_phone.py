"""Phone rules: E.164 with a default region, invalid numbers reported, extensions dropped."""

from __future__ import annotations

import pytest

from graph_identity.normalize import (
    InvalidValue,
    mask_phone,
    normalize_phone,
    parse_phone,
    phone_rule,
    validate_region,
)


@pytest.mark.parametrize(
    "raw",
    [
        "310/246-1501",
        "(310) 246-1501",
        "+1 310 246 1501",
        "310-246-1501",
        "1-310-246-1501",
        "310.246.1501",
        "310/ 246-1501",
        "+13102461501",
    ],
)
def test_formats_of_one_number_give_one_e164(raw: str) -> None:
    assert normalize_phone(raw, "US") == "+13102461501"


def test_extension_is_dropped() -> None:
    assert normalize_phone("+1 310 246 1501 ext. 12", "US") == "+13102461501"
    assert normalize_phone("310-246-1501 x7", "US") == "+13102461501"


def test_default_region_reads_national_numbers() -> None:
    assert normalize_phone("020 7946 0958", "GB") == "+442079460958"
    assert normalize_phone("+44 20 7946 0958", "US") == "+442079460958"


def test_number_of_another_region_is_invalid_in_the_default_region() -> None:
    with pytest.raises(InvalidValue):
        normalize_phone("020 7946 0958", "US")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("246-15", "too short"),
        ("555-555-5555", "not a valid phone number"),
        ("call me", "not a phone number"),
        ("3102461501310246150131024615013", "too long"),
        ("", "empty"),
    ],
)
def test_impossible_and_invalid_numbers_are_reported(raw: str, reason: str) -> None:
    with pytest.raises(InvalidValue, match=reason) as caught:
        normalize_phone(raw, "US")
    if raw:
        assert raw not in str(caught.value)


def test_parse_reports_the_problem_instead_of_raising() -> None:
    parsed = parse_phone("(555) 555-5555", "US")
    assert parsed.e164 == "+15555555555"
    assert parsed.national_number == "5555555555"
    assert parsed.problem == "not a valid phone number"


def test_national_number_keeps_leading_zeros() -> None:
    assert parse_phone("000-000-0000", "US").national_number == "0000000000"


def test_region_is_checked_and_upper_cased() -> None:
    assert validate_region(" gb ") == "GB"
    with pytest.raises(ValueError, match="unknown phone region"):
        validate_region("XX")


def test_rule_names_the_region() -> None:
    assert phone_rule("US") == "phone.e164:US"


def test_mask_shows_country_code_first_three_and_last_two_digits() -> None:
    assert mask_phone("+15125550142") == "+1 512 *** **42"
    assert mask_phone("+442079460958") == "+44 207 *** **58"
