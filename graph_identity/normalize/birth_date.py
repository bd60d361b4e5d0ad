"""Dates of birth: many written forms to ISO ``YYYY-MM-DD``, and when two of them agree.

A date of birth never links records; it is evidence that two records are *not* one person.
So a reading must be safe rather than clever: a value that cannot be read unambiguously
within the rules below is refused (an issue on the field), never guessed.

Accepted forms:

- year first, always year-month-day: ``1970-03-01``, ``1970/3/1``, ``1970.03.01``, an ISO
  datetime (``1970-03-01T00:00:00Z``: the date as written, its offset ignored) and the
  8-digit ``19700301`` of FEBRL-style files;
- slashes, ``3/1/1970``: month first by default, day first with ``order=DateOrder.DMY``
  (``GRAPH_IDENTITY_DATE_ORDER``);
- dots and dashes, ``1.3.1970`` and ``01-03-1970``: day first, the European way;
- an English month name: ``1 March 1970``, ``March 1, 1970``, ``01-Mar-1970``.

When the usual reading of a numeric date has a month over 12 and the other reading is
valid (``25/12/1970`` read month first), the other reading is taken. A two-digit year is
the latest year that does not put the date in the future (``10/27/76`` is 1976). Impossible
dates, dates in the future and years before 1900 are refused.

Error reasons never repeat the value: a date of birth is personal data.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from graph_identity.config import DateOrder
from graph_identity.normalize.errors import InvalidValue

EARLIEST_YEAR = 1900

UNREADABLE = "not a recognised date format"
IMPOSSIBLE = "not a real calendar date"
IN_FUTURE = "a date of birth cannot be in the future"
TOO_EARLY = f"a date of birth before {EARLIEST_YEAR} is refused"
EMPTY = "empty"

_LATEST_OFFSET = timedelta(hours=14)
"""The easternmost time zone is UTC+14: a birth there today is already tomorrow in UTC-12."""

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}

_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[t ]\S.*")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[-\s]+([a-z]+)\.?[-\s,]+(\d{2}|\d{4})")
_MONTH_NAME_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def latest_today() -> date:
    """The latest calendar date anywhere on Earth now: no birth date can be after it."""
    return (datetime.now(UTC) + _LATEST_OFFSET).date()


def normalize_birth_date(
    raw: str | date, *, order: DateOrder = DateOrder.MDY, today: date | None = None
) -> str:
    """``raw`` as ISO ``YYYY-MM-DD``, or :class:`InvalidValue` with a reason.

    ``order`` is how slashed dates are read; ``today`` (default :func:`latest_today`) bounds
    the future and resolves two-digit years.
    """
    limit = today if today is not None else latest_today()
    if isinstance(raw, datetime):
        return _checked(raw.date(), limit).isoformat()
    if isinstance(raw, date):
        return _checked(raw, limit).isoformat()
    text = " ".join(raw.split()).lower()
    if not text:
        raise InvalidValue(EMPTY)
    return _checked(_parse(text, order, limit), limit).isoformat()


def _parse(text: str, order: DateOrder, today: date) -> date:
    if match := _YEAR_FIRST.fullmatch(text):
        return _make(int(match[1]), int(match[3]), int(match[4]))
    if _ISO_DATETIME.fullmatch(text):
        try:
            return datetime.fromisoformat(text.upper()).date()
        except ValueError:
            raise InvalidValue(UNREADABLE) from None
    if match := _COMPACT.fullmatch(text):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.fullmatch(text):
        first, second = int(match[1]), int(match[3])
        day_first = match[2] != "/" or order is DateOrder.DMY
        day, month = (first, second) if day_first else (second, first)
        if month > 12 >= day:
            day, month = month, day
        return _with_year(match[4], month, day, today)
    if match := _DAY_MONTH_NAME.fullmatch(text):
        return _with_year(match[3], _month(match[2]), int(match[1]), today)
    if match := _MONTH_NAME_DAY.fullmatch(text):
        return _make(int(match[3]), _month(match[1]), int(match[2]))
    raise InvalidValue(UNREADABLE)


def _month(name: str) -> int:
    number = _MONTHS.get(name)
    if number is None:
        raise InvalidValue(UNREADABLE)
    return number


def _with_year(year_text: str, month: int, day: int, today: date) -> date:
    """A two-digit year is the latest century that keeps the date out of the future."""
    if len(year_text) == 4:
        return _make(int(year_text), month, day)
    short = int(year_text)
    century = today.year - today.year % 100
    recent = _make(century + short, month, day)
    return recent if recent <= today else _make(century - 100 + short, month, day)


def _make(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue(IMPOSSIBLE) from None


def _checked(value: date, today: date) -> date:
    if value.year < EARLIEST_YEAR:
        raise InvalidValue(TOO_EARLY)
    if value > today:
        raise InvalidValue(IN_FUTURE)
    return value


def birth_dates_agree(a: str | None, b: str | None) -> bool:
    """Whether two ISO dates of birth fit one person.

    A missing date agrees with anything (no evidence either way). Equal dates agree, and so
    do dates that differ only by a day/month swap in the same year (``1978-11-12`` and
    ``1978-12-11``): one of them may be a misread of the other, which is no contradiction.
    """
    if a is None or b is None or a == b:
        return True
    year_a, month_a, day_a = a.split("-")
    year_b, month_b, day_b = b.split("-")
    return year_a == year_b and month_a == day_b and day_a == month_b
