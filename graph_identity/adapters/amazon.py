"""Amazon Selling Partner API, Orders v0: one ``Order`` (bare or as ``{"payload": {...}}``).

Amazon gives no buyer id, so each order is its own record (``external_id`` = the
AmazonOrderId) identified by its shipping address and phone. ``BuyerInfo.BuyerEmail`` is
often missing and otherwise a relay address at marketplace.amazon.com; it is passed on all
the same, and normalization marks relay addresses generic. ``BuyerInfo`` and
``ShippingAddress`` are only present with restricted-data access.
"""

from __future__ import annotations

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

PROVIDER = "amazon"


def _address(fields: Fields | None) -> Address | None:
    if fields is None:
        return None
    return address(
        name=fields.text("Name"),
        line1=fields.text("AddressLine1"),
        line2=join([fields.text("AddressLine2"), fields.text("AddressLine3")], ", "),
        city=fields.text("City"),
        region=fields.text("StateOrRegion"),
        postal_code=fields.text("PostalCode"),
        country=fields.text("CountryCode"),
    )


def order_to_record(payload: Mapping[str, Any]) -> RecordIn:
    fields = Fields.of(payload).unwrapped("payload", "AmazonOrderId")
    order_id = fields.required_ident("AmazonOrderId")
    shipping = fields.obj("ShippingAddress")
    total = fields.obj("OrderTotal")
    email = text_in(fields.obj("BuyerInfo"), "BuyerEmail")
    purchased_at = fields.timestamp("PurchaseDate")
    order = {
        "id": order_id,
        "total": total.amount("Amount") if total else None,
        "currency": text_in(total, "CurrencyCode"),
        "created_at": purchased_at,
        "channel": "ecom",
        "email": email,
    }
    return build_record(
        PROVIDER,
        external_id=order_id,
        emails=unique([email]),
        phones=unique([text_in(shipping, "Phone")]),
        addresses=unique_addresses([_address(shipping)]),
        created_at=purchased_at,
        updated_at=fields.timestamp("LastUpdateDate"),
        orders=[order],
    )
