"""QuickBooks Online webhooks end to end: a signed notification → the fake QBO API is asked
for each entity → the records are in the real Neo4j and resolvable over HTTP."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from neo4j import Driver
from pydantic import SecretStr

from tests.sync.fake_qbo import REALM, TOKEN, FakeQbo
from tests.sync.fakes import FAILED, FakeServer
from tests.sync.people import people, sales
from tests.webhooks.helpers import b64_hmac, deliveries, graph_state

VERIFIER = "qbo-webhook-verifier-token"
PERSONS = people(6)
SALES = sales(PERSONS, 4)
INVOICE = next(s for s in SALES if s.n % 2 == 1)  # the fake serves odd sales as invoices


@pytest.fixture
def qbo_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServer]:
    server = FakeServer(FakeQbo(PERSONS, SALES))
    monkeypatch.setenv("GRAPH_IDENTITY_QBO_REALM_ID", REALM)
    monkeypatch.setenv("GRAPH_IDENTITY_QBO_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("GRAPH_IDENTITY_QBO_BASE_URL", server.url)
    yield server
    server.close()


@pytest.fixture
def hooks(api_server: Callable[..., httpx.Client], qbo_api: FakeServer) -> httpx.Client:
    return api_server(qbo_webhook_verifier=SecretStr(VERIFIER))


def notification(*entities: tuple[str, str, str], realm: str = REALM) -> bytes:
    changes = [
        {"name": name, "id": entity_id, "operation": op, "lastUpdated": "2026-12-03T10:42:19-0800"}
        for name, entity_id, op in entities
    ]
    body = {"eventNotifications": [{"realmId": realm, "dataChangeEvent": {"entities": changes}}]}
    return json.dumps(body).encode()


def post(client: httpx.Client, body: bytes, verifier: str = VERIFIER) -> httpx.Response:
    headers = {"Content-Type": "application/json", "intuit-signature": b64_hmac(verifier, body)}
    return client.post("/v1/webhooks/qbo", headers=headers, content=body)


def reads(server: FakeServer) -> list[str]:
    """The entities the fake QBO API was asked for, by path."""
    prefix = f"/v3/company/{REALM}/"
    return [r.path.removeprefix(prefix) for r in server.requests if r.method == "GET"]


def test_a_signed_notification_fetches_and_ingests_the_entities(
    hooks: httpx.Client, qbo_api: FakeServer, graph: Driver
) -> None:
    buyer = INVOICE.person
    body = notification(("Customer", str(buyer), "Create"), ("Invoice", str(INVOICE.n), "Update"))
    answer = post(hooks, body)

    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["status"] == "processed"
    assert reads(qbo_api) == [f"customer/{buyer}", f"invoice/{INVOICE.n}"]
    assert qbo_api.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    customer, invoice = result["entities"]
    assert customer["status"] == "processed" and customer["action"] == "created"
    assert customer["record"] == invoice["record"] == f"qbo:{buyer}"
    assert invoice["status"] == "processed" and invoice["entity"] == "Invoice"
    assert "example.com" not in answer.text  # ids and statuses only, never values

    found = hooks.post("/v1/resolve", json={"email": f"Person{buyer}@Example.com"})
    assert found.status_code == 200 and found.json()["status"] == "found"
    assert found.json()["customer_id"] == customer["customer_id"]
    orders, _, _ = graph.execute_query(
        "MATCH (:Record {key: $key})-[:PLACED]->(o:Order) RETURN o.order_id AS id",
        key=f"qbo:{buyer}",
    )
    assert [o["id"] for o in orders] == [f"invoice-{INVOICE.n}"]
    digest = hashlib.sha256(body).hexdigest()
    assert deliveries(graph) == [
        f"qbo:body:{digest}:Customer:{buyer}",
        f"qbo:body:{digest}:Invoice:{INVOICE.n}",
    ]


def test_a_bad_or_missing_signature_is_401_and_nothing_is_fetched_or_written(
    hooks: httpx.Client, qbo_api: FakeServer, graph: Driver
) -> None:
    before = graph_state(graph)
    body = notification(("Customer", "1", "Create"))
    forged = post(hooks, body, verifier="guessed")
    assert forged.status_code == 401
    assert forged.json() == {"detail": "intuit-signature does not match the body"}
    unsigned = hooks.post("/v1/webhooks/qbo", content=body)
    assert unsigned.status_code == 401
    assert qbo_api.requests == []
    assert graph_state(graph) == before


def test_without_a_verifier_token_the_webhook_answers_503(
    api_server: Callable[..., httpx.Client], qbo_api: FakeServer, graph: Driver
) -> None:
    client = api_server()
    answer = post(client, notification(("Customer", "1", "Create")))
    assert answer.status_code == 503
    assert "GRAPH_IDENTITY_QBO_WEBHOOK_VERIFIER" in answer.json()["detail"]
    assert qbo_api.requests == []
    assert deliveries(graph) == []


def test_a_repeated_notification_is_a_duplicate_without_asking_qbo(
    hooks: httpx.Client, qbo_api: FakeServer, graph: Driver
) -> None:
    body = notification(("Customer", "2", "Update"))
    assert post(hooks, body).json()["status"] == "processed"
    asked = len(qbo_api.requests)
    before = graph_state(graph)

    again = post(hooks, body)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["entities"][0]["status"] == "duplicate"
    assert len(qbo_api.requests) == asked
    assert graph_state(graph) == before


def test_deletions_other_entities_and_other_realms_are_ignored(
    hooks: httpx.Client, qbo_api: FakeServer, graph: Driver
) -> None:
    body = notification(("Customer", "3", "Delete"), ("Vendor", "1", "Create"))
    answer = post(hooks, body)
    assert answer.status_code == 200
    result = answer.json()
    assert result["status"] == "ignored"
    deleted, vendor = result["entities"]
    assert deleted["status"] == "ignored" and "erasure" in deleted["reason"]
    assert vendor["status"] == "ignored" and vendor["reason"] == "entity not handled"
    other = post(hooks, notification(("Customer", "3", "Create"), realm="123"))
    assert other.json()["entities"][0]["status"] == "ignored"
    assert qbo_api.requests == []
    assert deliveries(graph) == []


def test_an_entity_qbo_no_longer_has_is_ignored(
    hooks: httpx.Client, qbo_api: FakeServer, graph: Driver
) -> None:
    answer = post(hooks, notification(("Customer", "999", "Update")))
    assert answer.status_code == 200
    (entity,) = answer.json()["entities"]
    assert entity["status"] == "ignored" and "HTTP 400" in entity["reason"]
    assert reads(qbo_api) == ["customer/999"]
    assert deliveries(graph) == []


def test_qbo_down_answers_503_writes_nothing_and_a_retry_succeeds(
    hooks: httpx.Client, qbo_api: FakeServer, graph: Driver
) -> None:
    before = graph_state(graph)
    body = notification(("Customer", "4", "Create"))
    qbo_api.fail_after(0, FAILED, FAILED)  # the request and its one retry
    down = post(hooks, body)
    assert down.status_code == 503
    assert "Customer 4" in down.json()["detail"]
    assert reads(qbo_api) == ["customer/4", "customer/4"]
    assert graph_state(graph) == before

    retried = post(hooks, body)
    assert retried.status_code == 200 and retried.json()["status"] == "processed"
    found = hooks.post("/v1/resolve", json={"provider": "qbo", "external_id": "4"})
    assert found.json()["status"] == "found"


def test_a_partial_failure_keeps_what_was_fetched_and_the_retry_fetches_the_rest(
    hooks: httpx.Client, qbo_api: FakeServer, graph: Driver
) -> None:
    body = notification(("Customer", "5", "Create"), ("Customer", "6", "Create"))
    qbo_api.fail_after(1, FAILED, FAILED)  # the first read succeeds, the second fails
    assert post(hooks, body).status_code == 503
    digest = hashlib.sha256(body).hexdigest()
    assert deliveries(graph) == [f"qbo:body:{digest}:Customer:5"]

    retried = post(hooks, body)
    assert retried.status_code == 200, retried.text
    first, second = retried.json()["entities"]
    assert first["status"] == "duplicate" and second["status"] == "processed"
    assert reads(qbo_api)[-1:] == ["customer/6"]
    assert reads(qbo_api).count("customer/5") == 1


def test_an_unreadable_notification_is_rejected_and_writes_nothing(
    hooks: httpx.Client, qbo_api: FakeServer, graph: Driver
) -> None:
    body = json.dumps({"eventNotifications": [{"realmId": REALM, "dataChangeEvent": 3}]})
    answer = post(hooks, body.encode())
    assert answer.status_code == 200
    result: dict[str, Any] = answer.json()
    assert result["status"] == "rejected" and result["rejection"] == "payload"
    assert result["problems"][0]["loc"] == ["body", "eventNotifications", 0, "dataChangeEvent"]
    bad_id = notification(("Customer", "../query", "Update"))
    assert post(hooks, bad_id).json()["status"] == "rejected"
    assert qbo_api.requests == []
    assert deliveries(graph) == []
