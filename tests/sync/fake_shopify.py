"""A fake Shopify Admin GraphQL API: ``customers`` and ``orders`` connections, query cost."""

from __future__ import annotations

import base64
import re
from datetime import datetime
from typing import Any

from tests.sync.fakes import FakeRequest, FakeResponse
from tests.sync.people import Person, Sale

SHOP = "graph-identity-test.myshopify.com"
TOKEN = "shpat_test_token"
PATH = "/admin/api/2025-04/graphql.json"
_SINCE = re.compile(r"updated_at:>'(?P<since>[^']+)'")


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _address(p: Person) -> dict[str, Any]:
    return {
        "firstName": p.first,
        "lastName": p.last,
        "name": f"{p.first} {p.last}",
        "address1": p.street,
        "address2": None,
        "city": p.city,
        "provinceCode": p.region,
        "zip": p.postcode,
        "countryCodeV2": p.country,
        "phone": p.phone,
    }


class FakeShopify:
    def __init__(self, persons: list[Person], sales: list[Sale]) -> None:
        self.persons = {p.n: p for p in persons}
        self.sales = {s.n: s for s in sales}
        self.throttle = 0
        """How many of the next answers say THROTTLED."""

    def customer(self, p: Person) -> dict[str, Any]:
        return {
            "id": f"gid://shopify/Customer/{7000 + p.n}",
            "firstName": p.first,
            "lastName": p.last,
            "createdAt": _ts(p.created),
            "updatedAt": _ts(p.updated),
            "defaultEmailAddress": {"emailAddress": p.email, "marketingState": "SUBSCRIBED"},
            "defaultPhoneNumber": {"phoneNumber": p.phone},
            "defaultAddress": _address(p),
        }

    def order(self, s: Sale) -> dict[str, Any]:
        p = self.persons[s.person]
        guest = s.n % 5 == 0
        return {
            "id": f"gid://shopify/Order/{5000 + s.n}",
            "name": f"#{1000 + s.n}",
            "email": f"person{p.n}@example.com",
            "phone": None,
            "createdAt": _ts(s.created),
            "updatedAt": _ts(s.updated),
            "sourceName": "pos" if s.n % 3 == 0 else "web",
            "totalPriceSet": {"shopMoney": {"amount": s.total, "currencyCode": "USD"}},
            "customer": None if guest else {"id": f"gid://shopify/Customer/{7000 + p.n}"},
            "billingAddress": _address(p),
            "shippingAddress": _address(p),
        }

    def nodes(self, root: str) -> list[tuple[datetime, int, dict[str, Any]]]:
        if root == "customers":
            return [(p.updated, p.n, self.customer(p)) for p in self.persons.values()]
        return [(s.updated, s.n, self.order(s)) for s in self.sales.values()]

    def __call__(self, request: FakeRequest) -> FakeResponse:
        if request.path != PATH or request.method != "POST":
            return FakeResponse(404, {"errors": "Not Found"})
        if request.headers.get("x-shopify-access-token") != TOKEN:
            return FakeResponse(401, {"errors": "[API] Invalid API key or access token"})
        body = request.json()
        variables = body["variables"]
        cost = 2 + variables["first"]
        if self.throttle:
            self.throttle -= 1
            return FakeResponse(200, self._throttled(cost))
        root = "orders" if "orders(first" in body["query"] else "customers"
        match = _SINCE.fullmatch(variables["query"] or "")
        since = datetime.fromisoformat(match["since"]) if match else None
        rows = sorted(
            (row for row in self.nodes(root) if since is None or row[0] > since),
            key=lambda row: (row[0], row[1]),
        )
        start = int(base64.b64decode(variables["after"]).decode()) if variables["after"] else 0
        end = start + variables["first"]
        cursor = base64.b64encode(str(end).encode()).decode()
        connection = {
            "nodes": [row[2] for row in rows[start:end]],
            "pageInfo": {"hasNextPage": end < len(rows), "endCursor": cursor},
        }
        return FakeResponse(200, {"data": {root: connection}, "extensions": self._cost(cost)})

    @staticmethod
    def _cost(cost: int, available: int = 1990) -> dict[str, Any]:
        status = {"maximumAvailable": 2000.0, "currentlyAvailable": available, "restoreRate": 100.0}
        return {
            "cost": {
                "requestedQueryCost": cost,
                "actualQueryCost": cost,
                "throttleStatus": status,
            }
        }

    def _throttled(self, cost: int) -> dict[str, Any]:
        error = {
            "message": "Throttled",
            "extensions": {"code": "THROTTLED", "documentation": "https://shopify.dev/api/usage"},
        }
        return {"errors": [error], "extensions": self._cost(cost, available=0)}
