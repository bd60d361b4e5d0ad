"""A fake Amazon SP-API Orders v0 ``getOrders`` with ``NextToken`` paging and an LWA token
endpoint."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from tests.sync.fakes import FakeRequest, FakeResponse
from tests.sync.people import Person, Sale

MARKETPLACE = "ATVPDKIKX0DER"
REFRESH = "Atzr|test-refresh"
ACCESS = "Atza|test-access"


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class FakeAmazon:
    """Orders are the sales; each names its buyer's shipping address and phone."""

    def __init__(self, persons: list[Person], sales: list[Sale]) -> None:
        self.persons = {p.n: p for p in persons}
        self.sales = {s.n: s for s in sales}
        self.page_size = 100
        self.tokens: dict[str, list[dict[str, Any]]] = {}

    def order(self, s: Sale) -> dict[str, Any]:
        p = self.persons[s.person]
        return {
            "AmazonOrderId": f"113-{s.n:07d}-0000001",
            "PurchaseDate": _ts(s.created),
            "LastUpdateDate": _ts(s.updated),
            "OrderStatus": "Shipped",
            "FulfillmentChannel": "MFN",
            "SalesChannel": "Amazon.com",
            "OrderTotal": {"CurrencyCode": "USD", "Amount": s.total},
            "MarketplaceId": MARKETPLACE,
            "BuyerInfo": {"BuyerEmail": f"{p.n}abc@marketplace.amazon.com"},
            "ShippingAddress": {
                "Name": f"{p.first} {p.last}",
                "AddressLine1": p.street,
                "City": p.city,
                "StateOrRegion": p.region,
                "PostalCode": p.postcode,
                "CountryCode": p.country,
                "Phone": p.phone,
            },
        }

    def __call__(self, request: FakeRequest) -> FakeResponse:
        if request.path == "/auth/o2/token":
            form = {k: v[-1] for k, v in parse_qs(request.body.decode()).items()}
            if form.get("refresh_token") != REFRESH or form.get("client_id") != "amzn-client":
                return FakeResponse(400, {"error": "invalid_grant"})
            return FakeResponse(200, {"access_token": ACCESS, "token_type": "bearer"})
        if request.headers.get("x-amz-access-token") != ACCESS:
            return FakeResponse(403, {"errors": [{"code": "Unauthorized", "message": "denied"}]})
        if request.query.get("MarketplaceIds") != MARKETPLACE:
            return FakeResponse(400, {"errors": [{"code": "InvalidInput", "message": "ids"}]})
        token = request.query.get("NextToken")
        if token is not None:
            rows = self.tokens.pop(token)
        else:
            since = request.query.get("LastUpdatedAfter") or request.query["CreatedAfter"]
            field = "updated" if "LastUpdatedAfter" in request.query else "created"
            moment = datetime.fromisoformat(since.replace("Z", "+00:00"))
            rows = [
                self.order(s)
                for s in sorted(self.sales.values(), key=lambda s: s.n)
                if getattr(s, field) > moment
            ]
            self.page_size = int(request.query.get("MaxResultsPerPage", 100))
        page, rest = rows[: self.page_size], rows[self.page_size :]
        payload: dict[str, Any] = {"Orders": page, "CreatedBefore": "2026-12-01T00:00:00Z"}
        if rest:
            next_token = f"token-{len(self.tokens) + 1}-{len(rest)}"
            self.tokens[next_token] = rest
            payload["NextToken"] = next_token
        return FakeResponse(200, {"payload": payload})
