"""WooCommerce REST API v3: customers and orders (also the webhook payloads, same shape).

Timestamps: the ``*_gmt`` fields are UTC without an offset and are preferred; the plain
ones are in the site's time zone and are kept naive. A ``customer_id`` of 0 is a guest.
Addresses: billing only (the shipping address may be someone else's, and WooCommerce copies
the last order's shipping address onto the customer); shipping only when billing has none.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
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

PROVIDER = "woocommerce"
_GUEST_ID = "0"


def _address(fields: Fields | None) -> Address | None:
    if fields is None:
        return None
    return address(
        name=join([fields.text("first_name"), fields.text("last_name")]),
        line1=fields.text("address_1"),
        line2=fields.text("address_2"),
        city=fields.text("city"),
        region=fields.text("state"),
        postal_code=fields.text("postcode"),
        country=fields.text("country"),
    )


def _when(fields: Fields, name: str) -> datetime | None:
    return fields.timestamp(f"{name}_gmt", naive_is_utc=True) or fields.timestamp(name)


def customer_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """A registered customer (``GET /wp-json/wc/v3/customers/<id>`` or a customer webhook)."""
    fields = Fields.of(payload)
    customer_id = fields.required_ident("id")
    if customer_id == _GUEST_ID:
        raise fields.error("id", "0 is the guest id, not a customer")
    billing = fields.obj("billing")
    shipping = fields.obj("shipping")
    return build_record(
        PROVIDER,
        external_id=customer_id,
        first_name=fields.text("first_name") or text_in(billing, "first_name"),
        last_name=fields.text("last_name") or text_in(billing, "last_name"),
        emails=unique([fields.text("email"), text_in(billing, "email")]),
        phones=unique([text_in(billing, "phone")]),
        addresses=unique_addresses([_address(billing) or _address(shipping)]),
        created_at=_when(fields, "date_created"),
        updated_at=_when(fields, "date_modified"),
    )


def order_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """The order's customer (``customer_id``) or, for a guest order, a record without id."""
    fields = Fields.of(payload)
    order_id = fields.required_ident("id")
    customer_id = fields.ident("customer_id")
    guest = customer_id in (None, _GUEST_ID)
    billing = fields.obj("billing")
    created_at = _when(fields, "date_created")
    order = {
        "id": order_id,
        "number": fields.ident("number"),
        "total": fields.amount("total"),
        "currency": fields.text("currency"),
        "created_at": created_at,
        "channel": "ecom",
        "email": text_in(billing, "email"),
    }
    return build_record(
        PROVIDER,
        external_id=None if guest else customer_id,
        first_name=text_in(billing, "first_name"),
        last_name=text_in(billing, "last_name"),
        emails=unique([text_in(billing, "email")]),
        phones=unique([text_in(billing, "phone")]),
        addresses=unique_addresses([_address(billing) or _address(fields.obj("shipping"))]),
        created_at=created_at if guest else None,
        orders=[order],
    )
