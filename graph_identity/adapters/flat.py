"""A flat CSV of the record model itself, for generic imports from any provider.

Columns (all optional, unknown columns refused so a misspelt header is not silently lost)::

    external_id, first_name, last_name, customer_code, email, phone,
    address_name, address_line1, address_line2, city, region, postal_code, country,
    marketing_consent, birth_date

``email`` and ``phone`` may hold several values separated by ``;``. ``marketing_consent`` is
``true``/``false``, ``yes``/``no``, ``1``/``0`` or empty. ``birth_date`` may also be headed
``date_of_birth`` or ``dob``, in any format normalization reads (``3/1/1970``,
``1970-03-01``, ``19700301``…); two of those columns with different values are refused.
At most one address per row, and only with ``address_line1``: an address without a street
is not an identity.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from graph_identity.adapters._build import address, build_record, unique
from graph_identity.adapters._fields import Fields
from graph_identity.adapters.errors import AdapterError
from graph_identity.models import RecordIn

COLUMNS: tuple[str, ...] = (
    "external_id",
    "first_name",
    "last_name",
    "customer_code",
    "email",
    "phone",
    "address_name",
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "country",
    "marketing_consent",
    "birth_date",
)
BIRTH_DATE_ALIASES: tuple[str, ...] = ("date_of_birth", "dob")
"""Other headers accepted for ``birth_date``, the names exports commonly use."""
MULTI_VALUE_SEPARATOR = ";"


def _check_columns(fields: Fields) -> None:
    """Refuse unknown columns, by position: a file without a header row has data there."""
    for position, name in enumerate(fields.names()):
        if name is None:
            raise AdapterError(("row",), "more values than header columns")
        if name not in COLUMNS and name not in BIRTH_DATE_ALIASES:
            close = difflib.get_close_matches(str(name), COLUMNS, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise AdapterError(("columns", position), f"not a record column{hint}")


def _values(fields: Fields, column: str) -> list[str]:
    raw = fields.text(column)
    if raw is None:
        return []
    return unique(part.strip() or None for part in raw.split(MULTI_VALUE_SEPARATOR))


def _birth_date(fields: Fields) -> str | None:
    """The one date of birth of the row, whichever accepted header holds it."""
    found: dict[str, str] = {}
    for column in ("birth_date", *BIRTH_DATE_ALIASES):
        value = fields.text(column)
        if value is not None:
            found.setdefault(value.strip(), column)
    if len(found) > 1:
        raise fields.error(list(found.values())[1], "a second, different date of birth")
    return next(iter(found), None)


def flat_row_to_record(row: Mapping[str, Any], provider: str) -> RecordIn:
    fields = Fields.of(row)
    _check_columns(fields)
    postal = address(
        name=fields.text("address_name"),
        line1=fields.text("address_line1"),
        line2=fields.text("address_line2"),
        city=fields.text("city"),
        region=fields.text("region"),
        postal_code=fields.text("postal_code"),
        country=fields.text("country"),
    )
    return build_record(
        provider,
        external_id=fields.ident("external_id"),
        first_name=fields.text("first_name"),
        last_name=fields.text("last_name"),
        customer_code=fields.text("customer_code"),
        emails=_values(fields, "email"),
        phones=_values(fields, "phone"),
        addresses=[postal] if postal else [],
        marketing_consent=fields.flag("marketing_consent"),
        birth_date=_birth_date(fields),
    )
