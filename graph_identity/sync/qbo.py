"""QuickBooks Online (Accounting API v3): customers, invoices and sales receipts.

Full runs page through ``GET /v3/company/<realm>/query`` with ``STARTPOSITION`` and
``MAXRESULTS`` (the envelope is ``{"QueryResponse": {"Customer": [...], "startPosition": 1,
"maxResults": n}, "time": ...}``; a page shorter than ``MAXRESULTS`` is the last).
Incremental runs ask the change data capture endpoint ``GET /v3/company/<realm>/cdc``
(``entities``, ``changedSince``), which answers at most 1,000 objects per entity and looks
back 30 days at most; past either limit the run pages through the query with
``WHERE MetaData.LastUpdatedTime > '<since>'`` instead. Deleted entities (CDC answers them
as ``{"Id": ..., "status": "Deleted"}``) are skipped: deleting a customer in the books is not
an erasure request.

Invoices and sales receipts become orders of their customer (``CustomerRef``), partial views
of its record; a sales receipt without a customer but with a ``BillEmail`` is a guest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from graph_identity.adapters import qbo as qbo_adapter
from graph_identity.adapters._build import build_record, unique
from graph_identity.adapters._fields import Fields, text_in
from graph_identity.models import RecordIn
from graph_identity.sync.base import Page, PageError, SyncConfigError, orders_only
from graph_identity.sync.http import HttpClient, RefreshingToken
from graph_identity.sync.runner import iso, parse_iso
from graph_identity.sync.settings import ClientOptions, Env

PROVIDER = "qbo"
DEFAULT_BASE_URL = "https://quickbooks.api.intuit.com"
DEFAULT_TOKEN_URL = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"  # noqa: S105
MINOR_VERSION = "75"
CDC_LIMIT = 1000
CDC_LOOKBACK = timedelta(days=30)
MAX_RESULTS = 1000


def transaction_to_record(payload: Mapping[str, Any], entity: str = "Invoice") -> RecordIn:
    """An ``Invoice`` or ``SalesReceipt`` as its customer's record carrying only the order
    (:func:`~graph_identity.sync.base.orders_only`), or as a guest named by its BillEmail.

    Order ids are ``invoice-<Id>`` / ``salesreceipt-<Id>``: the entity kinds number their
    ids apart from each other."""
    fields = Fields.of(payload).unwrapped(entity, "Id")
    txn_id = fields.required_ident("Id")
    customer_id = text_in(fields.obj("CustomerRef"), "value")
    email = text_in(fields.obj("BillEmail"), "Address")
    if customer_id is None and email is None:
        raise fields.error("CustomerRef", "missing, and no BillEmail: the sale names nobody")
    meta = fields.obj("MetaData")
    created = fields.timestamp("TxnDate") or (meta.timestamp("CreateTime") if meta else None)
    order = {
        "id": f"{entity.lower()}-{txn_id}",
        "number": fields.text("DocNumber"),
        "total": fields.amount("TotalAmt"),
        "currency": text_in(fields.obj("CurrencyRef"), "value"),
        "created_at": created,
        "email": email,
    }
    record = build_record(
        PROVIDER,
        external_id=customer_id,
        emails=unique([email]),
        orders=[order],
    )
    return orders_only(record)


def invoice_to_record(payload: Mapping[str, Any]) -> RecordIn:
    return transaction_to_record(payload, "Invoice")


def sales_receipt_to_record(payload: Mapping[str, Any]) -> RecordIn:
    return transaction_to_record(payload, "SalesReceipt")


def _entities(container: object, entity: str, where: str) -> list[Mapping[str, Any]]:
    if not isinstance(container, Mapping):
        raise PageError(f"qbo {entity}: {where} is not an object")
    items = container.get(entity, [])
    if not isinstance(items, list):
        raise PageError(f"qbo {entity}: {where}.{entity} is not an array")
    return items


class QboStream:
    def __init__(
        self, client: HttpClient, realm: str, entity: str, partial: bool, page_size: int
    ) -> None:
        self.client = client
        self.realm = realm
        self.entity = entity
        self.name = entity.lower()
        self.partial = partial
        self.page_size = min(page_size, MAX_RESULTS)
        self._adapter = {
            "Customer": qbo_adapter.customer_to_record,
            "Invoice": invoice_to_record,
            "SalesReceipt": sales_receipt_to_record,
        }[entity]

    def to_record(self, obj: Mapping[str, Any]) -> RecordIn:
        return self._adapter(obj)

    def fetch(self, position: str | None, since: str | None) -> Page:
        recent = since is not None and datetime.now(UTC) - parse_iso(since) < CDC_LOOKBACK
        if since is not None and position is None and recent:
            page = self._cdc(since)
            if page is not None:
                return page
        return self._query(int(position or "1"), since)

    def _query(self, start: int, since: str | None) -> Page:
        # QBO's query language takes no parameters; the entity is one of three constants and
        # the time is re-written from a parsed datetime, so no outside text reaches it.
        where = f" WHERE MetaData.LastUpdatedTime > '{iso(parse_iso(since))}'" if since else ""
        statement = f"SELECT * FROM {self.entity}{where} STARTPOSITION {start}"  # noqa: S608
        statement += f" MAXRESULTS {self.page_size}"
        body, _ = self.client.json(
            "GET",
            f"/v3/company/{self.realm}/query",
            params={"query": statement, "minorversion": MINOR_VERSION},
        )
        response = body.get("QueryResponse") if isinstance(body, Mapping) else None
        items = _entities(response, self.entity, "QueryResponse")
        more = len(items) >= self.page_size
        return self._page(items, str(start + len(items)) if more else None)

    def _cdc(self, since: str) -> Page | None:
        """The changes since ``since``, or ``None`` when CDC may have cut them short."""
        body, _ = self.client.json(
            "GET",
            f"/v3/company/{self.realm}/cdc",
            params={"entities": self.entity, "changedSince": since, "minorversion": MINOR_VERSION},
        )
        responses = body.get("CDCResponse") if isinstance(body, Mapping) else None
        if not isinstance(responses, list):
            raise PageError(f"qbo {self.entity}: CDCResponse is not an array")
        items: list[Mapping[str, Any]] = []
        for response in responses:
            queries = response.get("QueryResponse") if isinstance(response, Mapping) else None
            if not isinstance(queries, list):
                raise PageError(f"qbo {self.entity}: CDCResponse.QueryResponse is not an array")
            for query in queries:
                items.extend(_entities(query, self.entity, "CDCResponse.QueryResponse"))
        if len(items) >= CDC_LIMIT:
            return None
        return self._page(items, None)

    @staticmethod
    def _page(items: Sequence[Mapping[str, Any]], next_position: str | None) -> Page:
        live = [i for i in items if not (isinstance(i, Mapping) and i.get("status") == "Deleted")]
        return Page(objects=live, next=next_position, skipped=len(items) - len(live))


class QboConnector:
    provider = PROVIDER

    def __init__(self, client: HttpClient, realm: str, page_size: int = 100) -> None:
        self.client = client
        self.account = realm
        self._streams = [
            QboStream(client, realm, "Customer", False, page_size),
            QboStream(client, realm, "Invoice", True, page_size),
            QboStream(client, realm, "SalesReceipt", True, page_size),
        ]

    def streams(self) -> Sequence[QboStream]:
        return self._streams

    def stream(self, entity: str) -> QboStream:
        """The stream of ``Customer``, ``Invoice`` or ``SalesReceipt``; KeyError otherwise."""
        return {s.entity: s for s in self._streams}[entity]

    def read(self, entity: str, entity_id: str) -> Mapping[str, Any]:
        """One entity by id: ``GET /v3/company/<realm>/<entity>/<id>``, answered as
        ``{"<Entity>": {...}, "time": ...}``. ``entity_id`` must be a checked id (it is put in
        the path). Raises :class:`PageError` (a failed request or an unreadable answer)."""
        stream = self.stream(entity)
        body, _ = self.client.json(
            "GET",
            f"/v3/company/{self.account}/{stream.name}/{entity_id}",
            params={"minorversion": MINOR_VERSION},
        )
        found = body.get(entity) if isinstance(body, Mapping) else None
        if not isinstance(found, Mapping):
            raise PageError(f"qbo {entity}: the answer has no {entity} object")
        return found

    def close(self) -> None:
        self.client.close()


def from_env(env: Mapping[str, str], options: ClientOptions) -> QboConnector:
    """``REALM_ID``, ``ACCESS_TOKEN`` and/or ``REFRESH_TOKEN`` + ``CLIENT_ID`` +
    ``CLIENT_SECRET`` (refreshed on a 401), optional ``BASE_URL`` and ``TOKEN_URL``."""
    settings = Env(env, PROVIDER)
    realm = settings.required("REALM_ID")
    auth = RefreshingToken(
        settings.optional("ACCESS_TOKEN"),
        token_url=settings.optional("TOKEN_URL", DEFAULT_TOKEN_URL),
        refresh_token=settings.optional("REFRESH_TOKEN"),
        client_id=settings.optional("CLIENT_ID"),
        client_secret=settings.optional("CLIENT_SECRET"),
    )
    if auth.access_token is None and not auth.can_refresh:
        reason = "is not set (nor REFRESH_TOKEN with CLIENT_ID and CLIENT_SECRET)"
        raise SyncConfigError(settings.name("ACCESS_TOKEN"), reason)
    base_url = settings.optional("BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL
    return QboConnector(options.client(base_url, auth=auth), realm, options.page_size)
