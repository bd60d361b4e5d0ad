"""Lightspeed eCom: one row of an order export (CSV).

Columns read (any other column is ignored)::

    Order number, Date, Email (or E-Mail), Firstname, Lastname, Phone, Mobile,
    Address, Number, Extension, Zipcode, City, Region, Country, Currency,
    Grand total (or Total)

The names follow eCom's export naming (its customer export uses the same Firstname,
Number, Extension, Zipcode); they are matched case-insensitively, with the alternative
spellings above. ``Order number`` is required. ``Date`` is ISO 8601
(``2024-03-05 14:02:11``), in the shop's time zone when it has no offset. ``Grand total``
uses a decimal point. eCom keeps street, house number and extension apart: line 1 is
"street number", the extension (apartment, floor) is line 2. The export has no customer id,
so the record has none: the email, phones and address identify the buyer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_identity.adapters._build import address, build_record, join, unique, unique_addresses
from graph_identity.adapters._fields import Fields
from graph_identity.models import RecordIn

PROVIDER = "lightspeed_ecom"

COLUMNS: dict[str, tuple[str, ...]] = {
    "Order number": ("order number",),
    "Date": ("date",),
    "Email": ("email", "e-mail"),
    "Firstname": ("firstname",),
    "Lastname": ("lastname",),
    "Phone": ("phone",),
    "Mobile": ("mobile",),
    "Address": ("address",),
    "Number": ("number",),
    "Extension": ("extension",),
    "Zipcode": ("zipcode",),
    "City": ("city",),
    "Region": ("region",),
    "Country": ("country",),
    "Currency": ("currency",),
    "Grand total": ("grand total", "total"),
}
"""Each column this adapter reads, with the header spellings accepted for it."""


def _columns(row: Fields) -> Fields:
    """The row keyed by the documented column names, whatever the header's case."""
    by_header = {key.strip().lower(): row.raw(key) for key in row.names() if isinstance(key, str)}
    picked: dict[str, Any] = {}
    for column, spellings in COLUMNS.items():
        for spelling in spellings:
            if by_header.get(spelling) not in (None, ""):
                picked[column] = by_header[spelling]
                break
    return Fields(picked)


def csv_row_to_record(row: Mapping[str, Any]) -> RecordIn:
    """One order row → the buyer's record (no external id) carrying that order."""
    fields = _columns(Fields.of(row))
    email = fields.text("Email")
    first_name = fields.text("Firstname")
    last_name = fields.text("Lastname")
    created_at = fields.timestamp("Date")
    street = join([fields.text("Address"), fields.ident("Number")])
    order = {
        "id": fields.required_ident("Order number"),
        "number": fields.ident("Order number"),
        "total": fields.amount("Grand total"),
        "currency": fields.text("Currency"),
        "created_at": created_at,
        "channel": "ecom",
        "email": email,
    }
    return build_record(
        PROVIDER,
        first_name=first_name,
        last_name=last_name,
        emails=unique([email]),
        phones=unique([fields.text("Phone"), fields.text("Mobile")]),
        addresses=unique_addresses(
            [
                address(
                    name=join([first_name, last_name]),
                    line1=street,
                    line2=fields.text("Extension"),
                    city=fields.text("City"),
                    region=fields.text("Region"),
                    postal_code=fields.text("Zipcode"),
                    country=fields.text("Country"),
                )
            ]
        ),
        created_at=created_at,
        orders=[order],
    )
