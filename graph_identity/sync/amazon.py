"""Amazon Selling Partner API, Orders v0: ``getOrders``, paged by ``NextToken``.

``GET /orders/v0/orders?MarketplaceIds=…&LastUpdatedAfter=<since>`` (full runs:
``CreatedAfter=<START>``), with the Login with Amazon access token in
``x-amz-access-token``. The answer is ``{"payload": {"Orders": [...], "NextToken": …}}``; a
next page is asked with ``MarketplaceIds`` and ``NextToken`` only. SP-API no longer needs
AWS Signature v4 signing, so a token is all it takes: ``ACCESS_TOKEN``, or
``REFRESH_TOKEN`` + ``LWA_CLIENT_ID`` + ``LWA_CLIENT_SECRET`` to fetch one (and refresh it on
a 401). Without restricted-data access orders carry no buyer email nor street address;
relay emails (marketplace.amazon.com) are kept and normalization marks them generic.
Each order is its own record, as in :mod:`graph_identity.adapters.amazon`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph_identity.adapters import amazon as amazon_adapter
from graph_identity.models import RecordIn
from graph_identity.sync.base import Page, PageError, SyncConfigError
from graph_identity.sync.http import HttpClient, RefreshingToken
from graph_identity.sync.settings import ClientOptions, Env

PROVIDER = "amazon"
DEFAULT_BASE_URL = "https://sellingpartnerapi-na.amazon.com"
DEFAULT_LWA_URL = "https://api.amazon.com/auth/o2/token"
DEFAULT_START = "2015-01-01T00:00:00Z"
MAX_PAGE = 100


class AmazonOrders:
    name = "orders"
    partial = False

    def __init__(
        self, client: HttpClient, marketplaces: list[str], start: str, page_size: int
    ) -> None:
        self.client = client
        self.marketplaces = ",".join(marketplaces)
        self.start = start
        self.page_size = min(page_size, MAX_PAGE)

    def to_record(self, obj: Mapping[str, Any]) -> RecordIn:
        return amazon_adapter.order_to_record(obj)

    def fetch(self, position: str | None, since: str | None) -> Page:
        params: dict[str, str | int] = {"MarketplaceIds": self.marketplaces}
        if position is not None:
            params["NextToken"] = position
        elif since is not None:
            params |= {"LastUpdatedAfter": since, "MaxResultsPerPage": self.page_size}
        else:
            params |= {"CreatedAfter": self.start, "MaxResultsPerPage": self.page_size}
        body, _ = self.client.json("GET", "/orders/v0/orders", params=params)
        payload = body.get("payload") if isinstance(body, Mapping) else None
        if not isinstance(payload, Mapping):
            codes = _error_codes(body)
            raise PageError(f"amazon orders: no payload{': ' + codes if codes else ''}")
        orders = payload.get("Orders")
        if not isinstance(orders, list):
            raise PageError("amazon orders: payload.Orders is not an array")
        token = payload.get("NextToken")
        return Page(objects=orders, next=token if isinstance(token, str) and token else None)


def _error_codes(body: object) -> str:
    errors = body.get("errors") if isinstance(body, Mapping) else None
    if not isinstance(errors, list):
        return ""
    codes = {e.get("code") for e in errors if isinstance(e, Mapping)}
    return ", ".join(sorted(c for c in codes if isinstance(c, str)))


class AmazonConnector:
    provider = PROVIDER

    def __init__(self, client: HttpClient, marketplaces: list[str], start: str, page_size: int):
        self.client = client
        self.account = "+".join(marketplaces)
        self._streams = [AmazonOrders(client, marketplaces, start, page_size)]

    def streams(self) -> Sequence[AmazonOrders]:
        return self._streams

    def close(self) -> None:
        self.client.close()


def from_env(env: Mapping[str, str], options: ClientOptions) -> AmazonConnector:
    """``MARKETPLACE_IDS`` (comma-separated), ``ACCESS_TOKEN`` or ``REFRESH_TOKEN`` +
    ``LWA_CLIENT_ID`` + ``LWA_CLIENT_SECRET``; optional ``BASE_URL`` (the region's
    endpoint), ``LWA_URL`` and ``START`` (how far back a full run reaches)."""
    settings = Env(env, PROVIDER)
    marketplaces = settings.list("MARKETPLACE_IDS")
    if not marketplaces:
        raise SyncConfigError(settings.name("MARKETPLACE_IDS"), "is not set")
    auth = RefreshingToken(
        settings.optional("ACCESS_TOKEN"),
        header="x-amz-access-token",
        prefix="",
        token_url=settings.optional("LWA_URL", DEFAULT_LWA_URL),
        refresh_token=settings.optional("REFRESH_TOKEN"),
        client_id=settings.optional("LWA_CLIENT_ID"),
        client_secret=settings.optional("LWA_CLIENT_SECRET"),
        client_auth="form",
    )
    if auth.access_token is None and not auth.can_refresh:
        reason = "is not set (nor REFRESH_TOKEN with LWA_CLIENT_ID and LWA_CLIENT_SECRET)"
        raise SyncConfigError(settings.name("ACCESS_TOKEN"), reason)
    base_url = settings.optional("BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL
    start = settings.optional("START", DEFAULT_START) or DEFAULT_START
    client = options.client(base_url, auth=auth)
    return AmazonConnector(client, marketplaces, start, options.page_size)
