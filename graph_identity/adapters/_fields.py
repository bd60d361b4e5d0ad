"""Typed reads from one object of a provider payload (a JSON object or a CSV row).

Every read either returns a value of the expected type, ``None`` when the field is absent,
null or blank, or raises :class:`AdapterError` naming the field's full path. Values are
returned as the provider wrote them: identifiers are normalized elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from graph_identity.adapters.errors import AdapterError, Loc

_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})


def type_name(value: object) -> str:
    """A JSON-ish name for the type of ``value``, safe to put in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Decimal):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple):
        return "array"
    return type(value).__name__


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Fields:
    """One object of a payload, with the path (``loc``) it was found at."""

    __slots__ = ("_data", "loc")

    def __init__(self, data: Mapping[str, Any], loc: Loc = ()) -> None:
        self._data = data
        self.loc = loc

    @classmethod
    def of(cls, payload: object, loc: Loc = ()) -> Fields:
        """Wrap ``payload``, refusing anything that is not an object."""
        if not isinstance(payload, Mapping):
            raise AdapterError(loc, f"expected an object, got {type_name(payload)}")
        return cls(payload, loc)

    def unwrapped(self, envelope: str, id_key: str) -> Fields:
        """The entity inside a single-entity response envelope, or this object itself.

        APIs return ``{"customer": {...}}`` or ``{"data": {...}}`` where webhooks send the
        bare entity; the envelope is only taken off when the entity id is not at the top.
        """
        if id_key not in self._data and isinstance(self._data.get(envelope), Mapping):
            return Fields(self._data[envelope], (*self.loc, envelope))
        return self

    def error(self, key: str, reason: str) -> AdapterError:
        return AdapterError((*self.loc, key), reason)

    def names(self) -> list[Any]:
        """The field names as given (a CSV row may hold ``None`` for surplus values)."""
        return list(self._data)

    def raw(self, key: str) -> Any:
        return self._data.get(key)

    def text(self, key: str) -> str | None:
        value = self._data.get(key)
        if _blank(value):
            return None
        if not isinstance(value, str):
            raise self.error(key, f"expected text, got {type_name(value)}")
        return value

    def ident(self, key: str) -> str | None:
        """An id given as text or as an integer (providers differ, JSON clients too)."""
        value = self._data.get(key)
        if _blank(value):
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.error(key, f"expected an id (text or integer), got {type_name(value)}")
        return str(value).strip()

    def required_ident(self, key: str) -> str:
        value = self.ident(key)
        if value is None:
            raise self.error(key, "required id is missing")
        return value

    def obj(self, key: str) -> Fields | None:
        value = self._data.get(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise self.error(key, f"expected an object, got {type_name(value)}")
        return Fields(value, (*self.loc, key))

    def objects(self, key: str) -> list[Fields]:
        value = self._data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(key, f"expected an array, got {type_name(value)}")
        return [Fields.of(item, (*self.loc, key, i)) for i, item in enumerate(value)]

    def amount(self, key: str) -> Decimal | None:
        """A money amount given as a decimal string or a JSON number."""
        value = self._data.get(key)
        if _blank(value):
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            raise self.error(key, f"expected a decimal amount, got {type_name(value)}")
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            raise self.error(key, "not a decimal amount") from None
        if not amount.is_finite():
            raise self.error(key, "not a finite amount")
        return amount

    def timestamp(self, key: str, *, naive_is_utc: bool = False) -> datetime | None:
        """An ISO 8601 timestamp; ``naive_is_utc`` for fields documented as UTC without offset."""
        value = self._data.get(key)
        if _blank(value):
            return None
        if isinstance(value, datetime):
            parsed = value
        elif isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value.strip())
            except ValueError:
                raise self.error(key, "not an ISO 8601 timestamp") from None
        else:
            raise self.error(key, f"expected a timestamp, got {type_name(value)}")
        if naive_is_utc and parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed

    def flag(self, key: str) -> bool | None:
        """A boolean, also written as ``true``/``false``, ``yes``/``no`` or ``1``/``0`` in CSV."""
        value = self._data.get(key)
        if _blank(value):
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
            raise self.error(key, "expected true/false, yes/no or 1/0")
        raise self.error(key, f"expected a boolean, got {type_name(value)}")


def text_in(fields: Fields | None, key: str) -> str | None:
    """``fields.text(key)`` for an optional nested object."""
    return fields.text(key) if fields is not None else None
