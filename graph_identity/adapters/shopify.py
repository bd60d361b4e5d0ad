"""Shopify Admin API: customers (REST, webhook or GraphQL shape) and orders (REST/webhook).

REST ids are integers; GraphQL ids are global ids such as ``gid://shopify/Customer/123``.
Both are reduced to the number, so a customer read through either API is the same record.

Addresses: a customer's default address only, and an order's billing address (its shipping
address only when there is no billing address). Shopify copies order shipping addresses
into the customer's address book, so the book and shipping addresses may be gift recipients.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph_identity.adapters._build import (
    Address,
    address,
    build_record,
    join,
    unique,
    unique_addresses,
)
from graph_identity.adapters._fields import Fields, text_in
from graph_identity.models import RecordIn

PROVIDER = "shopify"

_DIGITS = re.compile(r"[0-9]+")
_GID = re.compile(r"gid://shopify/(?P<kind>[A-Za-z]+)/(?P<id>[0-9]+)")
_CONSENT = {"subscribed": True, "not_subscribed": False, "unsubscribed": False}


def resource_id(fields: Fields, key: str, kind: str) -> str:
    """The numeric id of a ``kind`` resource, given as integer, digits or GraphQL gid."""
    value = fields.required_ident(key)
    if _DIGITS.fullmatch(value):
        return value
    match = _GID.fullmatch(value)
    if match is None:
        raise fields.error(key, f"not a Shopify {kind} id")
    if match["kind"] != kind:
        raise fields.error(key, f"a Shopify {match['kind']} id where a {kind} id is expected")
    return match["id"]


def _is_graphql(fields: Fields) -> bool:
    value = fields.raw("id")
    return isinstance(value, str) and value.startswith("gid://")


def _consent(state: str | None) -> bool | None:
    """Email marketing consent; pending, redacted or invalid states say nothing."""
    return _CONSENT.get(state.lower()) if state else None


def _rest_address(fields: Fields | None) -> Address | None:
    if fields is None:
        return None
    return address(
        name=fields.text("name") or join([fields.text("first_name"), fields.text("last_name")]),
        line1=fields.text("address1"),
        line2=fields.text("address2"),
        city=fields.text("city"),
        region=fields.text("province_code") or fields.text("province"),
        postal_code=fields.text("zip"),
        country=fields.text("country_code") or fields.text("country"),
    )


def _graphql_address(fields: Fields | None) -> Address | None:
    if fields is None:
        return None
    return address(
        name=fields.text("name") or join([fields.text("firstName"), fields.text("lastName")]),
        line1=fields.text("address1"),
        line2=fields.text("address2"),
        city=fields.text("city"),
        region=fields.text("provinceCode") or fields.text("province"),
        postal_code=fields.text("zip"),
        country=fields.text("countryCodeV2") or fields.text("country"),
    )


def _rest_customer(fields: Fields) -> dict[str, Any]:
    default_address = fields.obj("default_address")
    consent = fields.obj("email_marketing_consent")
    marketing = _consent(consent.text("state")) if consent else None
    return {
        "external_id": resource_id(fields, "id", "Customer"),
        "first_name": fields.text("first_name"),
        "last_name": fields.text("last_name"),
        "emails": unique([fields.text("email")]),
        "phones": unique([fields.text("phone"), text_in(default_address, "phone")]),
        "addresses": unique_addresses([_rest_address(default_address)]),
        "marketing_consent": marketing if consent else fields.flag("accepts_marketing"),
        "created_at": fields.timestamp("created_at"),
        "updated_at": fields.timestamp("updated_at"),
    }


def _graphql_customer(fields: Fields) -> dict[str, Any]:
    """A GraphQL ``Customer`` node; the 2025-04 email/phone objects and the older fields."""
    default_address = fields.obj("defaultAddress")
    email = fields.obj("defaultEmailAddress")
    phone = fields.obj("defaultPhoneNumber")
    consent = fields.obj("emailMarketingConsent")
    state = text_in(consent, "marketingState") or text_in(email, "marketingState")
    return {
        "external_id": resource_id(fields, "id", "Customer"),
        "first_name": fields.text("firstName"),
        "last_name": fields.text("lastName"),
        "emails": unique([text_in(email, "emailAddress"), fields.text("email")]),
        "phones": unique(
            [
                text_in(phone, "phoneNumber"),
                fields.text("phone"),
                text_in(default_address, "phone"),
            ]
        ),
        "addresses": unique_addresses([_graphql_address(default_address)]),
        "marketing_consent": _consent(state),
        "created_at": fields.timestamp("createdAt"),
        "updated_at": fields.timestamp("updatedAt"),
    }


def customer_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """A customer from REST (``{"customer": {...}}`` or bare), a webhook, or a GraphQL node."""
    fields = Fields.of(payload).unwrapped("customer", "id")
    if _is_graphql(fields):
        return build_record(PROVIDER, **_graphql_customer(fields))
    return build_record(PROVIDER, **_rest_customer(fields))


def _channel(source_name: str | None) -> str:
    return "retail" if source_name == "pos" else "ecom"


def order_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """The order's customer (a guest when there is none), carrying the order.

    REST/webhook shape only. Guest orders have no external id; their email, phone and
    billing address identify them.
    """
    fields = Fields.of(payload).unwrapped("order", "id")
    order_id = resource_id(fields, "id", "Order")
    customer = fields.obj("customer")
    base: dict[str, Any] = _rest_customer(customer) if customer is not None else {}
    billing = fields.obj("billing_address")
    buyer_address = _rest_address(billing) or _rest_address(fields.obj("shipping_address"))
    order_email = fields.text("email")
    order = {
        "id": order_id,
        "number": fields.text("name") or fields.ident("order_number"),
        "total": fields.amount("total_price"),
        "currency": fields.text("currency"),
        "created_at": fields.timestamp("created_at"),
        "channel": _channel(fields.text("source_name")),
        "email": order_email,
    }
    return build_record(
        PROVIDER,
        external_id=base.get("external_id"),
        first_name=base.get("first_name") or text_in(billing, "first_name"),
        last_name=base.get("last_name") or text_in(billing, "last_name"),
        emails=unique([*base.get("emails", []), order_email, fields.text("contact_email")]),
        phones=unique([*base.get("phones", []), fields.text("phone"), text_in(billing, "phone")]),
        addresses=unique_addresses([*base.get("addresses", []), buyer_address]),
        marketing_consent=(
            base["marketing_consent"]
            if base.get("marketing_consent") is not None
            else fields.flag("buyer_accepts_marketing")
        ),
        created_at=base.get("created_at") or order["created_at"],
        updated_at=base.get("updated_at") or fields.timestamp("updated_at"),
        orders=[order],
    )
