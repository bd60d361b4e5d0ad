"""Dates of birth where providers carry them, passed on as written (normalization reads them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graph_identity.adapters import lightspeed_retail, loyalty
from graph_identity.adapters.errors import AdapterError
from graph_identity.adapters.flat import BIRTH_DATE_ALIASES, COLUMNS, flat_row_to_record
from graph_identity.imports.mapping import ColumnMap

Load = Callable[[str], Any]
Rows = Callable[[str], list[dict[str, str]]]


@pytest.mark.parametrize("key", loyalty.BIRTH_DATE_FIELDS)
def test_loyalty_member_birth_date_under_any_name(payload: Load, key: str) -> None:
    member = payload("loyalty/member.json")
    member[key] = "3/1/1970"
    assert loyalty.member_to_record(member).birth_date == "3/1/1970"


def test_loyalty_takes_the_first_filled_birth_date_field(payload: Load) -> None:
    member = payload("loyalty/member.json")
    member.update({"birthday": " ", "birth_date": None, "date_of_birth": "1970-03-01"})
    assert loyalty.member_to_record(member).birth_date == "1970-03-01"


def test_loyalty_without_a_birth_date(csv_rows: Rows) -> None:
    assert loyalty.member_to_record(csv_rows("loyalty/members.csv")[0]).birth_date is None


def test_loyalty_birth_date_as_a_number_is_refused_by_name(payload: Load) -> None:
    member = payload("loyalty/member.json")
    member["birthday"] = 19700301
    with pytest.raises(AdapterError) as err:
        loyalty.member_to_record(member)
    assert err.value.loc == ("birthday",)
    assert "19700301" not in str(err.value)


def test_lightspeed_retail_customer_date_of_birth(payload: Load) -> None:
    customer = payload("lightspeed_retail/customer.json")
    assert lightspeed_retail.customer_to_record(customer).birth_date is None
    customer["data"]["date_of_birth"] = "1984-07-21"
    assert lightspeed_retail.customer_to_record(customer).birth_date == "1984-07-21"


def _flat_row(**values: str) -> dict[str, str]:
    return {"external_id": "C-9", "email": "ana@example.com", **values}


def test_flat_birth_date_column() -> None:
    assert "birth_date" in COLUMNS
    assert flat_row_to_record(_flat_row(birth_date="3/1/1970"), "manual").birth_date == "3/1/1970"
    assert flat_row_to_record(_flat_row(birth_date=""), "manual").birth_date is None


@pytest.mark.parametrize("header", BIRTH_DATE_ALIASES)
def test_flat_birth_date_under_common_headers(header: str) -> None:
    record = flat_row_to_record(_flat_row(**{header: "19700301"}), "manual")
    assert record.birth_date == "19700301"


def test_flat_same_birth_date_under_two_headers_is_one() -> None:
    row = _flat_row(birth_date="1970-03-01", dob=" 1970-03-01 ")
    assert flat_row_to_record(row, "manual").birth_date == "1970-03-01"


def test_flat_two_different_birth_dates_are_refused_without_the_values() -> None:
    with pytest.raises(AdapterError) as err:
        flat_row_to_record(_flat_row(birth_date="1970-03-01", dob="1971-03-01"), "manual")
    assert err.value.loc == ("dob",)
    assert "1970" not in str(err.value) and "1971" not in str(err.value)


def test_flat_misspelt_birth_date_header_is_still_refused() -> None:
    with pytest.raises(AdapterError, match="did you mean birth_date"):
        flat_row_to_record(_flat_row(birth_dat="1970-03-01"), "manual")


def test_febrl_map_reads_the_date_of_birth() -> None:
    mapping = ColumnMap.parse("febrl")
    columns = [
        "rec_id",
        "given_name",
        "surname",
        "street_number",
        "address_1",
        "address_2",
        "suburb",
        "postcode",
        "state",
        "date_of_birth",
        "soc_sec_id",
    ]
    assert mapping.check(columns, COLUMNS) == ["soc_sec_id"]
    row = dict.fromkeys(columns, "")
    row.update({"rec_id": "rec-1-org", "address_1": "stanley street", "date_of_birth": "19151111"})
    record = flat_row_to_record(mapping.apply(row), "manual")
    assert record.birth_date == "19151111"
