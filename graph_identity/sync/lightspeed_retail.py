"""Lightspeed Retail X-Series, API 2.0: ``customers`` and ``sales``, by version cursor.

``GET /api/2.0/<resource>?after=<version>&page_size=<n>`` with a bearer token on
``https://<domain_prefix>.retail.lightspeed.app``. The answer is ``{"data": [...],
"version": {"min": a, "max": b}}``: every change bumps an object's version, so the next
page is ``after=<max>`` and the last ``max`` is where the next incremental run starts (the
cursor is a version, not a time: ``--since`` does not apply). A page shorter than
``page_size`` is the last. Deleted objects (``deleted_at`` set) and walk-in sales (no
``customer_id``: nobody to attribute them to) are skipped, not errors. A sale becomes a
partial record of its customer carrying the sale; eCom sales are told apart as in
:func:`graph_identity.adapters.lightspeed_retail.sale_channel`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from graph_identity.adapters import lightspeed_retail as retail_adapter
from graph_identity.models import RecordIn
from graph_identity.sync.base import Page, PageError
from graph_identity.sync.http import HttpClient
from graph_identity.sync.settings import ClientOptions, Env

PROVIDER = "lightspeed_retail"
MAX_PAGE = 10_000


def _skipped(obj: object, resource: str) -> bool:
    if not isinstance(obj, Mapping):
        return False
    return obj.get("deleted_at") is not None or (resource == "sales" and not obj.get("customer_id"))


class RetailStream:
    versioned = True

    def __init__(
        self,
        client: HttpClient,
        resource: str,
        page_size: int,
        online_register_ids: frozenset[str],
    ) -> None:
        self.client = client
        self.name = resource
        self.partial = resource == "sales"
        self.page_size = min(page_size, MAX_PAGE)
        self._adapter = (
            partial(retail_adapter.sale_to_record, online_register_ids=online_register_ids)
            if self.partial
            else retail_adapter.customer_to_record
        )

    def to_record(self, obj: Mapping[str, Any]) -> RecordIn:
        return self._adapter(obj)

    def fetch(self, position: str | None, since: str | None) -> Page:
        after = position or since or "0"
        params = {"after": after, "page_size": self.page_size}
        body, _ = self.client.json("GET", f"/api/2.0/{self.name}", params=params)
        data = body.get("data") if isinstance(body, Mapping) else None
        version = body.get("version") if isinstance(body, Mapping) else None
        if not isinstance(data, list):
            raise PageError(f"lightspeed_retail {self.name}: data is not an array")
        if not data:
            return Page(objects=[], next=None)
        top = version.get("max") if isinstance(version, Mapping) else None
        if not isinstance(top, int) or isinstance(top, bool):
            raise PageError(f"lightspeed_retail {self.name}: version.max is missing")
        live = [o for o in data if not _skipped(o, self.name)]
        more = len(data) >= self.page_size
        return Page(
            objects=live,
            next=str(top) if more else None,
            watermark=str(top),
            skipped=len(data) - len(live),
        )


class RetailConnector:
    provider = PROVIDER

    def __init__(
        self, client: HttpClient, prefix: str, page_size: int, registers: frozenset[str]
    ) -> None:
        self.client = client
        self.account = prefix
        self._streams = [
            RetailStream(client, "customers", page_size, registers),
            RetailStream(client, "sales", page_size, registers),
        ]

    def streams(self) -> Sequence[RetailStream]:
        return self._streams

    def close(self) -> None:
        self.client.close()


def from_env(env: Mapping[str, str], options: ClientOptions) -> RetailConnector:
    """``DOMAIN_PREFIX``, ``TOKEN`` (a personal token or OAuth access token); optional
    ``BASE_URL`` (default ``https://<prefix>.retail.lightspeed.app``) and
    ``ONLINE_REGISTER_IDS`` (registers eCom orders are rung on)."""
    settings = Env(env, PROVIDER)
    prefix = settings.required("DOMAIN_PREFIX")
    token = settings.required("TOKEN")
    base_url = settings.optional("BASE_URL") or f"https://{prefix}.retail.lightspeed.app"
    registers = frozenset(settings.list("ONLINE_REGISTER_IDS"))
    client = options.client(base_url, headers={"Authorization": f"Bearer {token}"})
    return RetailConnector(client, prefix, options.page_size, registers)
