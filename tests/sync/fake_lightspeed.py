"""Fake Lightspeed APIs: X-Series 2.0 (version cursors) and eCom (pages, key/secret)."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from tests.sync.fakes import FakeRequest, FakeResponse
from tests.sync.people import Person, Sale

PREFIX = "graphidentitytest"
TOKEN = "lsxs_pt_test"
ECOM_KEY = "ecom-key"
ECOM_SECRET = "ecom-secret"
_ECOM_BASIC = "Basic " + base64.b64encode(f"{ECOM_KEY}:{ECOM_SECRET}".encode()).decode()


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _uuid(kind: int, n: int) -> str:
    return f"0a6f6e36-8b{kind:02d}-11ef-f0{n:02d}-{n:012d}"


class FakeXSeries:
    """Every change gets the next version number, as X-Series does."""

    def __init__(self, persons: list[Person], sales: list[Sale]) -> None:
        self.persons = {p.n: p for p in persons}
        self.sales = {s.n: s for s in sales}
        self.version = 0
        self.versions: dict[tuple[str, int], int] = {}
        for p in persons:
            self.touch("customers", p.n)
        for s in sales:
            self.touch("sales", s.n)

    def touch(self, kind: str, n: int) -> None:
        self.version += 1
        self.versions[(kind, n)] = self.version

    def customer(self, p: Person) -> dict[str, Any]:
        return {
            "id": _uuid(1, p.n),
            "customer_code": f"C{p.n:04d}",
            "first_name": p.first,
            "last_name": p.last,
            "email": p.email,
            "phone": p.phone,
            "mobile": None,
            "physical_address_1": p.street,
            "physical_city": p.city,
            "physical_state": p.region,
            "physical_postcode": p.postcode,
            "physical_country_id": p.country,
            "do_not_email": False,
            "created_at": _ts(p.created),
            "updated_at": _ts(p.updated),
            "deleted_at": None,
            "version": self.versions[("customers", p.n)],
        }

    def order(self, s: Sale) -> dict[str, Any]:
        walk_in = s.n % 7 == 0
        return {
            "id": _uuid(2, s.n),
            "invoice_number": str(500 + s.n),
            "customer_id": None if walk_in else _uuid(1, s.person),
            "register_id": "reg-1",
            "source": "USER",
            "status": "CLOSED",
            "sale_date": _ts(s.created),
            "created_at": _ts(s.created),
            "total_price": s.total,
            "total_tax": "0.00",
            "deleted_at": None,
            "version": self.versions[("sales", s.n)],
        }

    def __call__(self, request: FakeRequest) -> FakeResponse:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return FakeResponse(401, {"error": "unauthorized"})
        resource = request.path.removeprefix("/api/2.0/")
        if resource == "customers":
            rows = [self.customer(p) for p in self.persons.values()]
        elif resource == "sales":
            rows = [self.order(s) for s in self.sales.values()]
        else:
            return FakeResponse(404, {"error": "not found"})
        after = int(request.query.get("after", 0))
        size = int(request.query.get("page_size", 100))
        page = sorted((r for r in rows if r["version"] > after), key=lambda r: r["version"])[:size]
        version = {"min": page[0]["version"], "max": page[-1]["version"]} if page else None
        return FakeResponse(200, {"data": page, "version": version})


class FakeEcom:
    def __init__(self, persons: list[Person], sales: list[Sale]) -> None:
        self.persons = {p.n: p for p in persons}
        self.sales = {s.n: s for s in sales}

    @staticmethod
    def _billing(p: Person) -> dict[str, Any]:
        number = p.street.split(" ", 1)[0]
        return {
            "addressBillingName": f"{p.first} {p.last}",
            "addressBillingStreet": p.street.split(" ", 1)[1],
            "addressBillingNumber": number,
            "addressBillingExtension": "",
            "addressBillingZipcode": p.postcode,
            "addressBillingCity": p.city,
            "addressBillingRegion": p.region,
            "addressBillingCountry": {"id": "us", "code": "us", "title": "United States"},
        }

    def customer(self, p: Person) -> dict[str, Any]:
        return {
            "id": 66000 + p.n,
            "createdAt": _ts(p.created),
            "updatedAt": _ts(p.updated),
            "isConfirmed": True,
            "type": "private",
            "gender": "",
            "firstname": p.first,
            "lastname": p.last,
            "email": p.email,
            "phone": p.phone,
            "mobile": "",
            **self._billing(p),
        }

    def order(self, s: Sale) -> dict[str, Any]:
        p = self.persons[s.person]
        guest = s.n % 4 == 0
        customer = None if guest else {"resource": {"id": 66000 + p.n, "url": "customers/x"}}
        return {
            "id": 31000 + s.n,
            "number": f"ORD{s.n:05d}",
            "createdAt": _ts(s.created),
            "updatedAt": _ts(s.updated),
            "status": "completed_shipped",
            "priceIncl": float(s.total),
            "email": f"person{p.n}@example.com",
            "firstname": p.first,
            "lastname": p.last,
            "phone": p.phone,
            "mobile": "",
            "customer": customer,
            **self._billing(p),
        }

    def __call__(self, request: FakeRequest) -> FakeResponse:
        if request.headers.get("authorization") != _ECOM_BASIC:
            return FakeResponse(401, {"error": {"code": 401, "message": "Unauthorized"}})
        resource = request.path.removeprefix("/en/").removesuffix(".json")
        if resource == "customers":
            rows = [(p.updated, p.n, self.customer(p)) for p in self.persons.values()]
        elif resource == "orders":
            rows = [(s.updated, s.n, self.order(s)) for s in self.sales.values()]
        else:
            return FakeResponse(404, {"error": {"code": 404, "message": "Not found"}})
        if "updated_at_min" in request.query:
            since = datetime.fromisoformat(request.query["updated_at_min"].replace("Z", "+00:00"))
            rows = [row for row in rows if row[0] >= since]
        rows.sort(key=lambda row: row[1])
        page, size = int(request.query["page"]), int(request.query["limit"])
        return FakeResponse(200, {resource: [r[2] for r in rows[(page - 1) * size : page * size]]})
