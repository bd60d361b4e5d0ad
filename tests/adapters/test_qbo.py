from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from graph_identity.adapters import qbo
from graph_identity.adapters.errors import AdapterError
from graph_identity.models import PostalAddress

Load = Callable[[str], Any]


def test_customer(payload: Load) -> None:
    record = qbo.customer_to_record(payload("qbo/customer.json"))

    assert record.provider == "qbo"
    assert record.external_id == "58"
    assert (record.first_name, record.last_name) == ("Harriet", "Osei")
    assert record.phones == ["(512) 555-0119", "512-555-0172"]
    assert record.created_at == datetime(2023, 9, 18, 17, 22, 41, tzinfo=UTC)
    assert record.updated_at == datetime(2024, 4, 2, 22, 7, 19, tzinfo=UTC)
    assert record.orders == []


def test_comma_separated_emails_become_several(payload: Load) -> None:
    record = qbo.customer_to_record(payload("qbo/customer.json"))

    assert record.emails == [
        "harriet@osei-landscaping.example.com",
        "accounts@osei-landscaping.example.com",
    ]


def test_address_lines_and_name(payload: Load) -> None:
    """Line2..Line5 are kept together; identical bill and ship addresses count once."""
    record = qbo.customer_to_record(payload("qbo/customer.json"))

    assert record.addresses == [
        PostalAddress(
            name="Harriet Osei",
            line1="4100 Guadalupe Street",
            line2="Building B, Suite 12",
            city="Austin",
            region="TX",
            postal_code="78751",
            country="USA",
        )
    ]


def test_distinct_ship_address_is_kept(payload: Load) -> None:
    data = payload("qbo/customer.json")
    data["ShipAddr"] = {"Line1": "9 Cypress Bend", "City": "Austin", "PostalCode": "78745"}

    record = qbo.customer_to_record(data)

    assert [a.line1 for a in record.addresses] == ["4100 Guadalupe Street", "9 Cypress Bend"]


def test_read_response_envelope(payload: Load) -> None:
    record = qbo.customer_to_record(payload("qbo/customer_read_response.json"))

    assert record.external_id == "61"
    assert record.emails == []
    assert record.phones == ["(512) 555-0184"]
    assert record.addresses == []


def test_missing_id(payload: Load) -> None:
    data = payload("qbo/customer.json")
    del data["Id"]

    with pytest.raises(AdapterError) as err:
        qbo.customer_to_record(data)

    assert err.value.loc == ("Id",)


def test_missing_id_inside_envelope(payload: Load) -> None:
    data = payload("qbo/customer_read_response.json")
    del data["Customer"]["Id"]

    with pytest.raises(AdapterError) as err:
        qbo.customer_to_record(data)

    assert err.value.loc == ("Customer", "Id")


def test_email_object_given_as_text(payload: Load) -> None:
    data = payload("qbo/customer.json")
    data["PrimaryEmailAddr"] = "harriet@osei-landscaping.example.com"

    with pytest.raises(AdapterError) as err:
        qbo.customer_to_record(data)

    assert err.value.loc == ("PrimaryEmailAddr",)
    assert "harriet" not in str(err.value)


def test_phone_number_of_wrong_type(payload: Load) -> None:
    data = payload("qbo/customer.json")
    data["Mobile"] = {"FreeFormNumber": 5125550172}

    with pytest.raises(AdapterError) as err:
        qbo.customer_to_record(data)

    assert err.value.loc == ("Mobile", "FreeFormNumber")


def test_bad_metadata_timestamp(payload: Load) -> None:
    data = payload("qbo/customer.json")
    data["MetaData"]["CreateTime"] = "18/09/2023"

    with pytest.raises(AdapterError, match=r"MetaData\.CreateTime: not an ISO 8601 timestamp"):
        qbo.customer_to_record(data)
