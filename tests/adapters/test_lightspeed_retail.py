from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from graph_identity.adapters import lightspeed_retail
from graph_identity.adapters.errors import AdapterError
from graph_identity.models import PostalAddress

Load = Callable[[str], Any]

JOHANNA = "0adfd74a-1553-11ef-f2d4-8b2a9c61e3f0"
WALTER = "0adfd74a-1553-11ef-f2d4-9c40f1e2d7a5"
ONLINE_REGISTER = "0adfd74a-1553-11ef-f2d4-8b29e0f5c912"


def test_customer(payload: Load) -> None:
    record = lightspeed_retail.customer_to_record(payload("lightspeed_retail/customer.json"))

    assert record.provider == "lightspeed_retail"
    assert record.external_id == JOHANNA
    assert record.customer_code == "JOHA-4821"
    assert (record.first_name, record.last_name) == ("Johanna", "Petrov")
    assert record.emails == ["johanna.petrov@example.com"]
    assert record.phones == ["(303) 555-0157", "303.555.0193"]
    assert record.addresses == [
        PostalAddress(
            name="Johanna Petrov",
            line1="3215 Tejon Street",
            line2="Unit 7",
            city="Denver",
            region="CO",
            postal_code="80211",
            country="US",
        )
    ]
    assert record.marketing_consent is None
    assert record.created_at == datetime(2024, 3, 9, 18, 21, 44, tzinfo=UTC)
    assert record.updated_at == datetime(2024, 5, 30, 20, 2, 17, tzinfo=UTC)


def test_customer_with_only_a_mobile(payload: Load) -> None:
    record = lightspeed_retail.customer_to_record(
        payload("lightspeed_retail/customer_phone_only.json")
    )

    assert record.external_id == WALTER
    assert record.emails == []
    assert record.phones == ["720-555-0138"]
    assert record.addresses == []
    assert record.marketing_consent is False


def test_customer_missing_id(payload: Load) -> None:
    data = payload("lightspeed_retail/customer.json")
    del data["data"]["id"]

    with pytest.raises(AdapterError) as err:
        lightspeed_retail.customer_to_record(data)

    assert err.value.loc == ("data", "id")


def test_customer_numeric_id_is_refused(payload: Load) -> None:
    data = payload("lightspeed_retail/customer_phone_only.json")
    data["id"] = 93

    with pytest.raises(AdapterError, match="id: expected text, got number"):
        lightspeed_retail.customer_to_record(data)


def test_customer_do_not_email_of_wrong_type(payload: Load) -> None:
    data = payload("lightspeed_retail/customer_phone_only.json")
    data["do_not_email"] = "sometimes"

    with pytest.raises(AdapterError) as err:
        lightspeed_retail.customer_to_record(data)

    assert err.value.loc == ("do_not_email",)


def test_retail_sale(payload: Load) -> None:
    record = lightspeed_retail.sale_to_record(payload("lightspeed_retail/sale_retail.json"))

    assert record.external_id == JOHANNA
    assert (record.emails, record.phones, record.addresses) == ([], [], [])
    [order] = record.orders
    assert order.id == "b7e3f1a2-1d5c-41e9-9f3a-7c1f2b8e4d61"
    assert order.number == "DEN-1188"
    assert order.total == Decimal("60.48")
    assert order.currency is None
    assert order.created_at == datetime(2024, 5, 30, 19, 57, 40, tzinfo=UTC)
    assert order.channel == "retail"


def test_sale_and_customer_share_the_record_key(payload: Load) -> None:
    sale = lightspeed_retail.sale_to_record(payload("lightspeed_retail/sale_retail.json"))
    customer = lightspeed_retail.customer_to_record(payload("lightspeed_retail/customer.json"))

    assert sale.external_id == customer.external_id


def test_ecom_sale_by_source(payload: Load) -> None:
    record = lightspeed_retail.sale_to_record(payload("lightspeed_retail/sale_ecom_source.json"))

    assert record.external_id == WALTER
    assert record.orders[0].channel == "ecom"
    assert record.orders[0].total == Decimal("129.6")


def test_ecom_sale_by_register_name(payload: Load) -> None:
    record = lightspeed_retail.sale_to_record(
        payload("lightspeed_retail/sale_online_register.json")
    )

    assert record.orders[0].channel == "ecom"
    assert record.orders[0].total == Decimal("32.4")


def test_ecom_sale_by_register_id_passed_in(payload: Load) -> None:
    data = payload("lightspeed_retail/sale_online_register.json")
    del data["register_name"]

    assert lightspeed_retail.sale_to_record(data).orders[0].channel == "retail"
    online = lightspeed_retail.sale_to_record(
        data, online_register_ids=frozenset({ONLINE_REGISTER})
    )
    assert online.orders[0].channel == "ecom"


def test_ecom_sale_by_note(payload: Load) -> None:
    record = lightspeed_retail.sale_to_record(payload("lightspeed_retail/sale_note.json"))

    assert record.orders[0].channel == "ecom"


def test_other_register_ids_do_not_make_a_sale_ecom(payload: Load) -> None:
    record = lightspeed_retail.sale_to_record(
        payload("lightspeed_retail/sale_retail.json"),
        online_register_ids=frozenset({ONLINE_REGISTER}),
    )

    assert record.orders[0].channel == "retail"


def test_sale_total_without_tax_field(payload: Load) -> None:
    data = payload("lightspeed_retail/sale_ecom_source.json")
    del data["total_tax"]

    assert lightspeed_retail.sale_to_record(data).orders[0].total == Decimal("120.0")


def test_sale_date_falls_back_to_created_at(payload: Load) -> None:
    data = payload("lightspeed_retail/sale_note.json")
    del data["sale_date"]

    created = lightspeed_retail.sale_to_record(data).orders[0].created_at
    assert created == datetime(2024, 6, 3, 9, 1, tzinfo=UTC)


def test_walk_in_sale_without_customer_is_refused(payload: Load) -> None:
    data = payload("lightspeed_retail/sale_retail.json")
    data["data"]["customer_id"] = None

    with pytest.raises(AdapterError) as err:
        lightspeed_retail.sale_to_record(data)

    assert err.value.loc == ("data", "customer_id")


def test_sale_missing_id(payload: Load) -> None:
    data = payload("lightspeed_retail/sale_note.json")
    del data["id"]

    with pytest.raises(AdapterError) as err:
        lightspeed_retail.sale_to_record(data)

    assert err.value.loc == ("id",)


def test_sale_note_of_wrong_type(payload: Load) -> None:
    data = payload("lightspeed_retail/sale_note.json")
    data["note"] = {"text": "Order ID: 90433"}

    with pytest.raises(AdapterError, match="note: expected text, got object"):
        lightspeed_retail.sale_to_record(data)


def test_return_sale_with_negative_total_is_refused_by_the_model(payload: Load) -> None:
    """Returns carry negative totals, which ``OrderIn.total`` (>= 0) cannot hold."""
    data = payload("lightspeed_retail/sale_retail.json")
    data["data"].update(total_price_incl=-60.48, return_for="b8ca3a65-0183-11e4-fbb5-39f7fce5e39b")

    with pytest.raises(AdapterError) as err:
        lightspeed_retail.sale_to_record(data)

    assert err.value.loc == ("orders", 0, "total")
