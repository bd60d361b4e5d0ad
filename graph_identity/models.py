"""The record model: what a provider says about one customer, as it arrives.

Incoming data is validated here (shape and types); canonical identifiers are made by
:mod:`graph_identity.normalize`. Unknown fields are refused so a typo in a field name is an
error, not silently lost data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

PROVIDER_SLUG_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"

KNOWN_PROVIDERS: tuple[str, ...] = (
    "shopify",
    "woocommerce",
    "qbo",
    "amazon",
    "shipstation",
    "lightspeed_retail",
    "lightspeed_ecom",
    "loyalty",
    "manual",
)

ProviderSlug = Annotated[str, StringConstraints(pattern=PROVIDER_SLUG_PATTERN)]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=256)]
ShortText = Annotated[str, StringConstraints(max_length=512)]
RawIdentifier = Annotated[str, StringConstraints(max_length=512)]
Channel = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


def _in_utc(value: datetime) -> datetime:
    """A timestamp with an offset is stored in UTC: providers may send any offset Python
    accepts, while Neo4j refuses offsets beyond ±18:00. A naive one (a shop's local time)
    stays naive here: normalization reads it in the configured shop zone
    (:mod:`graph_identity.normalize.times`)."""
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the timestamp is out of range once converted to UTC") from None


Timestamp = Annotated[datetime, AfterValidator(_in_utc)]


def _date_as_text(value: object) -> object:
    """A date of birth given as a :class:`~datetime.date` (or datetime) is kept as its ISO
    text, so the field is always text, as a provider writes it."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


BirthDateText = Annotated[str, StringConstraints(max_length=40), BeforeValidator(_date_as_text)]

MAX_IDENTIFIERS_PER_KIND = 50
MAX_ORDERS_PER_RECORD = 1000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


class PostalAddress(_Strict):
    """A postal address as the provider wrote it. Every part is optional."""

    name: ShortText | None = None
    line1: ShortText | None = None
    line2: ShortText | None = None
    city: ShortText | None = None
    region: ShortText | None = None
    postal_code: Annotated[str, StringConstraints(max_length=32)] | None = None
    country: Annotated[str, StringConstraints(max_length=64)] | None = None


class OrderIn(_Strict):
    """An order attached to a record. ``id`` is the provider's order id."""

    id: ExternalId
    number: ShortText | None = None
    total: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=4)
    currency: CurrencyCode | None = None
    created_at: Timestamp | None = None
    channel: Channel | None = None
    email: RawIdentifier | None = None


class RecordIn(_Strict):
    """One provider record: the unit of ingestion.

    ``external_id`` may be missing (a guest checkout); then the record must carry at least one
    usable identifier, and its key is derived from those identifiers.

    ``partial`` marks a partial view of the record, such as an order that names its
    customer: its identifiers and orders are added to what is stored, nothing is removed,
    and fields it leaves empty keep their stored values. A full record (the default)
    replaces the record's current identifiers; the replaced links are kept as history.

    ``birth_date`` is the date of birth as the provider wrote it (``3/1/1970``,
    ``1970-03-01``, …; a :class:`~datetime.date` is kept as its ISO text); it is read during
    normalization, where an unusable one becomes an issue on the field, not a refused record.
    """

    provider: ProviderSlug
    external_id: ExternalId | None = None
    first_name: ShortText | None = None
    last_name: ShortText | None = None
    customer_code: ShortText | None = None
    emails: list[RawIdentifier] = Field(default_factory=list, max_length=MAX_IDENTIFIERS_PER_KIND)
    phones: list[RawIdentifier] = Field(default_factory=list, max_length=MAX_IDENTIFIERS_PER_KIND)
    addresses: list[PostalAddress] = Field(
        default_factory=list, max_length=MAX_IDENTIFIERS_PER_KIND
    )
    marketing_consent: bool | None = None
    birth_date: BirthDateText | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    orders: list[OrderIn] = Field(default_factory=list, max_length=MAX_ORDERS_PER_RECORD)
    partial: bool = False


def record_key(provider: str, external_id: str) -> str:
    """The natural key of a record, written ``provider:external_id`` everywhere."""
    return f"{provider}:{external_id}"
