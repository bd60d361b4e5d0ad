"""Which personal values a console page shows, and how: masked, unless the operator asked
to reveal that one field (by its name, e.g. ``email:0``, never by its value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_identity.normalize.masking import mask_email, mask_phone
from graph_identity.results import Customer

FIELD = re.compile(r"^(email|phone):(\d{1,4})$")
MASKS = {"email": mask_email, "phone": mask_phone}


@dataclass(frozen=True)
class ShownValue:
    field: str
    kind: str
    shown: str
    revealed: bool
    primary: bool


def values_of(customer: Customer, kind: str) -> list[str]:
    return customer.emails if kind == "email" else customer.phones


def shown_values(customer: Customer, reveal: str | None = None) -> list[ShownValue]:
    """Every email and phone of ``customer``, masked except the field named ``reveal``."""
    primaries = {"email": customer.primary_email, "phone": customer.primary_phone}
    shown: list[ShownValue] = []
    for kind in ("email", "phone"):
        for index, value in enumerate(values_of(customer, kind)):
            field = f"{kind}:{index}"
            revealed = field == reveal
            shown.append(
                ShownValue(
                    field=field,
                    kind=kind,
                    shown=value if revealed else MASKS[kind](value),
                    revealed=revealed,
                    primary=value == primaries[kind],
                )
            )
    return shown


def valid_field(customer: Customer, field: str) -> bool:
    match = FIELD.match(field)
    return match is not None and int(match.group(2)) < len(values_of(customer, match.group(1)))
