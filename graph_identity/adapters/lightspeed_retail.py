"""Lightspeed Retail X-Series, API 2.0: customers and sales (bare or as ``{"data": {...}}``).

Customer and sale ids are UUID strings. A sale becomes the record of its customer
(``customer_id``) carrying the sale as an order; sales without a customer (walk-ins) cannot
be attributed to anyone and are refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from graph_identity.adapters._build import address, build_record, join, unique, unique_addresses
from graph_identity.adapters._fields import Fields
from graph_identity.models import RecordIn

PROVIDER = "lightspeed_retail"

ONLINE_REGISTER_NAME = "online register"
"""The register eCom (E-Series) orders are rung on, compared case-insensitively."""
ECOM_SOURCE_PREFIX = "ecw:"
ECOM_NOTE_MARKER = "Order ID:"


def _uuid(fields: Fields, key: str) -> str:
    """X-Series ids are UUID strings; an integer is some other system's id."""
    value = fields.text(key)
    if value is None:
        raise fields.error(key, "required id is missing")
    return value


def customer_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """A customer; ``do_not_email`` is the only consent signal (a refusal, never a yes).

    ``date_of_birth`` is passed on as written (normalization reads it).
    """
    fields = Fields.of(payload).unwrapped("data", "id")
    first_name = fields.text("first_name")
    last_name = fields.text("last_name")
    physical = address(
        name=join([first_name, last_name]),
        line1=fields.text("physical_address_1"),
        line2=fields.text("physical_address_2"),
        city=fields.text("physical_city"),
        region=fields.text("physical_state"),
        postal_code=fields.text("physical_postcode"),
        country=fields.text("physical_country_id"),
    )
    return build_record(
        PROVIDER,
        external_id=_uuid(fields, "id"),
        first_name=first_name,
        last_name=last_name,
        customer_code=fields.text("customer_code"),
        emails=unique([fields.text("email")]),
        phones=unique([fields.text("phone"), fields.text("mobile")]),
        addresses=unique_addresses([physical]),
        marketing_consent=False if fields.flag("do_not_email") else None,
        birth_date=fields.text("date_of_birth"),
        created_at=fields.timestamp("created_at"),
        updated_at=fields.timestamp("updated_at"),
    )


def sale_channel(fields: Fields, online_register_ids: frozenset[str]) -> str:
    """``ecom`` for an eCom order synced into the POS, else ``retail``.

    eCom orders show up in three ways: a ``source`` starting with ``ecw:``, the register they
    were rung on (one of ``online_register_ids``, or a ``register_name`` of "Online
    Register"), or the eCom order id written into the sale note.
    """
    source = fields.text("source") or ""
    register_id = fields.text("register_id")
    register_name = fields.text("register_name") or ""
    note = fields.text("note") or ""
    if (
        source.lower().startswith(ECOM_SOURCE_PREFIX)
        or register_id in online_register_ids
        or register_name.strip().lower() == ONLINE_REGISTER_NAME
        or ECOM_NOTE_MARKER in note
    ):
        return "ecom"
    return "retail"


def _total(fields: Fields) -> Decimal | None:
    """The tax-inclusive total: ``total_price_incl``, else ``total_price`` + ``total_tax``."""
    incl = fields.amount("total_price_incl")
    if incl is not None:
        return incl
    price = fields.amount("total_price")
    tax = fields.amount("total_tax")
    return price + tax if price is not None and tax is not None else price


def sale_to_record(
    payload: Mapping[str, Any], *, online_register_ids: frozenset[str] = frozenset()
) -> RecordIn:
    """The sale's customer carrying the sale. Sales carry no currency (it is the store's)."""
    fields = Fields.of(payload).unwrapped("data", "id")
    sale_id = _uuid(fields, "id")
    customer_id = fields.text("customer_id")
    if customer_id is None:
        raise fields.error("customer_id", "missing: a sale without a customer has no record")
    order = {
        "id": sale_id,
        "number": fields.ident("invoice_number"),
        "total": _total(fields),
        "created_at": fields.timestamp("sale_date") or fields.timestamp("created_at"),
        "channel": sale_channel(fields, online_register_ids),
    }
    return build_record(PROVIDER, external_id=customer_id, orders=[order])
