"""The console's session cookie and CSRF tokens, signed with keys derived from the API keys.

A session is ``<payload>.<signature>``: the payload (base64 JSON) names the operator, which
API key logged in (by a fingerprint, never the key), a random session id and an expiry; the
signature is an HMAC-SHA256 under a key derived from *that* API key. Removing an API key from
``GRAPH_IDENTITY_API_KEYS`` therefore ends every session it opened, and no secret beyond the
keys themselves has to be configured or shared between workers.

A CSRF token is an HMAC of the session id, so it is bound to one session and useless in
another. Before login there is no session: the login form is bound the same way to a random
``login nonce`` kept in its own short-lived cookie.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from pydantic import SecretStr

SESSION_COOKIE = "gi_console"
LOGIN_COOKIE = "gi_console_login"
SESSION_SECONDS = 8 * 3600
LOGIN_SECONDS = 1800
_SESSION_LABEL = b"graph-identity console session v1"
_LOGIN_LABEL = b"graph-identity console login v1"


@dataclass(frozen=True)
class Session:
    operator: str
    key_id: str
    session_id: str
    expires: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id(key: SecretStr) -> str:
    """A short public fingerprint of an API key: names it in sessions and logs."""
    digest = hashlib.sha256(b"graph-identity key id\0" + key.get_secret_value().encode())
    return digest.hexdigest()[:12]


def _signing_key(key: SecretStr) -> bytes:
    return hmac.new(key.get_secret_value().encode(), _SESSION_LABEL, hashlib.sha256).digest()


def _login_key(keys: list[SecretStr]) -> bytes:
    joined = b"\0".join(sorted(k.get_secret_value().encode() for k in keys))
    return hmac.new(joined, _LOGIN_LABEL, hashlib.sha256).digest()


class SessionCodec:
    """Issues and checks sessions and CSRF tokens for one set of API keys."""

    def __init__(self, keys: list[SecretStr]) -> None:
        self._keys = {key_id(k): k for k in keys}
        self._login = _login_key(keys) if keys else b""
        self._revoked: dict[str, int] = {}

    @property
    def enabled(self) -> bool:
        return bool(self._keys)

    def match(self, presented: str) -> str | None:
        """The key id of the API key ``presented`` is, compared in constant time with all."""
        given = presented.encode()
        found: str | None = None
        for ident, key in self._keys.items():
            if hmac.compare_digest(given, key.get_secret_value().encode()):
                found = ident
        return found

    def issue(self, operator: str, ident: str, now: float | None = None) -> str:
        moment = int(now if now is not None else time.time())
        payload = {
            "op": operator,
            "kid": ident,
            "sid": secrets.token_urlsafe(16),
            "exp": moment + SESSION_SECONDS,
        }
        body = _b64(json.dumps(payload, separators=(",", ":")).encode())
        return f"{body}.{self._sign(ident, body)}"

    def _sign(self, ident: str, body: str) -> str:
        mac = hmac.new(_signing_key(self._keys[ident]), body.encode(), hashlib.sha256)
        return _b64(mac.digest())

    def read(self, cookie: str | None, now: float | None = None) -> Session | None:
        """The session in ``cookie``, or None when it is missing, forged, stale or its key
        is no longer configured."""
        if not cookie or cookie.count(".") != 1:
            return None
        body, signature = cookie.split(".")
        try:
            payload = json.loads(_unb64(body))
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(payload, dict):
            return None
        ident = payload.get("kid")
        if not isinstance(ident, str) or ident not in self._keys:
            return None
        if not hmac.compare_digest(signature, self._sign(ident, body)):
            return None
        expires = payload.get("exp")
        moment = now if now is not None else time.time()
        if not isinstance(expires, int) or expires <= moment:
            return None
        session_id = str(payload.get("sid", ""))
        if session_id in self._revoked:
            return None
        return Session(
            operator=str(payload.get("op", "")),
            key_id=ident,
            session_id=session_id,
            expires=expires,
        )

    def revoke(self, session: Session, now: float | None = None) -> None:
        """End ``session`` before its expiry (logout). Kept in this process's memory until
        the session would have expired anyway."""
        moment = now if now is not None else time.time()
        self._revoked = {sid: exp for sid, exp in self._revoked.items() if exp > moment}
        self._revoked[session.session_id] = session.expires

    def csrf_token(self, session: Session) -> str:
        mac = hmac.new(
            _signing_key(self._keys[session.key_id]),
            b"csrf\0" + session.session_id.encode(),
            hashlib.sha256,
        )
        return _b64(mac.digest())

    def csrf_ok(self, session: Session, presented: str | None) -> bool:
        return presented is not None and hmac.compare_digest(
            presented.encode(), self.csrf_token(session).encode()
        )

    def login_token(self, nonce: str) -> str:
        mac = hmac.new(self._login, b"login\0" + nonce.encode(), hashlib.sha256)
        return _b64(mac.digest())

    def login_ok(self, nonce: str | None, presented: str | None) -> bool:
        if not nonce or presented is None or not self.enabled:
            return False
        return hmac.compare_digest(presented.encode(), self.login_token(nonce).encode())


def new_login_nonce() -> str:
    return secrets.token_urlsafe(16)
