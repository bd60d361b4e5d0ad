"""Shopify Admin GraphQL API: ``customers`` and ``orders``, cursor-paginated.

``POST /admin/api/<version>/graphql.json`` with ``X-Shopify-Access-Token``. Pages follow
``pageInfo { hasNextPage endCursor }``; an incremental run asks ``query:
"updated_at:>'<since>'"``, sorted by ``UPDATED_AT``. Shopify limits by query cost (a bucket
that refills at ``restoreRate`` points a second): each answer's ``extensions.cost`` says how
much is left, so the connector waits before the bucket would run dry, and a ``THROTTLED``
answer (HTTP 200 with that error code) is retried after the time the bucket needs.
Orders become partial views of their customer's record (a guest order has no customer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph_identity.adapters import shopify as shopify_adapter
from graph_identity.adapters._build import build_record, unique, unique_addresses
from graph_identity.adapters._fields import Fields, text_in
from graph_identity.models import RecordIn
from graph_identity.sync.base import Page, PageError, SyncConfigError, orders_only
from graph_identity.sync.http import HttpClient, Sleep
from graph_identity.sync.settings import ClientOptions, Env

PROVIDER = "shopify"
DEFAULT_API_VERSION = "2025-04"
MAX_PAGE = 250

_ADDRESS = "firstName lastName name address1 address2 city provinceCode zip countryCodeV2 phone"
_CUSTOMER = f"""id firstName lastName createdAt updatedAt
  defaultEmailAddress {{ emailAddress marketingState }}
  defaultPhoneNumber {{ phoneNumber }}
  defaultAddress {{ {_ADDRESS} }}"""
_ORDER = f"""id name email phone createdAt updatedAt sourceName
  totalPriceSet {{ shopMoney {{ amount currencyCode }} }}
  customer {{ id }}
  billingAddress {{ {_ADDRESS} }}
  shippingAddress {{ {_ADDRESS} }}"""


def _query(root: str, fields: str) -> str:
    return f"""query Page($first: Int!, $after: String, $query: String) {{
  {root}(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {{
    nodes {{ {fields} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}"""


def order_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """A GraphQL ``Order`` node as its customer's record carrying only the order
    (:func:`~graph_identity.sync.base.orders_only`); without a customer, a guest record
    identified by the order's email, phone and billing address."""
    fields = Fields.of(payload)
    order_id = shopify_adapter.resource_id(fields, "id", "Order")
    customer = fields.obj("customer")
    billing = fields.obj("billingAddress")
    buyer = shopify_adapter._graphql_address(billing) or shopify_adapter._graphql_address(
        fields.obj("shippingAddress")
    )
    money = fields.obj("totalPriceSet")
    shop_money = money.obj("shopMoney") if money else None
    email = fields.text("email")
    source = fields.text("sourceName")
    order = {
        "id": order_id,
        "number": fields.text("name"),
        "total": shop_money.amount("amount") if shop_money else None,
        "currency": text_in(shop_money, "currencyCode"),
        "created_at": fields.timestamp("createdAt"),
        "channel": "retail" if source == "pos" else "ecom",
        "email": email,
    }
    customer_id = shopify_adapter.resource_id(customer, "id", "Customer") if customer else None
    record = build_record(
        PROVIDER,
        external_id=customer_id,
        first_name=text_in(billing, "firstName"),
        last_name=text_in(billing, "lastName"),
        emails=unique([email]),
        phones=unique([fields.text("phone"), text_in(billing, "phone")]),
        addresses=unique_addresses([buyer]),
        orders=[order],
    )
    return orders_only(record)


class ShopifyStream:
    def __init__(
        self,
        client: HttpClient,
        path: str,
        root: str,
        fields: str,
        page_size: int,
        sleep: Sleep,
    ) -> None:
        self.client = client
        self.path = path
        self.root = root
        self.name = root
        self.partial = root == "orders"
        self.query = _query(root, fields)
        self.page_size = min(page_size, MAX_PAGE)
        self.sleep = sleep
        self.max_throttled = client.max_retries

    def to_record(self, obj: Mapping[str, Any]) -> RecordIn:
        if self.partial:
            return order_to_record(obj)
        return shopify_adapter.customer_to_record(obj)

    def fetch(self, position: str | None, since: str | None) -> Page:
        variables = {
            "first": self.page_size,
            "after": position,
            "query": f"updated_at:>'{since}'" if since else None,
        }
        for _ in range(self.max_throttled + 1):
            body, _ = self.client.json(
                "POST", self.path, json={"query": self.query, "variables": variables}
            )
            if not isinstance(body, Mapping):
                raise PageError(f"shopify {self.root}: the answer is not an object")
            wait = _throttle_wait(body)
            if _throttled(body):
                self.client.retries += 1
                self.sleep(wait or 1.0)
                continue
            return self._page(body, wait)
        raise PageError(f"shopify {self.root}: still throttled after {self.max_throttled} waits")

    def _page(self, body: Mapping[str, Any], wait: float | None) -> Page:
        errors = body.get("errors")
        if errors:
            codes = sorted({_code(e) for e in errors}) if isinstance(errors, list) else []
            raise PageError(f"shopify {self.root}: GraphQL errors {', '.join(codes)}")
        data = body.get("data")
        connection = data.get(self.root) if isinstance(data, Mapping) else None
        if not isinstance(connection, Mapping):
            raise PageError(f"shopify {self.root}: data.{self.root} is missing")
        nodes = connection.get("nodes")
        info = connection.get("pageInfo")
        if not isinstance(nodes, list) or not isinstance(info, Mapping):
            raise PageError(f"shopify {self.root}: nodes or pageInfo is missing")
        more = info.get("hasNextPage") is True
        cursor = info.get("endCursor")
        if more and not isinstance(cursor, str):
            raise PageError(f"shopify {self.root}: hasNextPage without an endCursor")
        if wait:
            self.sleep(wait)
        return Page(objects=nodes, next=cursor if more else None)


def _code(error: object) -> str:
    extensions = error.get("extensions") if isinstance(error, Mapping) else None
    code = extensions.get("code") if isinstance(extensions, Mapping) else None
    return code if isinstance(code, str) else "UNKNOWN"


def _throttled(body: Mapping[str, Any]) -> bool:
    errors = body.get("errors")
    return isinstance(errors, list) and any(_code(e) == "THROTTLED" for e in errors)


def _throttle_wait(body: Mapping[str, Any]) -> float | None:
    """Seconds until the bucket holds the last request's cost again (None: no need)."""
    extensions = body.get("extensions")
    cost = extensions.get("cost") if isinstance(extensions, Mapping) else None
    if not isinstance(cost, Mapping):
        return None
    status = cost.get("throttleStatus")
    if not isinstance(status, Mapping):
        return None
    requested = _number(cost.get("requestedQueryCost"))
    available = _number(status.get("currentlyAvailable"))
    rate = _number(status.get("restoreRate"))
    if requested is None or available is None or rate is None:
        return None
    if available >= requested or rate <= 0:
        return None
    return (requested - available) / rate


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


class ShopifyConnector:
    provider = PROVIDER

    def __init__(self, client: HttpClient, shop: str, api_version: str, options: ClientOptions):
        self.client = client
        self.account = shop
        path = f"/admin/api/{api_version}/graphql.json"
        self._streams = [
            ShopifyStream(client, path, "customers", _CUSTOMER, options.page_size, options.sleep),
            ShopifyStream(client, path, "orders", _ORDER, options.page_size, options.sleep),
        ]

    def streams(self) -> Sequence[ShopifyStream]:
        return self._streams

    def close(self) -> None:
        self.client.close()


def from_env(env: Mapping[str, str], options: ClientOptions) -> ShopifyConnector:
    """``SHOP`` (``<name>.myshopify.com``), ``ACCESS_TOKEN``; optional ``API_VERSION`` and
    ``BASE_URL`` (default ``https://<shop>``)."""
    settings = Env(env, PROVIDER)
    shop = settings.required("SHOP")
    if "/" in shop or " " in shop:
        raise SyncConfigError(settings.name("SHOP"), "give the shop's host, e.g. x.myshopify.com")
    token = settings.required("ACCESS_TOKEN")
    base_url = settings.optional("BASE_URL") or f"https://{shop}"
    version = settings.optional("API_VERSION", DEFAULT_API_VERSION) or DEFAULT_API_VERSION
    client = options.client(
        base_url, headers={"X-Shopify-Access-Token": token, "Content-Type": "application/json"}
    )
    return ShopifyConnector(client, shop, version, options)
