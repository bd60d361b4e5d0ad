from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

import pytest

from graph_identity.adapters import lightspeed_ecom
from graph_identity.adapters.errors import AdapterError
from graph_identity.models import PostalAddress

Rows = Callable[[str], list[dict[str, str]]]
EXPORT = "lightspeed_ecom/orders_export.csv"


def test_order_row(csv_rows: Rows) -> None:
    record = lightspeed_ecom.csv_row_to_record(csv_rows(EXPORT)[0])

    assert record.provider == "lightspeed_ecom"
    assert record.external_id is None
    assert (record.first_name, record.last_name) == ("Sofie", "Janssen")
    assert record.emails == ["sofie.janssen@example.com"]
    assert record.phones == ["+31 20 555 0143"]
    assert record.addresses == [
        PostalAddress(
            name="Sofie Janssen",
            line1="Prinsengracht 263",
            line2="2 hoog",
            city="Amsterdam",
            region="Noord-Holland",
            postal_code="1016 GV",
            country="NL",
        )
    ]
    assert record.created_at == datetime(2024, 4, 12, 15, 20, 7)
    [order] = record.orders
    assert (order.id, order.number) == ("ORD00231", "ORD00231")
    assert order.total == Decimal("64.90")
    assert order.currency == "EUR"
    assert order.channel == "ecom"
    assert order.email == "sofie.janssen@example.com"


def test_mobile_only_row(csv_rows: Rows) -> None:
    record = lightspeed_ecom.csv_row_to_record(csv_rows(EXPORT)[1])

    assert record.phones == ["06 5555 0172"]
    assert record.addresses[0].line1 == "Oudegracht 112"
    assert record.addresses[0].line2 is None


def test_row_without_street_has_no_address(csv_rows: Rows) -> None:
    record = lightspeed_ecom.csv_row_to_record(csv_rows(EXPORT)[2])

    assert record.addresses == []
    assert record.emails == ["lotte.bakker@example.com"]


def test_header_spellings_and_case() -> None:
    row = {
        "ORDER NUMBER": "ORD00300",
        "E-Mail": "jan.smit@example.com",
        "Total": "10.00",
        "Firstname": "Jan",
    }

    record = lightspeed_ecom.csv_row_to_record(row)

    assert record.emails == ["jan.smit@example.com"]
    assert record.orders[0].id == "ORD00300"
    assert record.orders[0].total == Decimal("10.00")


def test_missing_order_number(csv_rows: Rows) -> None:
    row = csv_rows(EXPORT)[0]
    row["Order number"] = ""

    with pytest.raises(AdapterError) as err:
        lightspeed_ecom.csv_row_to_record(row)

    assert err.value.loc == ("Order number",)


def test_decimal_comma_total_is_refused(csv_rows: Rows) -> None:
    row = csv_rows(EXPORT)[0]
    row["Grand total"] = "64,90"

    with pytest.raises(AdapterError, match="Grand total: not a decimal amount"):
        lightspeed_ecom.csv_row_to_record(row)


def test_bad_date(csv_rows: Rows) -> None:
    row = csv_rows(EXPORT)[0]
    row["Date"] = "12/04/2024 3:20 PM"

    with pytest.raises(AdapterError, match="Date: not an ISO 8601 timestamp"):
        lightspeed_ecom.csv_row_to_record(row)


def test_surplus_values_of_a_csv_row_are_ignored(csv_rows: Rows) -> None:
    row: dict[str | None, object] = dict(csv_rows(EXPORT)[0])
    row[None] = ["stray", "values"]

    assert lightspeed_ecom.csv_row_to_record(row).orders[0].id == "ORD00231"  # type: ignore[arg-type]
