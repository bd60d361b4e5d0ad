"""GET /v1/identifiers/generic and GET /v1/stats; no personal data in the app's logs."""

from __future__ import annotations

import logging

import httpx
import pytest

from tests.api.helpers import body, pos_and_ecom


def test_generic_identifiers_are_listed_masked_with_counts(api: httpx.Client) -> None:
    assert api.get("/v1/identifiers/generic").json() == {"items": []}
    api.post("/v1/records", json=body("shopify", "g1", emails=["noemail@example.com"]))
    api.post("/v1/records", json=body("qbo", "g2", emails=["noemail@example.com"]))
    response = api.get("/v1/identifiers/generic")
    assert response.status_code == 200
    (generic,) = response.json()["items"]
    assert generic["kind"] == "email" and generic["record_count"] == 2
    assert generic["reason"].startswith("blocklist")
    assert "noemail@example.com" not in response.text


def test_stats_count_customers_records_providers_and_conflicts(reviewing_api: httpx.Client) -> None:
    empty = reviewing_api.get("/v1/stats").json()
    assert empty["customers"] == 0 and empty["records"] == 0 and empty["providers"] == []
    for record in pos_and_ecom():
        reviewing_api.post("/v1/records", json=record)
    stats = reviewing_api.get("/v1/stats").json()
    assert stats["customers"] == 2 and stats["records"] == 3
    assert stats["identifiers"] == {"email": 1, "phone": 1}
    assert {p["provider"]: (p["records"], p["customers"]) for p in stats["providers"]} == {
        "lightspeed_ecom": (1, 0),
        "lightspeed_retail": (2, 2),
    }
    assert stats["conflicts"] == {"open": 1}


def test_no_personal_data_in_logs_at_any_level(
    api: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    secret_email, secret_phone = "very.private@example.com", "+1 512 555 0199"
    api.post(
        "/v1/records", json=body("shopify", "p1", emails=[secret_email], phones=[secret_phone])
    )
    api.post("/v1/records", json=body("shopify", "p2", emails=["broken-private"], bogus=1))
    api.post("/v1/resolve", json={"email": secret_email})
    api.post("/v1/resolve", json={"email": "nobody.private@example.com"})
    api.post(
        "/v1/records",
        content=b'{"emails": ["very.private@',
        headers={"Content-Type": "application/json"},
    )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for value in (secret_email, "5550199", "broken-private", "nobody.private"):
        assert value not in logged
