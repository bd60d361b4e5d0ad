from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graph_identity.adapters import (
    ADAPTERS,
    amazon,
    lightspeed_ecom,
    lightspeed_retail,
    loyalty,
    qbo,
    shipstation,
    shopify,
    woocommerce,
)
from graph_identity.models import KNOWN_PROVIDERS

Load = Callable[[str], Any]

DEFAULT_JSON = {
    "shopify": ("customer", shopify.customer_to_record),
    "woocommerce": ("customer", woocommerce.customer_to_record),
    "qbo": ("customer", qbo.customer_to_record),
    "amazon": ("order", amazon.order_to_record),
    "shipstation": ("shipment", shipstation.shipment_to_record),
    "lightspeed_retail": ("customer", lightspeed_retail.customer_to_record),
    "lightspeed_ecom": ("order_row", lightspeed_ecom.csv_row_to_record),
    "loyalty": ("member", loyalty.member_to_record),
}

SAMPLE = {
    "shopify": "shopify/customer_rest.json",
    "woocommerce": "woocommerce/customer.json",
    "qbo": "qbo/customer.json",
    "amazon": "amazon/order.json",
    "shipstation": "shipstation/shipment.json",
    "lightspeed_retail": "lightspeed_retail/customer.json",
    "loyalty": "loyalty/member.json",
}


def test_every_known_provider_has_an_adapter() -> None:
    assert set(ADAPTERS) == set(KNOWN_PROVIDERS)
    assert all(spec.provider == name for name, spec in ADAPTERS.items())


@pytest.mark.parametrize("provider", sorted(DEFAULT_JSON))
def test_default_json_kind(provider: str) -> None:
    kind, function = DEFAULT_JSON[provider]
    spec = ADAPTERS[provider]

    assert spec.default_kind == kind
    assert spec.row_adapter("json") is function
    assert spec.row_adapter("jsonl") is function


@pytest.mark.parametrize("provider", sorted(SAMPLE))
def test_default_json_adapter_reads_the_sample(payload: Load, provider: str) -> None:
    record = ADAPTERS[provider].row_adapter("jsonl")(payload(SAMPLE[provider]))

    assert record.provider == provider


def test_named_kinds() -> None:
    assert ADAPTERS["shopify"].row_adapter("json", "order") is shopify.order_to_record
    assert ADAPTERS["woocommerce"].row_adapter("json", "order") is woocommerce.order_to_record
    assert ADAPTERS["lightspeed_retail"].row_adapter("json", "sale") is (
        lightspeed_retail.sale_to_record
    )


@pytest.mark.parametrize(
    "provider", ["shopify", "woocommerce", "qbo", "amazon", "shipstation", "lightspeed_retail"]
)
def test_csv_of_json_providers_is_the_flat_record_csv(provider: str) -> None:
    record = ADAPTERS[provider].row_adapter("csv")({"external_id": "42", "email": "x@example.com"})

    assert (record.provider, record.external_id, record.emails) == (
        provider,
        "42",
        ["x@example.com"],
    )


def test_csv_of_providers_with_their_own_export() -> None:
    assert ADAPTERS["lightspeed_ecom"].row_adapter("csv") is lightspeed_ecom.csv_row_to_record
    assert ADAPTERS["loyalty"].row_adapter("csv") is loyalty.member_to_record


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_manual_reads_flat_rows(file_format: str) -> None:
    adapter = ADAPTERS["manual"].row_adapter(file_format)  # type: ignore[arg-type]

    assert adapter({"external_id": "m-1", "phone": "555-0100"}).provider == "manual"


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown payload kind 'refund'; known: customer, order"):
        ADAPTERS["shopify"].row_adapter("json", "refund")


def test_csv_has_no_kinds() -> None:
    with pytest.raises(ValueError, match="CSV rows have no payload kinds"):
        ADAPTERS["shopify"].row_adapter("csv", "order")
