"""A write whose locks keep moving is retried as a whole, not answered 500.

Issue #20, defect 4: the snapshot raised a ``RuntimeError`` that claimed "the transaction
retries"; the driver does not retry a ``RuntimeError``, so the API answered 500.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from neo4j import Driver

from graph_identity.errors import ConcurrentChange, GraphIdentityError
from graph_identity.resolution import snapshot
from tests.api.helpers import body, count


def test_the_error_is_one_the_driver_retries() -> None:
    error = ConcurrentChange("customers kept changing")
    assert error.is_retryable() and isinstance(error, GraphIdentityError)


def test_an_ingest_that_meets_moving_customers_is_retried_and_lands(
    api: httpx.Client, graph: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert api.post("/v1/records", json=body("shopify", "1", emails=["a@example.com"])).is_success
    real = snapshot.lock_customers
    calls: list[int] = []

    def moving_once(*args: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise ConcurrentChange("customers kept changing")
        real(*args)

    monkeypatch.setattr(snapshot, "lock_customers", moving_once)
    linked = api.post("/v1/records", json=body("qbo", "2", emails=["a@example.com"]))
    assert linked.status_code == 200, linked.text
    assert linked.json()["action"] == "linked"
    assert len(calls) == 2
    assert count(graph, "MATCH (r:Record) RETURN count(r)") == 2
