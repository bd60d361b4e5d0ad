"""A fake ShipStation API v1: ``orders`` and ``shipments`` pages, Pacific times."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.sync.fakes import FakeRequest, FakeResponse
from tests.sync.people import Person, Sale

KEY = "ss-key"
SECRET = "ss-secret"
_BASIC = "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
PACIFIC = ZoneInfo("America/Los_Angeles")


def _pt(moment: datetime) -> str:
    return moment.astimezone(PACIFIC).strftime("%Y-%m-%dT%H:%M:%S.%f0")


def _party(p: Person) -> dict[str, Any]:
    return {
        "name": f"{p.first} {p.last}",
        "company": None,
        "street1": p.street,
        "street2": "",
        "street3": None,
        "city": p.city,
        "state": p.region,
        "postalCode": p.postcode,
        "country": p.country,
        "phone": p.phone,
        "residential": True,
    }


class FakeShipStation:
    """Each sale is an order; every other sale also has a shipment."""

    def __init__(self, persons: list[Person], sales: list[Sale]) -> None:
        self.persons = {p.n: p for p in persons}
        self.sales = {s.n: s for s in sales}

    def order(self, s: Sale) -> dict[str, Any]:
        p = self.persons[s.person]
        return {
            "orderId": 4400 + s.n,
            "orderNumber": f"SS-{s.n}",
            "orderKey": f"key-{s.n}",
            "orderDate": _pt(s.created),
            "createDate": _pt(s.created),
            "modifyDate": _pt(s.updated),
            "orderStatus": "shipped",
            "customerId": 80000 + p.n,
            "customerUsername": p.email,
            "customerEmail": p.email,
            "billTo": _party(p),
            "shipTo": _party(p),
            "orderTotal": float(s.total),
            "items": [],
        }

    def shipment(self, s: Sale) -> dict[str, Any]:
        p = self.persons[s.person]
        return {
            "shipmentId": 9100 + s.n,
            "orderId": 4400 + s.n,
            "orderKey": f"key-{s.n}",
            "orderNumber": f"SS-{s.n}",
            "customerEmail": p.email,
            "createDate": _pt(s.created),
            "shipDate": s.created.date().isoformat(),
            "trackingNumber": f"1Z{s.n:010d}",
            "shipTo": _party(p),
            "voided": False,
        }

    def __call__(self, request: FakeRequest) -> FakeResponse:
        if request.headers.get("authorization") != _BASIC:
            return FakeResponse(401, {"Message": "Authorization has been denied"})
        resource = request.path.strip("/")
        if resource == "orders":
            rows = [(s.updated, s.n, self.order(s)) for s in self.sales.values()]
            since = request.query.get("modifyDateStart")
        elif resource == "shipments":
            rows = [(s.created, s.n, self.shipment(s)) for s in self.sales.values() if s.n % 2]
            since = request.query.get("createDateStart")
        else:
            return FakeResponse(404, {"Message": "No HTTP resource was found"})
        if since is not None:
            moment = datetime.fromisoformat(since).replace(tzinfo=PACIFIC)
            rows = [row for row in rows if row[0] >= moment]
        rows.sort(key=lambda row: (row[0], row[1]))
        page, size = int(request.query["page"]), int(request.query["pageSize"])
        pages = max(1, -(-len(rows) // size))
        body = {
            resource: [row[2] for row in rows[(page - 1) * size : page * size]],
            "total": len(rows),
            "page": page,
            "pages": pages,
        }
        return FakeResponse(200, body)
