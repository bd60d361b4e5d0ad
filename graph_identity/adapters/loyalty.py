"""The loyalty app's member list (CSV export or JSON), where a member is keyed by phone.

Fields: ``member_id``, ``phone`` (required: members sign up and are looked up at the till
by phone), ``email``, ``name``, ``joined_at``, and the member's date of birth under the
first filled of ``birthday``, ``birth_date`` or ``date_of_birth`` (exports name it
differently); ``points`` and ``level`` are not part of the record model and are not read.
``member_id`` becomes the external id when given; without it the record is keyed by its
identifiers, that is by the phone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_identity.adapters._build import build_record, unique
from graph_identity.adapters._fields import Fields
from graph_identity.models import RecordIn

PROVIDER = "loyalty"
BIRTH_DATE_FIELDS = ("birthday", "birth_date", "date_of_birth")


def split_name(name: str | None) -> tuple[str | None, str | None]:
    """``"Ana María Pérez"`` → ``("Ana", "María Pérez")``: the app keeps a single name field."""
    if name is None:
        return None, None
    first, _, rest = name.strip().partition(" ")
    return first, rest.strip() or None


def birth_date(fields: Fields) -> str | None:
    """The first filled of :data:`BIRTH_DATE_FIELDS`, as written (normalized later)."""
    return next(
        (value for key in BIRTH_DATE_FIELDS if (value := fields.text(key)) is not None), None
    )


def member_to_record(row: Mapping[str, Any]) -> RecordIn:
    fields = Fields.of(row)
    phone = fields.text("phone")
    if phone is None:
        raise fields.error("phone", "required: loyalty members are keyed by phone")
    first_name, last_name = split_name(fields.text("name"))
    return build_record(
        PROVIDER,
        external_id=fields.ident("member_id"),
        first_name=first_name,
        last_name=last_name,
        phones=[phone],
        emails=unique([fields.text("email")]),
        birth_date=birth_date(fields),
        created_at=fields.timestamp("joined_at"),
    )
