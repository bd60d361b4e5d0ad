"""Dates of birth: the written forms read, the refusals, and when two dates agree."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from graph_identity.config import DateOrder
from graph_identity.normalize.birth_date import (
    IMPOSSIBLE,
    IN_FUTURE,
    TOO_EARLY,
    UNREADABLE,
    birth_dates_agree,
    latest_today,
    normalize_birth_date,
)
from graph_identity.normalize.errors import InvalidValue

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1970-03-01", "1970-03-01"),
        ("1970/03/01", "1970-03-01"),
        ("1970.3.1", "1970-03-01"),
        ("19700301", "1970-03-01"),
        ("  1970-03-01 ", "1970-03-01"),
        ("3/1/1970", "1970-03-01"),
        ("03/01/1970", "1970-03-01"),
        ("11/12/1978", "1978-11-12"),
        ("10/27/76", "1976-10-27"),
        ("25/12/1970", "1970-12-25"),
        ("1.3.1970", "1970-03-01"),
        ("01-03-1970", "1970-03-01"),
        ("12-25-1970", "1970-12-25"),
        ("1970-03-01T00:00:00Z", "1970-03-01"),
        ("1970-03-01T23:30:00-08:00", "1970-03-01"),
        ("1970-03-01 08:15:00", "1970-03-01"),
        ("1 March 1970", "1970-03-01"),
        ("01-Mar-1970", "1970-03-01"),
        ("1st mar. 1970", "1970-03-01"),
        ("March 1, 1970", "1970-03-01"),
        ("Sept 9 1999", "1999-09-09"),
        ("29/2/2000", "2000-02-29"),
    ],
)
def test_written_forms(raw: str, expected: str) -> None:
    assert normalize_birth_date(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3/1/1970", "1970-01-03"),
        ("11/12/1978", "1978-12-11"),
        ("12/25/1970", "1970-12-25"),
        ("1970-03-01", "1970-03-01"),
        ("1.3.1970", "1970-03-01"),
    ],
)
def test_day_first_setting_reads_slashes_day_first(raw: str, expected: str) -> None:
    assert normalize_birth_date(raw, order=DateOrder.DMY, today=TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12/25/26", "1926-12-25"),
        ("12/2/26", "2026-12-02"),
        ("1/1/00", "2000-01-01"),
        ("10/27/76", "1976-10-27"),
        ("01-Mar-05", "2005-03-01"),
    ],
)
def test_two_digit_years_are_the_latest_not_in_the_future(raw: str, expected: str) -> None:
    assert normalize_birth_date(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1970-02-30", IMPOSSIBLE),
        ("13/13/1970", IMPOSSIBLE),
        ("2/29/1999", IMPOSSIBLE),
        ("19701301", IMPOSSIBLE),
        ("12/4/2026", IN_FUTURE),
        ("2031-01-01", IN_FUTURE),
        ("1899-12-31", TOO_EARLY),
        ("0001-01-01", TOO_EARLY),
        ("", "empty"),
        ("   ", "empty"),
        ("yesterday", UNREADABLE),
        ("1970", UNREADABLE),
        ("1970-03", UNREADABLE),
        ("3/1", UNREADABLE),
        ("1970-03-01Tnonsense", UNREADABLE),
        ("1 Marchember 1970", UNREADABLE),
        ("3/1-1970", UNREADABLE),
        ("123/1/1970", UNREADABLE),
    ],
)
def test_refusals_give_a_reason_without_the_value(raw: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as err:
        normalize_birth_date(raw, today=TODAY)
    assert err.value.reason == reason
    if raw.strip():
        assert raw.strip() not in str(err.value)


def test_date_objects_are_checked_too() -> None:
    assert normalize_birth_date(date(1970, 3, 1), today=TODAY) == "1970-03-01"
    assert normalize_birth_date(datetime(1970, 3, 1, 23, 59), today=TODAY) == "1970-03-01"
    with pytest.raises(InvalidValue, match="future"):
        normalize_birth_date(TODAY + timedelta(days=1), today=TODAY)
    with pytest.raises(InvalidValue, match="before 1900"):
        normalize_birth_date(date(1850, 1, 1), today=TODAY)


def test_today_is_accepted_and_the_default_bound_is_now() -> None:
    assert normalize_birth_date(TODAY, today=TODAY) == "2026-12-03"
    assert normalize_birth_date(date.today()) == date.today().isoformat()
    with pytest.raises(InvalidValue, match="future"):
        normalize_birth_date(latest_today() + timedelta(days=1))


DATES = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
ISO = DATES.map(date.isoformat)
MAYBE_ISO = st.none() | ISO


@given(DATES)
def test_every_written_form_of_one_date_reads_the_same(day: date) -> None:
    forms = [
        day.isoformat(),
        day.strftime("%Y%m%d"),
        day.strftime("%Y/%m/%d"),
        f"{day.day}.{day.month}.{day.year}",
        day.strftime("%d-%m-%Y"),
        day.strftime("%d %B %Y"),
        day.strftime("%b %d, %Y"),
        f"{day.isoformat()}T12:00:00+02:00",
    ]
    assert {normalize_birth_date(form, today=TODAY) for form in forms} == {day.isoformat()}
    mdy = f"{day.month}/{day.day}/{day.year}"
    dmy = f"{day.day}/{day.month}/{day.year}"
    assert normalize_birth_date(mdy, today=TODAY) == day.isoformat()
    assert normalize_birth_date(dmy, order=DateOrder.DMY, today=TODAY) == day.isoformat()


@given(DATES)
def test_a_first_number_over_twelve_forces_day_first(day: date) -> None:
    assume(day.day > 12)
    assert normalize_birth_date(day.strftime("%d/%m/%Y"), today=TODAY) == day.isoformat()


@given(ISO)
def test_normalizing_is_idempotent(value: str) -> None:
    assert normalize_birth_date(value, today=TODAY) == value


@given(MAYBE_ISO, MAYBE_ISO)
def test_agreement_is_symmetric(a: str | None, b: str | None) -> None:
    assert birth_dates_agree(a, b) == birth_dates_agree(b, a)


@given(MAYBE_ISO)
def test_agreement_is_reflexive_and_none_agrees_with_all(a: str | None) -> None:
    assert birth_dates_agree(a, a)
    assert birth_dates_agree(a, None)
    assert birth_dates_agree(None, a)


@given(DATES)
def test_a_day_month_swap_agrees(day: date) -> None:
    assume(day.day <= 12)
    swapped = date(day.year, day.day, day.month).isoformat()
    assert birth_dates_agree(day.isoformat(), swapped)


@given(DATES, DATES)
def test_other_dates_disagree(a: date, b: date) -> None:
    swap = a.year == b.year and (a.month, a.day) == (b.day, b.month)
    assert birth_dates_agree(a.isoformat(), b.isoformat()) == (a == b or swap)


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("1978-11-12", "1978-12-11", True),
        ("1978-11-12", "1979-12-11", False),
        ("1978-11-12", "1978-11-13", False),
        ("1950-06-01", "1982-06-01", False),
        ("1978-11-12", None, True),
    ],
)
def test_agreement_table(a: str | None, b: str | None, agree: bool) -> None:
    assert birth_dates_agree(a, b) is agree
