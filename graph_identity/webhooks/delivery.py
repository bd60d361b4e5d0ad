"""What a verified delivery asks for, and the helpers the provider readers share."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import SecretStr

from graph_identity.adapters import AdapterError
from graph_identity.models import RecordIn
from graph_identity.webhooks.errors import BadDelivery, SecretNotConfigured
from graph_identity.webhooks.signatures import body_digest

MAX_ID_LENGTH = 256
PayloadAdapter = Callable[[Mapping[str, Any]], RecordIn]


class Intent(StrEnum):
    INGEST = "ingest"
    IGNORE = "ignore"
    PING = "ping"


@dataclass(frozen=True)
class Delivery:
    """A verified delivery: the record to ingest (or why not) and its replay keys.

    ``replay_keys`` always hold the SHA-256 of the raw body, plus the provider's delivery
    ids when it sends some. Provider headers are not signed, so a captured body replayed
    under a fresh delivery id is still caught by its digest.
    """

    source: str
    topic: str | None
    intent: Intent
    replay_keys: tuple[str, ...] = ()
    record: RecordIn | None = None
    reason: str | None = None


def ignored(source: str, topic: str | None, reason: str) -> Delivery:
    return Delivery(source=source, topic=topic, intent=Intent.IGNORE, reason=reason)


def lower_keys(headers: Mapping[str, str]) -> dict[str, str]:
    """Header names are case-insensitive; the readers look them up lower-cased."""
    return {name.lower(): value for name, value in headers.items()}


def secret_value(secret: SecretStr | None, source: str, variable: str) -> str:
    """The configured secret, or :class:`SecretNotConfigured` (an empty value counts as unset)."""
    value = secret.get_secret_value() if secret is not None else ""
    if not value:
        raise SecretNotConfigured(source, variable)
    return value


def header_id(headers: Mapping[str, str], name: str) -> str | None:
    """A delivery/event id header: printable ASCII up to ``MAX_ID_LENGTH``, or absent."""
    value = headers.get(name.lower())
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > MAX_ID_LENGTH or not value.isascii() or not value.isprintable():
        raise BadDelivery(("header", name), f"not an id (printable, at most {MAX_ID_LENGTH})")
    return value


def replay_keys(source: str, body: bytes, ids: Iterable[tuple[str, str | None]]) -> tuple[str, ...]:
    keys = {f"{source}:body:{body_digest(body)}"}
    keys.update(f"{source}:{kind}:{value}" for kind, value in ids if value is not None)
    return tuple(sorted(keys))


def json_object(data: bytes | str, loc: tuple[str | int, ...] = ("body",)) -> dict[str, Any]:
    """A JSON object from the body (or a form field), else :class:`BadDelivery` at ``loc``."""
    try:
        parsed = json.loads(data)
    except UnicodeDecodeError:
        raise BadDelivery(loc, "not UTF-8 text") from None
    except ValueError:
        raise BadDelivery(loc, "not valid JSON") from None
    except RecursionError:
        raise BadDelivery(loc, "JSON nested too deeply") from None
    if not isinstance(parsed, dict):
        raise BadDelivery(loc, "expected a JSON object")
    return parsed


def to_record(
    adapter: PayloadAdapter,
    payload: Mapping[str, Any],
    *,
    partial: bool,
    loc: tuple[str | int, ...] = ("body",),
) -> RecordIn:
    """Map a payload with a provider adapter; an order's record is a partial view."""
    try:
        record = adapter(payload)
    except AdapterError as exc:
        raise BadDelivery((*loc, *exc.loc), exc.reason) from None
    return record.model_copy(update={"partial": True}) if partial else record
