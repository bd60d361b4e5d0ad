from __future__ import annotations

from collections.abc import Callable

import pytest

from graph_identity.adapters.errors import AdapterError
from graph_identity.adapters.flat import COLUMNS, flat_row_to_record
from graph_identity.models import PostalAddress

Rows = Callable[[str], list[dict[str, str]]]
RECORDS = "flat/records.csv"


def test_full_row(csv_rows: Rows) -> None:
    record = flat_row_to_record(csv_rows(RECORDS)[0], "manual")

    assert record.provider == "manual"
    assert record.external_id == "C-0001"
    assert (record.first_name, record.last_name, record.customer_code) == ("Yusuf", "Karim", "YK01")
    assert record.emails == ["yusuf.karim@example.com", "y.karim@example.com"]
    assert record.phones == ["(404) 555-0128", "+1 404 555 0190"]
    assert record.addresses == [
        PostalAddress(
            name="Yusuf Karim",
            line1="250 Peachtree Street NE",
            line2="Apt 1204",
            city="Atlanta",
            region="GA",
            postal_code="30303",
            country="US",
        )
    ]
    assert record.marketing_consent is True
    assert record.birth_date == "3/1/1970"


def test_sparse_row_without_external_id(csv_rows: Rows) -> None:
    record = flat_row_to_record(csv_rows(RECORDS)[1], "shopify")

    assert record.provider == "shopify"
    assert record.external_id is None
    assert record.emails == ["mina.park@example.com"]
    assert (record.phones, record.addresses, record.marketing_consent) == ([], [], None)


def test_address_without_street_line_is_not_kept(csv_rows: Rows) -> None:
    record = flat_row_to_record(csv_rows(RECORDS)[2], "qbo")

    assert record.addresses == []
    assert record.marketing_consent is False


def test_fixture_header_is_exactly_the_documented_columns(csv_rows: Rows) -> None:
    assert tuple(csv_rows(RECORDS)[0]) == COLUMNS


def test_empty_separator_parts_are_dropped() -> None:
    record = flat_row_to_record({"email": "a@example.com;; ;b@example.com;"}, "manual")

    assert record.emails == ["a@example.com", "b@example.com"]


def test_misspelt_column_is_refused_with_a_hint() -> None:
    with pytest.raises(AdapterError) as err:
        flat_row_to_record({"external_id": "1", "emial": "typo@example.com"}, "manual")

    assert err.value.loc == ("columns", 1)
    assert str(err.value) == "columns.1: not a record column; did you mean email?"


def test_data_row_read_as_header_is_not_echoed() -> None:
    """Without a header row, the first data row becomes the header: personal data."""
    with pytest.raises(AdapterError) as err:
        flat_row_to_record({"C-0009": "C-0010", "pat.lee@example.com": "x@example.com"}, "qbo")

    assert err.value.loc == ("columns", 0)
    assert "C-0009" not in str(err.value)
    assert "pat.lee" not in str(err.value)


def test_surplus_values_are_refused() -> None:
    row: dict[str | None, object] = {"external_id": "1", None: ["x"]}

    with pytest.raises(AdapterError, match="row: more values than header columns"):
        flat_row_to_record(row, "manual")  # type: ignore[arg-type]


def test_bad_marketing_consent() -> None:
    with pytest.raises(AdapterError, match="marketing_consent: expected true/false"):
        flat_row_to_record({"external_id": "1", "marketing_consent": "maybe"}, "manual")


def test_bad_provider_slug_is_a_model_error() -> None:
    with pytest.raises(AdapterError) as err:
        flat_row_to_record({"external_id": "1"}, "Not A Slug")

    assert err.value.loc == ("provider",)


def test_too_long_name_is_a_model_error_without_the_value() -> None:
    with pytest.raises(AdapterError) as err:
        flat_row_to_record({"first_name": "Zed" * 200}, "manual")

    assert err.value.loc == ("first_name",)
    assert "ZedZed" not in str(err.value)
