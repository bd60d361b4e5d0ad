"""Console tests drive the real app (uvicorn, real Neo4j) as a browser would: cookies, HTML
forms and their CSRF tokens. Data is seeded through the API (``POST /v1/records``)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import httpx
import pytest

from tests.api.helpers import body, order

TOKEN = re.compile(r'name="(csrf_token|login_token)" value="([^"]+)"')


def form_token(html: str, name: str = "csrf_token") -> str:
    tokens = dict((m.group(1), m.group(2)) for m in TOKEN.finditer(html))
    return tokens[name]


def browser(api: httpx.Client) -> httpx.Client:
    """A cookie-keeping client on the same server, without the API key header."""
    return httpx.Client(base_url=str(api.base_url), timeout=60, follow_redirects=False)


def log_in(client: httpx.Client, key: str = "test-key-1", name: str = "Olga Ops") -> httpx.Response:
    form = client.get("/console/login")
    assert form.status_code == 200
    return client.post(
        "/console/login",
        data={"name": name, "api_key": key, "login_token": form_token(form.text, "login_token")},
    )


def finished_run(client: httpx.Client, location: str, timeout: float = 60) -> str:
    """Follow a compare run's page until it stops running; its final HTML."""
    deadline = time.monotonic() + timeout
    while True:
        html = client.get(location).text
        if 'http-equiv="refresh"' not in html:
            return html
        assert time.monotonic() < deadline, "the comparison did not finish"
        time.sleep(0.2)


@pytest.fixture
def console(api: httpx.Client) -> httpx.Client:
    """A logged-in console session."""
    client = browser(api)
    assert log_in(client).status_code == 303
    yield client
    client.close()


def bridged_halves(n: int = 0) -> list[dict[str, object]]:
    """Two POS records whose names disagree (a maiden and a married name), then a web
    record without a name carrying both one's email and the other's phone. ``n`` > 0
    gives another such trio, with other ids and values."""
    tag = f"-{n}" if n else ""
    email = f"ada{n or ''}@example.com"
    return [
        body(
            "lightspeed_retail",
            f"pos-email{tag}",
            first_name="Ada",
            last_name="Lovelace",
            emails=[email.capitalize()],
            orders=[order(f"s1{tag}", "10.00", "retail")],
        ),
        body(
            "lightspeed_retail",
            f"pos-phone{tag}",
            first_name="Ada",
            last_name="King",
            phones=[f"(512) 555-01{42 + n}"],
            orders=[order(f"s2{tag}", "20.00", "retail")],
        ),
        body(
            "lightspeed_ecom",
            f"web-1{tag}",
            emails=[email],
            phones=[f"+1 512 555 01{42 + n}"],
            orders=[order(f"w1{tag}", "30.00")],
        ),
    ]


@pytest.fixture
def seed_conflict(api: httpx.Client) -> Callable[..., tuple[str, list[str]]]:
    """Open a conflict (see ``bridged_halves``): its id and its candidates."""

    def seed(n: int = 0) -> tuple[str, list[str]]:
        made = (api.post("/v1/records", json=r).json() for r in bridged_halves(n))
        first, second, third = made
        assert third["action"] == "ambiguous", third
        return str(third["conflict_id"]), sorted([first["customer_id"], second["customer_id"]])

    return seed
