"""WooCommerce REST API v3: ``customers`` and ``orders``, numbered pages.

``GET /wp-json/wc/v3/<resource>?page=<n>&per_page=<m>&orderby=id&order=asc`` with HTTP
basic auth (consumer key and secret, over HTTPS). The answer is a bare JSON array; the
``X-WP-TotalPages`` header says how many pages there are. Incremental runs ask orders
``modified_after=<since>&dates_are_gmt=true``. The customers endpoint has no modified-date
filter (woocommerce/woocommerce#41371), so customers are read in full every run: unchanged
ones come back ``unchanged`` and write nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph_identity.adapters import woocommerce as woo_adapter
from graph_identity.models import RecordIn
from graph_identity.sync.base import Page, PageError, orders_only
from graph_identity.sync.http import HttpClient
from graph_identity.sync.settings import ClientOptions, Env

PROVIDER = "woocommerce"
MAX_PAGE = 100
API = "/wp-json/wc/v3"


def order_to_record(payload: Mapping[str, Any]) -> RecordIn:
    """An order as its customer's record carrying only the order
    (:func:`~graph_identity.sync.base.orders_only`); a guest order keeps its billing data."""
    return orders_only(woo_adapter.order_to_record(payload))


class WooStream:
    def __init__(self, client: HttpClient, resource: str, page_size: int) -> None:
        self.client = client
        self.name = resource
        self.partial = resource == "orders"
        self.filters_by_date = resource == "orders"
        self.page_size = min(page_size, MAX_PAGE)

    def to_record(self, obj: Mapping[str, Any]) -> RecordIn:
        if self.partial:
            return order_to_record(obj)
        return woo_adapter.customer_to_record(obj)

    def fetch(self, position: str | None, since: str | None) -> Page:
        page = int(position or "1")
        params: dict[str, str | int] = {
            "page": page,
            "per_page": self.page_size,
            "orderby": "id",
            "order": "asc",
        }
        if since and self.filters_by_date:
            params |= {"modified_after": since.removesuffix("Z"), "dates_are_gmt": "true"}
        body, response = self.client.json("GET", f"{API}/{self.name}", params=params)
        if not isinstance(body, list):
            raise PageError(f"woocommerce {self.name}: page {page} is not an array")
        total = response.headers.get("X-WP-TotalPages", "")
        more = page < int(total) if total.isdigit() else len(body) >= self.page_size
        return Page(objects=body, next=str(page + 1) if more else None)


class WooConnector:
    provider = PROVIDER

    def __init__(self, client: HttpClient, store: str, page_size: int) -> None:
        self.client = client
        self.account = store
        self._streams = [
            WooStream(client, "customers", page_size),
            WooStream(client, "orders", page_size),
        ]

    def streams(self) -> Sequence[WooStream]:
        return self._streams

    def close(self) -> None:
        self.client.close()


def from_env(env: Mapping[str, str], options: ClientOptions) -> WooConnector:
    """``URL`` (the store, e.g. ``https://shop.example.com``), ``CONSUMER_KEY``,
    ``CONSUMER_SECRET``."""
    settings = Env(env, PROVIDER)
    url = settings.required("URL").rstrip("/")
    auth = (settings.required("CONSUMER_KEY"), settings.required("CONSUMER_SECRET"))
    store = url.split("://", 1)[-1]
    return WooConnector(options.client(url, auth=auth), store, options.page_size)
