"""What a provider connector is: streams of pages of provider objects, fetched from a cursor.

A connector knows one account of one provider (a Shopify shop, a QuickBooks realm) and
offers one or more streams (``customers``, ``orders``, …). A stream fetches one page at a
time from a ``position`` (an opaque text: a page number, a GraphQL cursor, a ``NextToken``,
a version) and, for incremental runs, a ``since`` lower bound (an ISO 8601 UTC time, or for
version-cursor APIs the last version seen). The runner in :mod:`graph_identity.sync.runner`
turns objects into records with the stream's adapter, ingests them, and persists the
position only after the page's records committed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from graph_identity.models import RecordIn


class SyncError(Exception):
    """A sync that cannot go on. Messages name the provider, the stream and the reason, never
    credentials or personal values."""


class SyncConfigError(SyncError):
    """A provider's settings are missing or invalid; ``field`` names the setting."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class PageError(SyncError):
    """A page that could not be fetched or read (after retries); the stream stops there and
    its cursor stays on the last committed page, so the next run fetches it again."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of provider objects.

    ``next`` is the position of the following page, ``None`` on the last page.
    ``watermark`` is where the next incremental run may start when the API says so itself
    (a version cursor); time-based streams leave it ``None`` and the runner uses the time the
    run started. ``skipped`` counts objects the stream chose not to ingest (deletions).
    """

    objects: Sequence[Mapping[str, Any]]
    next: str | None
    watermark: str | None = None
    skipped: int = 0
    errors: Sequence[str] = field(default_factory=tuple)


class Stream(Protocol):
    """One kind of object of a provider account, fetched page by page."""

    name: str
    partial: bool
    """Whether its records are partial views (an order naming its customer)."""

    def fetch(self, position: str | None, since: str | None) -> Page:
        """The page at ``position`` (``None``: the first), of objects changed after
        ``since`` (``None``: all of them). Raises :class:`PageError`."""
        ...

    def to_record(self, obj: Mapping[str, Any]) -> RecordIn:
        """One object as a record. Raises :class:`graph_identity.adapters.AdapterError`."""
        ...


class Connector(Protocol):
    """One account of one provider."""

    provider: str
    account: str
    """The shop, realm, marketplace or store the credentials reach (not secret)."""

    def streams(self) -> Sequence[Stream]: ...

    def close(self) -> None: ...


def orders_only(record: RecordIn) -> RecordIn:
    """An order's record without the buyer's identifiers and names, when it names a customer
    whose own object the sync also fetches.

    The customer object is the authority on its identifiers: a full record replaces them.
    An order may carry an email or address the customer has since changed; added back as a
    partial view after the customer's record replaced it, it would flip the record on every
    full sync. Guest orders (no customer) keep their identifiers: nothing else names them.
    """
    if record.external_id is None:
        return record
    cleared: dict[str, Any] = {
        "first_name": None,
        "last_name": None,
        "emails": [],
        "phones": [],
        "addresses": [],
    }
    return record.model_copy(update=cleared)


def object_id(obj: object, *keys: str) -> str | None:
    """A provider object's id, for error reports (ids are not personal data)."""
    if not isinstance(obj, Mapping):
        return None
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value)
    return None
