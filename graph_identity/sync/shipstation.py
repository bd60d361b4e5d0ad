"""ShipStation API v1: ``orders`` and ``shipments``, numbered pages.

``GET /orders?page=<n>&pageSize=<m>&sortBy=ModifyDate`` and ``GET /shipments?…`` with HTTP
basic auth (API key and secret). Answers are ``{"orders": [...], "total": t, "page": n,
"pages": k}`` (``shipments`` alike). Incremental runs ask orders ``modifyDateStart`` and
shipments ``createDateStart`` (shipments have no modified date). ShipStation reads and
writes times in US Pacific time without an offset, so ``since`` is converted to it.
A throttled answer (40 requests a minute) says in ``X-Rate-Limit-Reset`` when to come back.

An order is its own record (``order-<orderId>``: ShipStation's customer ids are its own and
number apart from shipment ids), identified by ``customerEmail`` and the bill-to name,
address and phone (the ship-to may be a gift recipient); a shipment is its own record as in
:mod:`graph_identity.adapters.shipstation` but without its order (see
:func:`shipment_to_record`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from graph_identity.adapters import shipstation as shipstation_adapter
from graph_identity.adapters._build import address, build_record, join, unique, unique_addresses
from graph_identity.adapters._fields import Fields, text_in
from graph_identity.models import RecordIn
from graph_identity.sync.base import Page, PageError
from graph_identity.sync.http import HttpClient
from graph_identity.sync.runner import parse_iso
from graph_identity.sync.settings import ClientOptions, Env

PROVIDER = "shipstation"
DEFAULT_BASE_URL = "https://ssapi.shipstation.com"
PACIFIC = ZoneInfo("America/Los_Angeles")
MAX_PAGE = 500


def pacific(since: str) -> str:
    """A UTC cursor time as ShipStation's Pacific wall-clock time."""
    return parse_iso(since).astimezone(PACIFIC).strftime("%Y-%m-%d %H:%M:%S")


def _pacific_time(fields: Fields, key: str) -> datetime | None:
    moment = fields.timestamp(key)
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=PACIFIC).astimezone(UTC)


def order_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """One ShipStation order as its own record carrying the order."""
    fields = Fields.of(payload)
    order_id = fields.required_ident("orderId")
    bill_to = fields.obj("billTo")
    email = fields.text("customerEmail")
    bill_address = (
        address(
            name=bill_to.text("name"),
            line1=bill_to.text("street1"),
            line2=join([bill_to.text("street2"), bill_to.text("street3")], ", "),
            city=bill_to.text("city"),
            region=bill_to.text("state"),
            postal_code=bill_to.text("postalCode"),
            country=bill_to.text("country"),
        )
        if bill_to is not None
        else None
    )
    ordered_at = _pacific_time(fields, "orderDate")
    order = {
        "id": order_id,
        "number": fields.ident("orderNumber"),
        "total": fields.amount("orderTotal"),
        "created_at": ordered_at,
        "email": email,
    }
    return build_record(
        PROVIDER,
        external_id=f"order-{order_id}",
        emails=unique([email]),
        phones=unique([text_in(bill_to, "phone")]),
        addresses=unique_addresses([bill_address]),
        created_at=_pacific_time(fields, "createDate"),
        updated_at=_pacific_time(fields, "modifyDate"),
        orders=[order],
    )


def shipment_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """A shipment as its own record, without the order it ships: the orders stream brings
    that order whole, and the shipment's copy (no total, no date) would blank it."""
    record = shipstation_adapter.shipment_to_record(payload)
    return record.model_copy(update={"orders": []})


class ShipStationStream:
    partial = False

    def __init__(self, client: HttpClient, resource: str, page_size: int) -> None:
        self.client = client
        self.name = resource
        self.page_size = min(page_size, MAX_PAGE)
        self.since_param = "modifyDateStart" if resource == "orders" else "createDateStart"
        self.sort = "ModifyDate" if resource == "orders" else "CreateDate"

    def to_record(self, obj: Mapping[str, Any]) -> RecordIn:
        if self.name == "orders":
            return order_to_record(obj)
        return shipment_to_record(obj)

    def fetch(self, position: str | None, since: str | None) -> Page:
        page = int(position or "1")
        params: dict[str, str | int] = {
            "page": page,
            "pageSize": self.page_size,
            "sortBy": self.sort,
            "sortDir": "ASC",
        }
        if since is not None:
            params[self.since_param] = pacific(since)
        body, _ = self.client.json("GET", f"/{self.name}", params=params)
        items = body.get(self.name) if isinstance(body, Mapping) else None
        pages = body.get("pages") if isinstance(body, Mapping) else None
        if not isinstance(items, list) or not isinstance(pages, int):
            raise PageError(f"shipstation {self.name}: page {page} lacks {self.name} or pages")
        return Page(objects=items, next=str(page + 1) if page < pages else None)


class ShipStationConnector:
    provider = PROVIDER

    def __init__(self, client: HttpClient, account: str, page_size: int) -> None:
        self.client = client
        self.account = account
        self._streams = [
            ShipStationStream(client, "orders", page_size),
            ShipStationStream(client, "shipments", page_size),
        ]

    def streams(self) -> Sequence[ShipStationStream]:
        return self._streams

    def close(self) -> None:
        self.client.close()


def from_env(env: Mapping[str, str], options: ClientOptions) -> ShipStationConnector:
    """``API_KEY``, ``API_SECRET``; optional ``ACCOUNT`` (a name for the cursors, default
    ``default``) and ``BASE_URL``."""
    settings = Env(env, PROVIDER)
    auth = (settings.required("API_KEY"), settings.required("API_SECRET"))
    base_url = settings.optional("BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL
    account = settings.optional("ACCOUNT", "default") or "default"
    return ShipStationConnector(options.client(base_url, auth=auth), account, options.page_size)
