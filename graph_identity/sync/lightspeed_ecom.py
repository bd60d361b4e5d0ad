"""Lightspeed eCom (C-Series) API: ``customers`` and ``orders``, numbered pages.

``GET /<language>/customers.json?page=<n>&limit=<m>`` (``orders.json`` alike) with HTTP
basic auth (API key and secret) on the shop's cluster (``https://api.webshopapp.com`` in
Europe, ``https://api.shoplightspeed.com`` in North America). Answers are
``{"customers": [...]}`` / ``{"orders": [...]}``; a page shorter than ``limit`` is the last.
Incremental runs ask ``updated_at_min=<since>``. Customers become records with their id;
an order becomes a partial view of its customer (``customer.resource.id``) carrying only the
order, or a guest record identified by its email, phones and billing address.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph_identity.adapters._build import address, build_record, join, unique, unique_addresses
from graph_identity.adapters._fields import Fields, text_in
from graph_identity.models import RecordIn
from graph_identity.sync.base import Page, PageError, orders_only
from graph_identity.sync.http import HttpClient
from graph_identity.sync.settings import ClientOptions, Env

PROVIDER = "lightspeed_ecom"
DEFAULT_BASE_URL = "https://api.webshopapp.com"
MAX_PAGE = 250


def _billing(fields: Fields) -> dict[str, Any] | None:
    country = fields.obj("addressBillingCountry")
    name = fields.text("addressBillingName") or join(
        [fields.text("firstname"), fields.text("lastname")]
    )
    return address(
        name=name,
        line1=join([fields.text("addressBillingStreet"), fields.ident("addressBillingNumber")]),
        line2=fields.text("addressBillingExtension"),
        city=fields.text("addressBillingCity"),
        region=fields.text("addressBillingRegion"),
        postal_code=fields.text("addressBillingZipcode"),
        country=text_in(country, "code"),
    )


def customer_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """An eCom customer (bare, or as ``{"customer": {...}}``)."""
    fields = Fields.of(payload).unwrapped("customer", "id")
    return build_record(
        PROVIDER,
        external_id=fields.required_ident("id"),
        first_name=fields.text("firstname"),
        last_name=fields.text("lastname"),
        emails=unique([fields.text("email")]),
        phones=unique([fields.text("phone"), fields.text("mobile")]),
        addresses=unique_addresses([_billing(fields)]),
        created_at=fields.timestamp("createdAt"),
        updated_at=fields.timestamp("updatedAt"),
    )


def order_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """An eCom order as its customer's partial record, or a guest's."""
    fields = Fields.of(payload).unwrapped("order", "id")
    customer = fields.obj("customer")
    resource = customer.obj("resource") if customer else None
    email = fields.text("email")
    created_at = fields.timestamp("createdAt")
    order = {
        "id": fields.required_ident("id"),
        "number": fields.text("number"),
        "total": fields.amount("priceIncl"),
        "currency": (fields.text("currency") or "").upper() or None,
        "created_at": created_at,
        "channel": "ecom",
        "email": email,
    }
    record = build_record(
        PROVIDER,
        external_id=resource.ident("id") if resource else None,
        first_name=fields.text("firstname"),
        last_name=fields.text("lastname"),
        emails=unique([email]),
        phones=unique([fields.text("phone"), fields.text("mobile")]),
        addresses=unique_addresses([_billing(fields)]),
        created_at=created_at,
        orders=[order],
    )
    return orders_only(record)


class EcomStream:
    def __init__(self, client: HttpClient, language: str, resource: str, page_size: int) -> None:
        self.client = client
        self.path = f"/{language}/{resource}.json"
        self.name = resource
        self.partial = resource == "orders"
        self.page_size = min(page_size, MAX_PAGE)

    def to_record(self, obj: Mapping[str, Any]) -> RecordIn:
        return order_to_record(obj) if self.partial else customer_to_record(obj)

    def fetch(self, position: str | None, since: str | None) -> Page:
        page = int(position or "1")
        params: dict[str, str | int] = {"page": page, "limit": self.page_size}
        if since is not None:
            params["updated_at_min"] = since
        body, _ = self.client.json("GET", self.path, params=params)
        items = body.get(self.name) if isinstance(body, Mapping) else None
        if not isinstance(items, list):
            raise PageError(f"lightspeed_ecom {self.name}: page {page} lacks {self.name}")
        more = len(items) >= self.page_size
        return Page(objects=items, next=str(page + 1) if more else None)


class EcomConnector:
    provider = PROVIDER

    def __init__(self, client: HttpClient, account: str, language: str, page_size: int) -> None:
        self.client = client
        self.account = account
        self._streams = [
            EcomStream(client, language, "customers", page_size),
            EcomStream(client, language, "orders", page_size),
        ]

    def streams(self) -> Sequence[EcomStream]:
        return self._streams

    def close(self) -> None:
        self.client.close()


def from_env(env: Mapping[str, str], options: ClientOptions) -> EcomConnector:
    """``API_KEY``, ``API_SECRET``; optional ``BASE_URL`` (the cluster), ``LANGUAGE``
    (default ``en``) and ``ACCOUNT`` (a name for the shop's cursors, default ``default``)."""
    settings = Env(env, PROVIDER)
    auth = (settings.required("API_KEY"), settings.required("API_SECRET"))
    base_url = settings.optional("BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL
    language = settings.optional("LANGUAGE", "en") or "en"
    account = settings.optional("ACCOUNT", "default") or "default"
    client = options.client(base_url, auth=auth)
    return EcomConnector(client, account, language, options.page_size)
