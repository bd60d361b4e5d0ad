from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from graph_identity.adapters import amazon
from graph_identity.adapters.errors import AdapterError
from graph_identity.models import PostalAddress

Load = Callable[[str], Any]


def test_order(payload: Load) -> None:
    record = amazon.order_to_record(payload("amazon/order.json"))

    assert record.provider == "amazon"
    assert record.external_id == "113-4829175-3305822"
    assert record.emails == ["8zq3m4kx2vbn7tp@marketplace.amazon.com"]
    assert record.phones == ["+1 608-555-0126 ext. 48213"]
    assert record.addresses == [
        PostalAddress(
            name="Olivia Brandt",
            line1="615 Maple Grove Lane",
            line2="Apt 2B",
            city="Madison",
            region="WI",
            postal_code="53711-2204",
            country="US",
        )
    ]
    assert record.created_at == datetime(2024, 5, 21, 16, 44, 3, tzinfo=UTC)
    assert record.updated_at == datetime(2024, 5, 22, 2, 10, 47, tzinfo=UTC)
    [order] = record.orders
    assert order.id == "113-4829175-3305822"
    assert order.total == Decimal("36.98")
    assert order.currency == "USD"
    assert order.channel == "ecom"
    assert order.email == "8zq3m4kx2vbn7tp@marketplace.amazon.com"


def test_order_without_email_is_identified_by_address(payload: Load) -> None:
    record = amazon.order_to_record(payload("amazon/order_no_email.json"))

    assert record.external_id == "114-7730158-9021467"
    assert record.emails == []
    assert record.phones == []
    assert record.addresses == [
        PostalAddress(
            name="Theo Lindqvist",
            line1="88 Harbor View Drive",
            city="Portland",
            region="ME",
            postal_code="04101",
            country="US",
        )
    ]
    assert record.orders[0].email is None


def test_address_line3_joins_line2(payload: Load) -> None:
    data = payload("amazon/order.json")
    data["ShippingAddress"]["AddressLine3"] = "c/o Front Desk"

    assert amazon.order_to_record(data).addresses[0].line2 == "Apt 2B, c/o Front Desk"


def test_pending_order_without_street_has_no_address_and_no_total(payload: Load) -> None:
    record = amazon.order_to_record(payload("amazon/order_pending.json"))

    assert record.addresses == []
    assert record.orders[0].total is None
    assert record.orders[0].currency is None


def test_missing_order_id(payload: Load) -> None:
    data = payload("amazon/order.json")
    del data["AmazonOrderId"]

    with pytest.raises(AdapterError) as err:
        amazon.order_to_record(data)

    assert err.value.loc == ("AmazonOrderId",)


def test_shipping_address_given_as_text(payload: Load) -> None:
    data = payload("amazon/order.json")
    data["ShippingAddress"] = "615 Maple Grove Lane, Madison WI"

    with pytest.raises(AdapterError) as err:
        amazon.order_to_record(data)

    assert err.value.loc == ("ShippingAddress",)
    assert "Maple" not in str(err.value)


def test_order_total_amount_malformed(payload: Load) -> None:
    data = payload("amazon/order.json")
    data["OrderTotal"]["Amount"] = "thirty-six"

    with pytest.raises(AdapterError, match=r"OrderTotal\.Amount: not a decimal amount"):
        amazon.order_to_record(data)


def test_buyer_info_of_wrong_type(payload: Load) -> None:
    data = payload("amazon/order.json")
    data["BuyerInfo"] = ["8zq3m4kx2vbn7tp@marketplace.amazon.com"]

    with pytest.raises(AdapterError) as err:
        amazon.order_to_record(data)

    assert err.value.loc == ("BuyerInfo",)
    assert "marketplace" not in str(err.value)
