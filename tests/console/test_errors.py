"""Errors under /console answer as pages; the API's answers stay JSON."""

from __future__ import annotations

import httpx


def test_console_errors_are_pages_naming_the_field(
    console: httpx.Client, api: httpx.Client
) -> None:
    bad = console.get("/console/conflicts", params={"page": "0"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("text/html")
    assert "page: Input should be greater than or equal to 1" in bad.text
    assert bad.headers["cache-control"] == "no-store"
    missing = console.get("/console/no-such-page")
    assert missing.status_code == 404 and "<h1>Not found</h1>" in missing.text
    api_missing = api.get("/v1/customers/cus_nope")
    assert api_missing.status_code == 404 and api_missing.json()["detail"]
    api_bad = api.get("/v1/conflicts", params={"limit": 0})
    assert api_bad.status_code == 422 and api_bad.json()["detail"][0]["loc"][-1] == "limit"
