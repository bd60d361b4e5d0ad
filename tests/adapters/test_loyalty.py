from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from graph_identity.adapters import loyalty
from graph_identity.adapters.errors import AdapterError

Rows = Callable[[str], list[dict[str, str]]]
Load = Callable[[str], Any]
MEMBERS = "loyalty/members.csv"


def test_member_row(csv_rows: Rows) -> None:
    record = loyalty.member_to_record(csv_rows(MEMBERS)[0])

    assert record.provider == "loyalty"
    assert record.external_id == "LM-100245"
    assert (record.first_name, record.last_name) == ("Ada", "Okonkwo")
    assert record.phones == ["(971) 555-0114"]
    assert record.emails == ["ada.okonkwo@example.com"]
    assert record.created_at == datetime(2023, 11, 2, 17, 15, tzinfo=UTC)
    assert record.addresses == []


def test_member_with_single_name_and_no_email(csv_rows: Rows) -> None:
    record = loyalty.member_to_record(csv_rows(MEMBERS)[1])

    assert (record.first_name, record.last_name) == ("Bartholomew", None)
    assert record.emails == []
    assert record.phones == ["+1 971 555 0165"]


def test_member_without_id_is_keyed_by_phone(csv_rows: Rows) -> None:
    record = loyalty.member_to_record(csv_rows(MEMBERS)[2])

    assert record.external_id is None
    assert record.phones == ["971-555-0198"]
    assert (record.first_name, record.last_name) == ("Felix", "von Hartmann")
    assert record.created_at is None


def test_member_without_phone_is_refused(csv_rows: Rows) -> None:
    with pytest.raises(AdapterError) as err:
        loyalty.member_to_record(csv_rows(MEMBERS)[3])

    assert err.value.loc == ("phone",)
    assert "nophone" not in str(err.value)


def test_member_json(payload: Load) -> None:
    record = loyalty.member_to_record(payload("loyalty/member.json"))

    assert record.external_id == "100249"
    assert record.phones == ["+19715550121"]
    assert record.emails == ["priyanka.iyer@example.com"]


def test_member_phone_as_number_is_refused(payload: Load) -> None:
    """A number loses the leading + or 0 of a phone; it must come as text."""
    data = payload("loyalty/member.json")
    data["phone"] = 19715550121

    with pytest.raises(AdapterError, match="phone: expected text, got number"):
        loyalty.member_to_record(data)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada Okonkwo", ("Ada", "Okonkwo")),
        ("  Ana María  Pérez ", ("Ana", "María  Pérez")),
        ("Cher", ("Cher", None)),
        (None, (None, None)),
    ],
)
def test_split_name(name: str | None, expected: tuple[str | None, str | None]) -> None:
    assert loyalty.split_name(name) == expected
