"""Errors the library raises on purpose; each maps to one HTTP status and one CLI message."""

from __future__ import annotations

from graph_identity.identifiers import FieldIssue, RecordRejected


class NotFound(LookupError):
    """An id (customer, record, conflict) that does not exist. The message names the kind."""


class RecordErased(PermissionError):
    """A replay of an erased record, refused unless replay was explicitly re-allowed."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"record {key} was erased; re-allow it before ingesting it again")


class InvalidDecision(ValueError):
    """A decision that does not fit its conflict (e.g. assign to a customer not a candidate)."""

    def __init__(self, loc: tuple[str | int, ...], msg: str) -> None:
        self.issues = [FieldIssue(loc=loc, msg=msg)]
        super().__init__(msg)


__all__ = ["InvalidDecision", "NotFound", "RecordErased", "RecordRejected"]
