from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from graph_identity.adapters import woocommerce
from graph_identity.adapters.errors import AdapterError
from graph_identity.models import PostalAddress

Load = Callable[[str], Any]

WEBB_BILLING = PostalAddress(
    name="Marcus Webb",
    line1="1520 Chestnut Street",
    line2="Suite 200",
    city="Philadelphia",
    region="PA",
    postal_code="19102",
    country="US",
)


def test_customer(payload: Load) -> None:
    record = woocommerce.customer_to_record(payload("woocommerce/customer.json"))

    assert record.provider == "woocommerce"
    assert record.external_id == "418"
    assert (record.first_name, record.last_name) == ("Marcus", "Webb")
    assert record.emails == ["marcus.webb@example.com", "billing.webb@example.com"]
    assert record.phones == ["215-555-0133"]
    assert record.addresses == [WEBB_BILLING]
    assert record.marketing_consent is None


def test_customer_timestamps_prefer_gmt(payload: Load) -> None:
    record = woocommerce.customer_to_record(payload("woocommerce/customer.json"))

    assert record.created_at == datetime(2024, 1, 20, 16, 5, 43, tzinfo=UTC)
    assert record.updated_at == datetime(2024, 5, 14, 13, 30, 12, tzinfo=UTC)


def test_customer_site_local_timestamp_stays_naive(payload: Load) -> None:
    data = payload("woocommerce/customer.json")
    del data["date_created_gmt"]

    assert woocommerce.customer_to_record(data).created_at == datetime(2024, 1, 20, 11, 5, 43)


def test_customer_with_empty_billing_falls_back_to_shipping(payload: Load) -> None:
    data = payload("woocommerce/customer.json")
    data["billing"] = {key: "" for key in data["billing"]}

    record = woocommerce.customer_to_record(data)

    assert record.emails == ["marcus.webb@example.com"]
    assert record.phones == []
    assert [a.line1 for a in record.addresses] == ["77 Pine Road"]


def test_customer_guest_id_is_refused(payload: Load) -> None:
    data = payload("woocommerce/customer.json")
    data["id"] = 0

    with pytest.raises(AdapterError, match="id: 0 is the guest id"):
        woocommerce.customer_to_record(data)


def test_customer_without_id(payload: Load) -> None:
    data = payload("woocommerce/customer.json")
    del data["id"]

    with pytest.raises(AdapterError) as err:
        woocommerce.customer_to_record(data)

    assert err.value.loc == ("id",)


def test_customer_billing_as_text(payload: Load) -> None:
    data = payload("woocommerce/customer.json")
    data["billing"] = "1520 Chestnut Street, Philadelphia"

    with pytest.raises(AdapterError) as err:
        woocommerce.customer_to_record(data)

    assert err.value.loc == ("billing",)
    assert "Chestnut" not in str(err.value)


def test_customer_phone_as_number(payload: Load) -> None:
    data = payload("woocommerce/customer.json")
    data["billing"]["phone"] = 2155550133

    with pytest.raises(AdapterError) as err:
        woocommerce.customer_to_record(data)

    assert err.value.loc == ("billing", "phone")
    assert "2155550133" not in str(err.value)


def test_order_of_registered_customer(payload: Load) -> None:
    record = woocommerce.order_to_record(payload("woocommerce/order.json"))

    assert record.external_id == "418"
    assert record.emails == ["marcus.webb@example.com"]
    assert record.addresses == [WEBB_BILLING]
    assert record.created_at is None
    [order] = record.orders
    assert (order.id, order.number) == ("7311", "7311")
    assert order.total == Decimal("131.48")
    assert order.currency == "USD"
    assert order.channel == "ecom"
    assert order.created_at == datetime(2024, 5, 14, 13, 28, 40, tzinfo=UTC)
    assert order.email == "marcus.webb@example.com"


def test_order_and_customer_share_the_record_key(payload: Load) -> None:
    order = woocommerce.order_to_record(payload("woocommerce/order.json"))
    customer = woocommerce.customer_to_record(payload("woocommerce/customer.json"))

    assert order.external_id == customer.external_id


def test_guest_order(payload: Load) -> None:
    record = woocommerce.order_to_record(payload("woocommerce/order_guest.json"))

    assert record.external_id is None
    assert (record.first_name, record.last_name) == ("Amelie", "Fournier")
    assert record.emails == ["amelie.fournier@example.com"]
    assert record.phones == ["+1 514 555 0161"]
    assert [a.postal_code for a in record.addresses] == ["H2X 3L3"]
    assert record.created_at == datetime(2024, 5, 15, 22, 2, 9, tzinfo=UTC)
    assert record.orders[0].currency == "CAD"


def test_order_without_customer_id_is_a_guest(payload: Load) -> None:
    data = payload("woocommerce/order.json")
    del data["customer_id"]

    assert woocommerce.order_to_record(data).external_id is None


def test_order_without_id(payload: Load) -> None:
    data = payload("woocommerce/order.json")
    data["id"] = None

    with pytest.raises(AdapterError) as err:
        woocommerce.order_to_record(data)

    assert err.value.loc == ("id",)


def test_order_total_of_wrong_type(payload: Load) -> None:
    data = payload("woocommerce/order.json")
    data["total"] = {"amount": "131.48"}

    with pytest.raises(AdapterError, match="total: expected a decimal amount, got object"):
        woocommerce.order_to_record(data)
