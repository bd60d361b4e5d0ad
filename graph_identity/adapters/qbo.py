"""QuickBooks Online (Accounting API v3): the ``Customer`` entity.

Accepts the bare entity (as in a query response's ``QueryResponse.Customer`` list) or the
read response ``{"Customer": {...}, "time": ...}``. QuickBooks lets users type several
addresses into the one email field, separated by commas; each becomes an email. Both the
billing and the shipping address are kept: the bookkeeper maintains them for this customer.
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

PROVIDER = "qbo"
_PHONE_FIELDS = ("PrimaryPhone", "Mobile", "AlternatePhone")


def _emails(fields: Fields) -> list[str]:
    raw = text_in(fields.obj("PrimaryEmailAddr"), "Address")
    if raw is None:
        return []
    return unique(part.strip() or None for part in raw.split(","))


def _address(fields: Fields | None, name: str | None) -> Address | None:
    """A QBO ``PhysicalAddress``; it has no addressee, so the customer's name stands in."""
    if fields is None:
        return None
    return address(
        name=name,
        line1=fields.text("Line1"),
        line2=join([fields.text(f"Line{n}") for n in range(2, 6)], ", "),
        city=fields.text("City"),
        region=fields.text("CountrySubDivisionCode"),
        postal_code=fields.text("PostalCode"),
        country=fields.text("Country"),
    )


def customer_to_record(payload: Mapping[str, Any]) -> RecordIn:
    fields = Fields.of(payload).unwrapped("Customer", "Id")
    first_name = fields.text("GivenName")
    last_name = fields.text("FamilyName")
    name = join([first_name, last_name])
    meta = fields.obj("MetaData")
    return build_record(
        PROVIDER,
        external_id=fields.required_ident("Id"),
        first_name=first_name,
        last_name=last_name,
        emails=_emails(fields),
        phones=unique(text_in(fields.obj(key), "FreeFormNumber") for key in _PHONE_FIELDS),
        addresses=unique_addresses(
            [_address(fields.obj("BillAddr"), name), _address(fields.obj("ShipAddr"), name)]
        ),
        created_at=meta.timestamp("CreateTime") if meta else None,
        updated_at=meta.timestamp("LastUpdatedTime") if meta else None,
    )
