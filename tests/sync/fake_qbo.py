"""A fake QuickBooks Online Accounting API: ``query``, ``cdc`` and reads by id
(``/customer/<id>``, ``/invoice/<id>``, ``/salesreceipt/<id>``) in the documented shapes."""

from __future__ import annotations

import base64
import re
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qs

from tests.sync.fakes import FakeRequest, FakeResponse
from tests.sync.people import Person, Sale

REALM = "9130350000000001"
TOKEN = "qbo-test-token"
REFRESH = "qbo-refresh-token"
CLIENT_BASIC = base64.b64encode(b"client-id:client-secret").decode()
_QUERY = re.compile(
    r"SELECT \* FROM (?P<entity>\w+)"
    r"(?: WHERE MetaData\.LastUpdatedTime > '(?P<since>[^']+)')?"
    r" STARTPOSITION (?P<start>\d+) MAXRESULTS (?P<max>\d+)"
)
_PST = timedelta(hours=-8)
_READ = re.compile(rf"/v3/company/{REALM}/(?P<entity>customer|invoice|salesreceipt)/(?P<id>\d+)")
_ENTITY_NAMES = {"customer": "Customer", "invoice": "Invoice", "salesreceipt": "SalesReceipt"}


def _time(moment: datetime) -> str:
    """QBO writes times with the company's offset (here -08:00)."""
    return moment.astimezone(timezone(_PST)).isoformat()


class FakeQbo:
    def __init__(self, persons: list[Person], sales: list[Sale]) -> None:
        self.persons = {p.n: p for p in persons}
        self.sales = {s.n: s for s in sales}
        self.deleted: dict[int, datetime] = {}
        self.broken: set[int] = set()
        """Customers served with a malformed field (an email that is not an object)."""
        self.token = TOKEN

    def customer(self, p: Person) -> dict[str, Any]:
        return {
            "Id": str(p.n),
            "SyncToken": "0",
            "GivenName": p.first,
            "FamilyName": p.last,
            "DisplayName": f"{p.first} {p.last}",
            "PrimaryEmailAddr": {"Address": p.email},
            "PrimaryPhone": {"FreeFormNumber": p.phone},
            "BillAddr": {
                "Id": str(1000 + p.n),
                "Line1": p.street,
                "City": p.city,
                "CountrySubDivisionCode": p.region,
                "PostalCode": p.postcode,
                "Country": p.country,
            },
            "Active": True,
            **({"PrimaryEmailAddr": "not-an-object"} if p.n in self.broken else {}),
            "Balance": 0,
            "MetaData": {"CreateTime": _time(p.created), "LastUpdatedTime": _time(p.updated)},
        }

    def transaction(self, s: Sale) -> dict[str, Any]:
        p = self.persons[s.person]
        return {
            "Id": str(s.n),
            "SyncToken": "0",
            "DocNumber": str(1000 + s.n),
            "TxnDate": s.created.date().isoformat(),
            "TotalAmt": float(s.total),
            "CurrencyRef": {"value": "USD", "name": "United States Dollar"},
            "CustomerRef": {"value": str(p.n), "name": f"{p.first} {p.last}"},
            "BillEmail": {"Address": p.email},
            "Line": [{"Amount": float(s.total), "DetailType": "SalesItemLineDetail"}],
            "MetaData": {"CreateTime": _time(s.created), "LastUpdatedTime": _time(s.updated)},
        }

    def entities(self, entity: str) -> list[tuple[datetime, dict[str, Any]]]:
        if entity == "Customer":
            return [(p.updated, self.customer(p)) for p in self.persons.values()]
        parity = 1 if entity == "Invoice" else 0
        return [(s.updated, self.transaction(s)) for s in self.sales.values() if s.n % 2 == parity]

    def __call__(self, request: FakeRequest) -> FakeResponse:
        if request.path == "/oauth2/v1/tokens/bearer":
            return self.refresh(request)
        if request.headers.get("authorization") != f"Bearer {self.token}":
            fault = {"Error": [{"Message": "AuthenticationFailed", "code": "3200"}]}
            return FakeResponse(401, {"Fault": {**fault, "type": "AUTHENTICATION"}})
        if request.path == f"/v3/company/{REALM}/query":
            return self.query(request.query["query"])
        if request.path == f"/v3/company/{REALM}/cdc":
            return self.cdc(request.query["entities"], request.query["changedSince"])
        read = _READ.fullmatch(request.path)
        if read is not None:
            return self.read(_ENTITY_NAMES[read["entity"]], read["id"])
        return FakeResponse(404, {"Fault": {"Error": [{"Message": "not found"}]}})

    def query(self, statement: str) -> FakeResponse:
        match = _QUERY.fullmatch(statement)
        if match is None:
            return FakeResponse(400, {"Fault": {"Error": [{"Message": "parse error"}]}})
        since = datetime.fromisoformat(match["since"]) if match["since"] else None
        rows = sorted(
            (e for when, e in self.entities(match["entity"]) if since is None or when > since),
            key=lambda e: int(e["Id"]),
        )
        start, size = int(match["start"]), int(match["max"])
        page = rows[start - 1 : start - 1 + size]
        body: dict[str, Any] = {}
        if page:
            body = {match["entity"]: page, "startPosition": start, "maxResults": len(page)}
        return FakeResponse(200, {"QueryResponse": body, "time": "2026-02-01T10:00:00-08:00"})

    def read(self, entity: str, entity_id: str) -> FakeResponse:
        """One entity by id; an unknown id is QBO's 400 ``Object Not Found``."""
        for _, found in self.entities(entity):
            if found["Id"] == entity_id:
                return FakeResponse(200, {entity: found, "time": "2026-02-01T10:00:00-08:00"})
        fault = {
            "Error": [{"Message": "Object Not Found", "code": "610"}],
            "type": "ValidationFault",
        }
        return FakeResponse(400, {"Fault": fault})

    def cdc(self, entities: str, changed_since: str) -> FakeResponse:
        since = datetime.fromisoformat(changed_since.replace("Z", "+00:00"))
        responses = []
        for entity in entities.split(","):
            rows = [e for when, e in self.entities(entity) if when > since]
            if entity == "Customer":
                rows += [
                    {"Id": str(n), "status": "Deleted", "MetaData": {"LastUpdatedTime": _time(w)}}
                    for n, w in self.deleted.items()
                    if w > since
                ]
            responses.append({entity: rows, "startPosition": 1, "maxResults": len(rows)})
        body = {"CDCResponse": [{"QueryResponse": responses}], "time": "2026-02-01T10:00:00-08:00"}
        return FakeResponse(200, body)

    def refresh(self, request: FakeRequest) -> FakeResponse:
        """Intuit's token endpoint: a refresh grant with the client's basic auth."""
        form = {k: v[-1] for k, v in parse_qs(request.body.decode()).items()}
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") != REFRESH:
            return FakeResponse(400, {"error": "invalid_grant"})
        if request.headers.get("authorization") != "Basic " + CLIENT_BASIC:
            return FakeResponse(401, {"error": "invalid_client"})
        self.token = "qbo-refreshed-token"
        body = {
            "access_token": self.token,
            "refresh_token": "rotated-refresh",
            "token_type": "bearer",
            "expires_in": 3600,
            "x_refresh_token_expires_in": 8726400,
        }
        return FakeResponse(200, body)
