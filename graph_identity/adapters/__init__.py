"""Provider adapters: pure functions from a provider's payload to a :class:`RecordIn`.

Adapters pick fields; they do not normalize identifiers (:mod:`graph_identity.normalize`
does). Every malformed input raises :class:`AdapterError`, whose message never contains
the input's values.

``ADAPTERS`` tells a bulk import which function turns one row of a file into a record:

- ``.json``/``.jsonl`` rows are provider API objects; each provider has named payload kinds
  (``customer``, ``order``, …) and a default one: the customer where the provider has a
  customer object, else what it has (an Amazon order, a ShipStation shipment).
- ``.csv`` rows are the flat record CSV (:mod:`graph_identity.adapters.flat`) for providers
  whose native data is JSON, and the provider's own export for Lightspeed eCom (order
  export) and the loyalty app (member list). ``manual`` uses the flat CSV for both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import Any, Literal

from graph_identity.adapters import (
    amazon,
    lightspeed_ecom,
    lightspeed_retail,
    loyalty,
    qbo,
    shipstation,
    shopify,
    woocommerce,
)
from graph_identity.adapters.errors import AdapterError
from graph_identity.adapters.flat import flat_row_to_record
from graph_identity.models import RecordIn

RowAdapter = Callable[[Mapping[str, Any]], RecordIn]
FileFormat = Literal["csv", "json", "jsonl"]


@dataclass(frozen=True, slots=True)
class AdapterSpec:
    """How to read one provider's rows: ``json_kinds`` by payload kind, and ``csv``."""

    provider: str
    default_kind: str
    json_kinds: Mapping[str, RowAdapter]
    csv: RowAdapter

    def row_adapter(self, file_format: FileFormat, kind: str | None = None) -> RowAdapter:
        """The function for one row of a file in ``file_format``.

        ``kind`` picks a JSON payload kind (default: ``default_kind``); CSV has one layout.
        """
        if file_format == "csv":
            if kind is not None:
                raise ValueError(f"{self.provider}: CSV rows have no payload kinds")
            return self.csv
        chosen = kind or self.default_kind
        try:
            return self.json_kinds[chosen]
        except KeyError:
            known = ", ".join(self.json_kinds)
            message = f"{self.provider}: unknown payload kind {chosen!r}; known: {known}"
            raise ValueError(message) from None


def _flat(provider: str) -> RowAdapter:
    return partial(flat_row_to_record, provider=provider)


def _spec(
    provider: str, kinds: dict[str, RowAdapter], csv: RowAdapter | None = None
) -> AdapterSpec:
    """The first kind is the default; CSV defaults to the flat record CSV."""
    return AdapterSpec(
        provider=provider,
        default_kind=next(iter(kinds)),
        json_kinds=MappingProxyType(kinds),
        csv=csv or _flat(provider),
    )


ADAPTERS: dict[str, AdapterSpec] = {
    spec.provider: spec
    for spec in (
        _spec(
            "shopify",
            {"customer": shopify.customer_to_record, "order": shopify.order_to_record},
        ),
        _spec(
            "woocommerce",
            {"customer": woocommerce.customer_to_record, "order": woocommerce.order_to_record},
        ),
        _spec("qbo", {"customer": qbo.customer_to_record}),
        _spec("amazon", {"order": amazon.order_to_record}),
        _spec("shipstation", {"shipment": shipstation.shipment_to_record}),
        _spec(
            "lightspeed_retail",
            {
                "customer": lightspeed_retail.customer_to_record,
                "sale": lightspeed_retail.sale_to_record,
            },
        ),
        _spec(
            "lightspeed_ecom",
            {"order_row": lightspeed_ecom.csv_row_to_record},
            csv=lightspeed_ecom.csv_row_to_record,
        ),
        _spec("loyalty", {"member": loyalty.member_to_record}, csv=loyalty.member_to_record),
        _spec("manual", {"record": _flat("manual")}),
    )
}
"""Provider slug → how to read its rows. Keys are exactly ``models.KNOWN_PROVIDERS``."""

__all__ = ["ADAPTERS", "AdapterError", "AdapterSpec", "FileFormat", "RowAdapter"]
