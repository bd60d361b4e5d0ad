"""ShipStation API: one shipment, as in the ``shipments`` list of ``GET /shipments``.

A shipment names no customer id, so each shipment is its own record (``external_id`` = the
shipmentId), identified by ``customerEmail`` and the ship-to address and phone. The order it
ships is attached by ``orderId``; ShipStation imports orders from other stores, so the
channel is left unknown, and a shipment carries neither the order total nor its date.
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

PROVIDER = "shipstation"


def _address(fields: Fields | None) -> Address | None:
    if fields is None:
        return None
    return address(
        name=fields.text("name"),
        line1=fields.text("street1"),
        line2=join([fields.text("street2"), fields.text("street3")], ", "),
        city=fields.text("city"),
        region=fields.text("state"),
        postal_code=fields.text("postalCode"),
        country=fields.text("country"),
    )


def shipment_to_record(payload: Mapping[str, Any]) -> RecordIn:
    fields = Fields.of(payload)
    ship_to = fields.obj("shipTo")
    email = fields.text("customerEmail")
    order_id = fields.ident("orderId")
    orders = (
        [{"id": order_id, "number": fields.ident("orderNumber"), "email": email}]
        if order_id is not None
        else []
    )
    return build_record(
        PROVIDER,
        external_id=fields.required_ident("shipmentId"),
        emails=unique([email]),
        phones=unique([text_in(ship_to, "phone")]),
        addresses=unique_addresses([_address(ship_to)]),
        created_at=fields.timestamp("createDate"),
        orders=orders,
    )
