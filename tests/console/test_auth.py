"""Logging in to the console with an API key, the session cookie, CSRF and logout."""

from __future__ import annotations

import httpx

from tests.console.conftest import browser, finished_run, form_token, log_in


def test_a_configured_key_logs_in_with_a_strict_httponly_cookie(api: httpx.Client) -> None:
    client = browser(api)
    assert client.get("/console/").status_code == 303  # not logged in: to the login form
    answer = log_in(client, key="test-key-2")
    assert answer.status_code == 303 and answer.headers["location"] == "/console/"
    cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith("gi_console="))
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert "httponly" in attributes and "samesite=strict" in attributes
    assert "secure" not in attributes  # plain http on loopback
    assert "test-key-2" not in cookie
    dashboard = client.get("/console/")
    assert dashboard.status_code == 200 and "Olga Ops" in dashboard.text
    assert dashboard.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in dashboard.headers["content-security-policy"]


def test_the_cookie_is_secure_over_https(api: httpx.Client) -> None:
    client = browser(api)
    client.headers["X-Forwarded-Proto"] = "https"  # uvicorn trusts loopback's proxy headers
    form = client.get("/console/login")
    nonce = form.headers["set-cookie"]
    assert "secure" in {part.strip().lower() for part in nonce.split(";")}
    # httpx keeps Secure cookies for https only: hand the login nonce back by hand.
    answer = client.post(
        "/console/login",
        data={
            "name": "O",
            "api_key": "test-key-1",
            "login_token": form_token(form.text, "login_token"),
        },
        headers={"Cookie": nonce.split(";")[0]},
    )
    assert answer.status_code == 303
    cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith("gi_console="))
    assert "secure" in {part.strip().lower() for part in cookie.split(";")}


def test_a_wrong_key_cannot_log_in(api: httpx.Client) -> None:
    client = browser(api)
    answer = log_in(client, key="test-key-3")
    assert answer.status_code == 401
    assert "API key: not a valid key" in answer.text
    assert not any(h.startswith("gi_console=") for h in answer.headers.get_list("set-cookie"))
    assert client.get("/console/").status_code == 303


def test_login_without_its_form_token_is_refused(api: httpx.Client) -> None:
    client = browser(api)
    client.get("/console/login")
    answer = client.post("/console/login", data={"name": "O", "api_key": "test-key-1"})
    assert answer.status_code == 403
    assert client.get("/console/").status_code == 303


def test_a_forged_or_foreign_cookie_is_not_a_session(api: httpx.Client) -> None:
    client = browser(api)
    client.cookies.set("gi_console", "eyJvcCI6Im1hbGxvcnkifQ.c2lnbmF0dXJl", path="/console")
    assert client.get("/console/").status_code == 303


def test_posts_without_the_session_csrf_token_are_refused(
    console: httpx.Client, api: httpx.Client
) -> None:
    without = console.post("/console/compare", data={"source": "shopify", "destination": "qbo"})
    assert without.status_code == 403
    wrong = console.post(
        "/console/compare",
        data={"source": "shopify", "destination": "qbo", "csrf_token": "not-the-token"},
    )
    assert wrong.status_code == 403
    other = browser(api)
    log_in(other)
    foreign = form_token(other.get("/console/compare").text)  # another session's token
    refused = console.post(
        "/console/compare", data={"source": "shopify", "destination": "qbo", "csrf_token": foreign}
    )
    assert refused.status_code == 403
    own = form_token(console.get("/console/compare").text)
    accepted = console.post(
        "/console/compare", data={"source": "shopify", "destination": "qbo", "csrf_token": own}
    )
    assert accepted.status_code == 303
    assert "Done in" in finished_run(console, accepted.headers["location"])


def test_logout_ends_the_session_even_for_a_copied_cookie(
    console: httpx.Client, api: httpx.Client
) -> None:
    copied = browser(api)
    copied.cookies.set("gi_console", console.cookies["gi_console"], path="/console")
    assert copied.get("/console/").status_code == 200
    token = form_token(console.get("/console/").text)
    assert console.post("/console/logout", data={"csrf_token": token}).status_code == 303
    assert console.get("/console/").status_code == 303
    assert copied.get("/console/").status_code == 303


def test_repeated_wrong_keys_block_logins_from_that_address(api: httpx.Client) -> None:
    client = browser(api)
    answers = [log_in(client, key=f"guess-{n}").status_code for n in range(10)]
    assert answers == [401] * 10
    blocked = log_in(client)  # even the right key, for a while
    assert blocked.status_code == 429 and "Too many failed logins" in blocked.text
    assert client.get("/console/").status_code == 303
