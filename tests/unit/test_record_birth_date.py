"""A record's date of birth: read into ``NormalizedRecord.birth_date``, never an identifier."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from graph_identity.config import DateOrder
from graph_identity.errors import RecordRejected
from graph_identity.identifiers import FieldIssue
from graph_identity.models import RecordIn
from graph_identity.normalize import NormalizationConfig, normalize_record
from graph_identity.resolution.fingerprint import fingerprint

MakeConfig = Callable[..., NormalizationConfig]


def record(**fields: Any) -> RecordIn:
    return RecordIn(**{"provider": "loyalty", "external_id": "m1", **fields})


@pytest.mark.parametrize("raw", ["3/1/1970", "1970-03-01", "19700301", date(1970, 3, 1)])
def test_birth_date_is_normalized_to_iso(config: NormalizationConfig, raw: str | date) -> None:
    normalized = normalize_record(record(birth_date=raw), config)
    assert normalized.birth_date == "1970-03-01"
    assert normalized.issues == ()
    assert normalized.identifiers == ()


def test_the_date_order_setting_reads_slashes_day_first(make_config: MakeConfig) -> None:
    config = make_config(date_order="dmy")
    assert config.date_order is DateOrder.DMY
    assert normalize_record(record(birth_date="3/1/1970"), config).birth_date == "1970-01-03"


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_an_absent_birth_date_is_none_without_issue(
    config: NormalizationConfig, raw: str | None
) -> None:
    normalized = normalize_record(record(birth_date=raw), config)
    assert normalized.birth_date is None
    assert normalized.issues == ()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1970-02-30", "not a real calendar date"),
        ("2999-01-01", "a date of birth cannot be in the future"),
        ("sometime in spring", "not a recognised date format"),
    ],
)
def test_an_unusable_birth_date_is_a_warning_and_the_record_is_kept(
    config: NormalizationConfig, raw: str, reason: str
) -> None:
    normalized = normalize_record(record(birth_date=raw, emails=["ada@example.com"]), config)
    assert normalized.birth_date is None
    assert normalized.issues == (FieldIssue(("birth_date",), reason),)
    assert [i.value for i in normalized.identifiers] == ["ada@example.com"]


def test_a_birth_date_never_makes_a_record_identifiable(config: NormalizationConfig) -> None:
    with pytest.raises(RecordRejected):
        normalize_record(
            RecordIn(provider="loyalty", birth_date="1970-03-01", emails=["info@shop.example"]),
            config,
        )


def test_a_birth_date_does_not_change_a_guest_record_key(config: NormalizationConfig) -> None:
    guest = RecordIn(provider="shopify", emails=["ada@example.com"])
    with_date = guest.model_copy(update={"birth_date": "1970-03-01"})
    assert normalize_record(guest, config).key == normalize_record(with_date, config).key


def test_the_raw_text_is_bounded() -> None:
    with pytest.raises(ValidationError) as err:
        record(birth_date="1" * 41)
    assert [e["loc"] for e in err.value.errors()] == [("birth_date",)]


def test_a_date_object_arrives_as_iso_text() -> None:
    assert record(birth_date=date(1970, 3, 1)).birth_date == "1970-03-01"
    assert record(birth_date=datetime(1970, 3, 1, 23, 59)).birth_date == "1970-03-01"


def test_a_changed_birth_date_changes_the_fingerprint(config: NormalizationConfig) -> None:
    base = normalize_record(record(emails=["ada@example.com"]), config)
    dated = dataclasses.replace(base, birth_date="1970-03-01")
    other = dataclasses.replace(base, birth_date="1970-03-02")
    assert len({fingerprint(base), fingerprint(dated), fingerprint(other)}) == 3
    assert fingerprint(dated) == fingerprint(dataclasses.replace(base, birth_date="1970-03-01"))
