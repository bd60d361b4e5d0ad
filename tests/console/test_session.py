"""Session cookies and CSRF tokens, without a server: signed, bound, expiring, revocable."""

from __future__ import annotations

from pydantic import SecretStr

from api.console.session import SESSION_SECONDS, SessionCodec, key_id

KEYS = [SecretStr("alpha-key"), SecretStr("beta-key")]


def test_a_session_reads_back_and_names_its_key_not_the_key_itself() -> None:
    codec = SessionCodec(KEYS)
    ident = codec.match("beta-key")
    assert ident == key_id(KEYS[1])
    cookie = codec.issue("Olga", ident, now=1_000)
    assert "beta-key" not in cookie
    session = codec.read(cookie, now=1_001)
    assert session is not None and session.operator == "Olga" and session.key_id == ident
    assert codec.match("gamma-key") is None and codec.match("") is None


def test_tampered_expired_and_unknown_key_sessions_are_refused() -> None:
    codec = SessionCodec(KEYS)
    cookie = codec.issue("Olga", key_id(KEYS[0]), now=1_000)
    body, signature = cookie.split(".")
    assert codec.read(cookie, now=1_000 + SESSION_SECONDS) is None
    assert codec.read(f"{body}x.{signature}", now=1_001) is None
    # The first character carries six whole bits of the MAC, so changing it always changes
    # the signature (the last ones may only change padding bits, or already be "AA").
    forged = ("B" if signature[0] == "A" else "A") + signature[1:]
    assert codec.read(f"{body}.{forged}", now=1_001) is None
    assert codec.read("garbage", now=1_001) is None
    assert codec.read(None) is None
    rotated = SessionCodec([KEYS[1]])  # the key that opened it was removed
    assert rotated.read(cookie, now=1_001) is None


def test_csrf_tokens_are_bound_to_one_session_and_revocation_ends_it() -> None:
    codec = SessionCodec(KEYS)
    one = codec.read(codec.issue("A", key_id(KEYS[0])))
    two = codec.read(codec.issue("A", key_id(KEYS[0])))
    assert one is not None and two is not None
    assert codec.csrf_ok(one, codec.csrf_token(one))
    assert not codec.csrf_ok(one, codec.csrf_token(two))
    assert not codec.csrf_ok(one, None) and not codec.csrf_ok(one, "")
    cookie = codec.issue("B", key_id(KEYS[1]))
    session = codec.read(cookie)
    assert session is not None
    codec.revoke(session)
    assert codec.read(cookie) is None


def test_login_tokens_bind_the_form_to_its_nonce_and_need_keys() -> None:
    codec = SessionCodec(KEYS)
    token = codec.login_token("nonce-1")
    assert codec.login_ok("nonce-1", token)
    assert not codec.login_ok("nonce-2", token) and not codec.login_ok(None, token)
    empty = SessionCodec([])
    assert not empty.enabled and not empty.login_ok("nonce-1", empty.login_token("nonce-1"))
