"""A fake WooCommerce REST API v3: ``customers`` and ``orders`` pages with X-WP-* headers."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from tests.sync.fakes import FakeRequest, FakeResponse
from tests.sync.people import Person, Sale

KEY = "ck_test_key"
SECRET = "cs_test_secret"
_BASIC = "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()


def _gmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _billing(p: Person, email: str) -> dict[str, Any]:
    return {
        "first_name": p.first,
        "last_name": p.last,
        "company": "",
        "address_1": p.street,
        "address_2": "",
        "city": p.city,
        "state": p.region,
        "postcode": p.postcode,
        "country": p.country,
        "email": email,
        "phone": p.phone,
    }


class FakeWoo:
    def __init__(self, persons: list[Person], sales: list[Sale]) -> None:
        self.persons = {p.n: p for p in persons}
        self.sales = {s.n: s for s in sales}

    def customer(self, p: Person) -> dict[str, Any]:
        return {
            "id": 300 + p.n,
            "date_created": _gmt(p.created),
            "date_created_gmt": _gmt(p.created),
            "date_modified": _gmt(p.updated),
            "date_modified_gmt": _gmt(p.updated),
            "email": p.email,
            "first_name": p.first,
            "last_name": p.last,
            "role": "customer",
            "username": f"user{p.n}",
            "billing": _billing(p, p.email),
            "shipping": {k: v for k, v in _billing(p, p.email).items() if k != "email"},
            "is_paying_customer": True,
            "meta_data": [],
        }

    def order(self, s: Sale) -> dict[str, Any]:
        p = self.persons[s.person]
        guest = s.n % 4 == 0
        return {
            "id": 900 + s.n,
            "number": str(900 + s.n),
            "status": "completed",
            "currency": "USD",
            "date_created": _gmt(s.created),
            "date_created_gmt": _gmt(s.created),
            "date_modified": _gmt(s.updated),
            "date_modified_gmt": _gmt(s.updated),
            "total": s.total,
            "customer_id": 0 if guest else 300 + p.n,
            "billing": _billing(p, f"person{p.n}@example.com"),
            "shipping": {k: v for k, v in _billing(p, "").items() if k != "email"},
            "line_items": [],
        }

    def __call__(self, request: FakeRequest) -> FakeResponse:
        if request.headers.get("authorization") != _BASIC:
            body = {"code": "woocommerce_rest_cannot_view", "message": "Sorry, you cannot list"}
            return FakeResponse(401, body)
        resource = request.path.removeprefix("/wp-json/wc/v3/")
        if resource == "customers":
            rows = [(p.updated, p.n, self.customer(p)) for p in self.persons.values()]
        elif resource == "orders":
            rows = [(s.updated, s.n, self.order(s)) for s in self.sales.values()]
            if "modified_after" in request.query:
                since = datetime.fromisoformat(request.query["modified_after"] + "+00:00")
                rows = [row for row in rows if row[0] > since]
        else:
            return FakeResponse(404, {"code": "rest_no_route"})
        rows.sort(key=lambda row: row[1])
        page, size = int(request.query.get("page", 1)), int(request.query.get("per_page", 10))
        pages = max(1, -(-len(rows) // size))
        headers = {"X-WP-Total": str(len(rows)), "X-WP-TotalPages": str(pages)}
        return FakeResponse(200, [row[2] for row in rows[(page - 1) * size : page * size]], headers)
