"""The review queue: an open conflict shown side by side, settled by the operator through
the same library call as the API, then visible in the customer's history."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from api.console import review
from tests.console.conftest import form_token


def test_the_queue_shows_the_conflict_masked_with_its_picture(
    console: httpx.Client, seed_conflict: Callable[..., tuple[str, list[str]]]
) -> None:
    conflict_id, candidates = seed_conflict()
    page = console.get("/console/conflicts")
    assert page.status_code == 200
    html = page.text
    assert f"Conflict {conflict_id}" in html and "record lightspeed_ecom:web-1" in html
    for customer in candidates:
        assert f'href="/console/customers/{customer}"' in html
    assert "a***@example.com" in html and "+1 512 *** **42" in html  # masked bridges
    assert "ada@example.com" not in html.lower() and "5550142" not in html
    assert "names disagree" in html or f"The names of {candidates[0]} and " in html
    assert "Ada Lovelace" in html and "Ada King" in html
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg is not None
    assert svg.group().count('class="node customer"') == 2
    assert svg.group().count("node held") == 1
    assert svg.group().count("node identifier bridging") == 2
    assert 'value="merge"' in html and 'value="assign"' in html and 'value="keep_apart"' in html


def test_merging_from_the_queue_settles_it_and_shows_in_history(
    console: httpx.Client, api: httpx.Client, seed_conflict: Callable[..., tuple[str, list[str]]]
) -> None:
    conflict_id, candidates = seed_conflict()
    token = form_token(console.get("/console/conflicts").text)
    settled = console.post(
        f"/console/conflicts/{conflict_id}/decision",
        data={"csrf_token": token, "decision": "merge", "reason": "same person, she called"},
    )
    assert settled.status_code == 303
    after = console.get(settled.headers["location"]).text
    assert f"Conflict {conflict_id} settled" in after and "Nothing to review" in after
    (resolved,) = api.get("/v1/conflicts", params={"status": "resolved"}).json()["items"]
    assert resolved["decision"]["actor"] == "Olga Ops"
    assert resolved["decision"]["reason"] == "same person, she called"
    survivor = resolved["customer_ids"][0]
    assert survivor in candidates
    page = console.get(f"/console/customers/{survivor}").text
    assert "same person, she called" in page and "Olga Ops" in page
    assert page.count("lightspeed_retail") >= 2 and "lightspeed_ecom" in page


def test_keep_apart_without_a_reason_is_refused_naming_the_field(
    console: httpx.Client, api: httpx.Client, seed_conflict: Callable[..., tuple[str, list[str]]]
) -> None:
    conflict_id, _ = seed_conflict()
    token = form_token(console.get("/console/conflicts").text)
    refused = console.post(
        f"/console/conflicts/{conflict_id}/decision",
        data={"csrf_token": token, "decision": "keep_apart", "reason": "  "},
    )
    assert refused.status_code == 422 and "Decision refused: reason" in refused.text
    assert f"Conflict {conflict_id}" in refused.text  # the queue again, the form to retry
    assert api.get("/v1/conflicts", params={"status": "open"}).json()["items"]


def test_assign_goes_to_the_chosen_candidate(
    console: httpx.Client, api: httpx.Client, seed_conflict: Callable[..., tuple[str, list[str]]]
) -> None:
    conflict_id, candidates = seed_conflict()
    token = form_token(console.get("/console/conflicts").text)
    assigned = console.post(
        f"/console/conflicts/{conflict_id}/decision",
        data={
            "csrf_token": token,
            "decision": "assign",
            "reason": "the order shipped to her",
            "customer_id": candidates[1],
        },
    )
    assert assigned.status_code == 303
    assert f"customer={candidates[1]}" in assigned.headers["location"]
    spoofed = console.get("/console/conflicts", params={"settled": "<b>all</b> settled"})
    assert spoofed.status_code == 422  # ids only: no text of a link's choosing
    records = api.get(f"/v1/customers/{candidates[1]}").json()["records"]
    assert "lightspeed_ecom:web-1" in records


def test_the_queue_is_oldest_first_a_page_at_a_time(
    console: httpx.Client,
    seed_conflict: Callable[..., tuple[str, list[str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    older, _ = seed_conflict(0)
    newer, _ = seed_conflict(1)
    both = console.get("/console/conflicts").text
    assert "2 open conflicts" in both
    assert both.index(f"Conflict {older}") < both.index(f"Conflict {newer}")
    monkeypatch.setattr(review, "PAGE_SIZE", 1)
    first = console.get("/console/conflicts").text
    second = console.get("/console/conflicts", params={"page": 2}).text
    assert f"Conflict {older}" in first and f"Conflict {newer}" not in first
    assert f"Conflict {newer}" in second and f"Conflict {older}" not in second
    assert "Page 2 of 2" in second
