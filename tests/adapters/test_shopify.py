from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from graph_identity.adapters import shopify
from graph_identity.adapters.errors import AdapterError
from graph_identity.models import PostalAddress

Load = Callable[[str], Any]

ROSA_HOME = PostalAddress(
    name="Rosa Delgado",
    line1="48 Linden Street",
    line2="Apt 3",
    city="Somerville",
    region="MA",
    postal_code="02143",
    country="US",
)


def test_rest_customer(payload: Load) -> None:
    record = shopify.customer_to_record(payload("shopify/customer_rest.json"))

    assert record.provider == "shopify"
    assert record.external_id == "7208843165841"
    assert (record.first_name, record.last_name) == ("Rosa", "Delgado")
    assert record.emails == ["rosa.delgado@example.com"]
    assert record.phones == ["+16175550142"]
    assert record.addresses == [ROSA_HOME]
    assert record.marketing_consent is True
    assert record.created_at == datetime(2024, 2, 11, 14, 14, 22, tzinfo=UTC)
    assert record.orders == []


def test_rest_customer_skips_address_book_entries(payload: Load) -> None:
    """The second saved address is a gift recipient's; only the default address is used."""
    record = shopify.customer_to_record(payload("shopify/customer_rest.json"))

    assert [a.name for a in record.addresses] == ["Rosa Delgado"]
    assert "+13105550188" not in record.phones


def test_rest_and_graphql_ids_give_the_same_record(payload: Load) -> None:
    rest = shopify.customer_to_record(payload("shopify/customer_rest.json"))
    graphql = shopify.customer_to_record(payload("shopify/customer_graphql.json"))

    assert graphql.external_id == rest.external_id == "7208843165841"
    assert graphql == rest


@pytest.mark.parametrize(
    "customer_id", [7208843165841, "7208843165841", "gid://shopify/Customer/7208843165841"]
)
def test_every_id_form_maps_to_the_number(payload: Load, customer_id: object) -> None:
    data = payload("shopify/customer_rest.json")
    data["id"] = customer_id

    assert shopify.customer_to_record(data).external_id == "7208843165841"


def test_rest_get_envelope_is_unwrapped(payload: Load) -> None:
    bare = payload("shopify/customer_rest.json")

    assert shopify.customer_to_record({"customer": bare}) == shopify.customer_to_record(bare)


def test_graphql_customer_with_pre_2025_fields(payload: Load) -> None:
    data = payload("shopify/customer_graphql.json")
    email = data.pop("defaultEmailAddress")
    data.pop("defaultPhoneNumber")
    data["email"] = email["emailAddress"]
    data["phone"] = "+16175550142"
    data["emailMarketingConsent"] = {"marketingState": "UNSUBSCRIBED"}

    record = shopify.customer_to_record(data)

    assert record.emails == ["rosa.delgado@example.com"]
    assert record.phones == ["+16175550142"]
    assert record.marketing_consent is False


@pytest.mark.parametrize(
    ("state", "consent"),
    [("subscribed", True), ("unsubscribed", False), ("not_subscribed", False), ("pending", None)],
)
def test_marketing_consent_states(payload: Load, state: str, consent: bool | None) -> None:
    data = payload("shopify/customer_rest.json")
    data["email_marketing_consent"]["state"] = state

    assert shopify.customer_to_record(data).marketing_consent is consent


def test_legacy_accepts_marketing_without_consent_object(payload: Load) -> None:
    data = payload("shopify/customer_rest.json")
    del data["email_marketing_consent"]
    data["accepts_marketing"] = False

    assert shopify.customer_to_record(data).marketing_consent is False


def test_customer_with_no_email_no_phone_no_address(payload: Load) -> None:
    data = payload("shopify/customer_rest.json")
    data.update(email=None, phone="", default_address=None)

    record = shopify.customer_to_record(data)

    assert (record.emails, record.phones, record.addresses) == ([], [], [])


def test_missing_customer_id(payload: Load) -> None:
    data = payload("shopify/customer_rest.json")
    del data["id"]

    with pytest.raises(AdapterError) as err:
        shopify.customer_to_record(data)

    assert err.value.loc == ("id",)
    assert "missing" in str(err.value)


@pytest.mark.parametrize(
    ("customer_id", "reason"),
    [
        ("gid://shopify/Order/7208843165841", "Order id where a Customer id"),
        ("cust-7208843165841", "not a Shopify Customer id"),
        (True, "expected an id"),
        (12.5, "expected an id"),
    ],
)
def test_malformed_customer_id(payload: Load, customer_id: object, reason: str) -> None:
    data = payload("shopify/customer_rest.json")
    data["id"] = customer_id

    with pytest.raises(AdapterError, match=reason) as err:
        shopify.customer_to_record(data)

    assert err.value.loc == ("id",)


def test_default_address_given_as_text(payload: Load) -> None:
    data = payload("shopify/customer_rest.json")
    data["default_address"] = "48 Linden Street, Somerville MA"

    with pytest.raises(AdapterError) as err:
        shopify.customer_to_record(data)

    assert err.value.loc == ("default_address",)
    assert str(err.value) == "default_address: expected an object, got text"


def test_email_of_wrong_type_is_named_without_its_value(payload: Load) -> None:
    data = payload("shopify/customer_rest.json")
    data["email"] = ["rosa.delgado@example.com"]

    with pytest.raises(AdapterError) as err:
        shopify.customer_to_record(data)

    assert err.value.loc == ("email",)
    assert "rosa" not in str(err.value)


def test_bad_timestamp(payload: Load) -> None:
    data = payload("shopify/customer_rest.json")
    data["updated_at"] = "yesterday"

    with pytest.raises(AdapterError, match="updated_at: not an ISO 8601 timestamp"):
        shopify.customer_to_record(data)


def test_payload_that_is_not_an_object() -> None:
    with pytest.raises(AdapterError, match="payload: expected an object, got array"):
        shopify.customer_to_record([])  # type: ignore[arg-type]


def test_order_with_customer(payload: Load) -> None:
    record = shopify.order_to_record(payload("shopify/order_rest.json"))

    assert record.external_id == "7208843165841"
    assert record.emails == ["rosa.delgado@example.com"]
    assert record.phones == ["+16175550142", "(617) 555-0142"]
    assert record.addresses == [ROSA_HOME]
    assert record.marketing_consent is True
    assert record.created_at == datetime(2024, 2, 11, 14, 14, 22, tzinfo=UTC)
    [order] = record.orders
    assert order.id == "5712203841681"
    assert order.number == "#1047"
    assert order.total == Decimal("94.56")
    assert order.currency == "USD"
    assert order.channel == "ecom"
    assert order.email == "rosa.delgado@example.com"
    assert order.created_at == datetime(2024, 6, 3, 21, 38, 51, tzinfo=UTC)


def test_order_ignores_gift_shipping_address(payload: Load) -> None:
    record = shopify.order_to_record(payload("shopify/order_rest.json"))

    assert all(a.name != "Elena Delgado" for a in record.addresses)
    assert "+13105550188" not in record.phones


def test_order_customer_matches_customer_record(payload: Load) -> None:
    """An order and the customer webhook land on the same record key."""
    order = shopify.order_to_record(payload("shopify/order_rest.json"))
    graphql = shopify.customer_to_record(payload("shopify/customer_graphql.json"))

    assert order.external_id == graphql.external_id


def test_guest_order(payload: Load) -> None:
    record = shopify.order_to_record(payload("shopify/order_guest.json"))

    assert record.external_id is None
    assert (record.first_name, record.last_name) == ("Kenji", "Nakamura")
    assert record.emails == ["k.nakamura@example.com"]
    assert record.phones == ["+12065550177"]
    assert [a.line2 for a in record.addresses] == ["Unit 410"]
    assert record.marketing_consent is False
    assert record.created_at == record.orders[0].created_at
    assert record.orders[0].total == Decimal("49.95")


def test_order_without_billing_uses_shipping_address(payload: Load) -> None:
    data = payload("shopify/order_guest.json")
    data["billing_address"] = None
    data["shipping_address"]["address2"] = "Unit 411"

    record = shopify.order_to_record(data)

    assert [a.line2 for a in record.addresses] == ["Unit 411"]


def test_pos_order_is_retail(payload: Load) -> None:
    data = payload("shopify/order_rest.json")
    data["source_name"] = "pos"

    assert shopify.order_to_record(data).orders[0].channel == "retail"


@pytest.mark.parametrize("source_name", ["web", "shopify_draft_order", "iphone", None])
def test_other_sources_are_ecom(payload: Load, source_name: str | None) -> None:
    data = payload("shopify/order_rest.json")
    data["source_name"] = source_name

    assert shopify.order_to_record(data).orders[0].channel == "ecom"


def test_order_without_id(payload: Load) -> None:
    data = payload("shopify/order_guest.json")
    del data["id"]

    with pytest.raises(AdapterError) as err:
        shopify.order_to_record(data)

    assert err.value.loc == ("id",)


def test_order_customer_without_id(payload: Load) -> None:
    data = payload("shopify/order_rest.json")
    del data["customer"]["id"]

    with pytest.raises(AdapterError) as err:
        shopify.order_to_record(data)

    assert err.value.loc == ("customer", "id")


def test_order_total_not_a_number(payload: Load) -> None:
    data = payload("shopify/order_rest.json")
    data["total_price"] = "94,56 USD"

    with pytest.raises(AdapterError, match="total_price: not a decimal amount"):
        shopify.order_to_record(data)


def test_model_error_names_record_field_without_value(payload: Load) -> None:
    data = payload("shopify/order_rest.json")
    data["currency"] = "usd"

    with pytest.raises(AdapterError) as err:
        shopify.order_to_record(data)

    assert err.value.loc == ("orders", 0, "currency")
    assert "usd" not in str(err.value)


def test_negative_total_is_refused_by_the_model(payload: Load) -> None:
    data = payload("shopify/order_rest.json")
    data["total_price"] = "-5.00"

    with pytest.raises(AdapterError) as err:
        shopify.order_to_record(data)

    assert err.value.loc == ("orders", 0, "total")
    assert "-5" not in str(err.value)
