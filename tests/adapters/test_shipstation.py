from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from graph_identity.adapters import shipstation
from graph_identity.adapters.errors import AdapterError
from graph_identity.models import PostalAddress

Load = Callable[[str], Any]


def test_shipment(payload: Load) -> None:
    record = shipstation.shipment_to_record(payload("shipstation/shipment.json"))

    assert record.provider == "shipstation"
    assert record.external_id == "104587233"
    assert record.emails == ["ines.carvalho@example.com"]
    assert record.phones == ["773-555-0109"]
    assert record.addresses == [
        PostalAddress(
            name="Ines Carvalho",
            line1="1330 N Milwaukee Ave",
            line2="Apt 5",
            city="Chicago",
            region="IL",
            postal_code="60622-2014",
            country="US",
        )
    ]
    assert record.created_at == datetime(2024, 6, 5, 9, 41, 27, 760000)
    [order] = record.orders
    assert (order.id, order.number) == ("211849901", "1052")
    assert order.email == "ines.carvalho@example.com"
    assert (order.total, order.channel, order.created_at) == (None, None, None)


def test_shipment_without_order_id_carries_no_order(payload: Load) -> None:
    data = payload("shipstation/shipment.json")
    data["orderId"] = None

    assert shipstation.shipment_to_record(data).orders == []


def test_shipment_without_email(payload: Load) -> None:
    data = payload("shipstation/shipment.json")
    data["customerEmail"] = None

    record = shipstation.shipment_to_record(data)

    assert record.emails == []
    assert len(record.addresses) == 1


def test_missing_shipment_id(payload: Load) -> None:
    data = payload("shipstation/shipment.json")
    del data["shipmentId"]

    with pytest.raises(AdapterError) as err:
        shipstation.shipment_to_record(data)

    assert err.value.loc == ("shipmentId",)


def test_ship_to_given_as_text(payload: Load) -> None:
    data = payload("shipstation/shipment.json")
    data["shipTo"] = "Ines Carvalho, 1330 N Milwaukee Ave"

    with pytest.raises(AdapterError) as err:
        shipstation.shipment_to_record(data)

    assert err.value.loc == ("shipTo",)
    assert "Carvalho" not in str(err.value)


def test_ship_to_street_of_wrong_type(payload: Load) -> None:
    data = payload("shipstation/shipment.json")
    data["shipTo"]["street1"] = ["1330 N Milwaukee Ave"]

    with pytest.raises(AdapterError, match=r"shipTo\.street1: expected text, got array"):
        shipstation.shipment_to_record(data)
