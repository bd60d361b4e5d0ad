"""Every error the library raises on purpose derives from :class:`GraphIdentityError`.

Each maps to one HTTP status (``api/errors.py``) and one CLI message. Messages name fields,
kinds and ids, never personal values, so they can be logged and returned as they are.
"""

from __future__ import annotations

from neo4j.exceptions import DriverError

from graph_identity.identifiers import FieldIssue


class GraphIdentityError(Exception):
    """Base class of the library's own errors: ``except GraphIdentityError`` catches them all."""


class RecordRejected(GraphIdentityError):
    """The record cannot be stored; ``issues`` says which fields and why (HTTP 422)."""

    def __init__(self, issues: list[FieldIssue]) -> None:
        self.issues = issues
        super().__init__("; ".join(f"{'.'.join(map(str, i.loc))}: {i.msg}" for i in issues))


class NotFound(GraphIdentityError):
    """An id (customer, record, conflict) that does not exist. The message names the kind."""


class RecordErased(GraphIdentityError):
    """A replay of an erased record, refused unless replay was explicitly re-allowed (409).

    Raised once, by :meth:`IdentityService.ingest`, from the engine's ``ErasedRecord``
    result; the transaction it is raised in rolls back, so nothing of the record is written.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"record {key} was erased; re-allow it before ingesting it again")


class InvalidDecision(GraphIdentityError):
    """A decision that does not fit its conflict (e.g. assign to a customer not a candidate)."""

    def __init__(self, loc: tuple[str | int, ...], msg: str) -> None:
        self.issues = [FieldIssue(loc=loc, msg=msg)]
        super().__init__(msg)


class ConcurrentChange(GraphIdentityError, DriverError):
    """The graph kept changing under a write transaction while it took its locks.

    A :class:`neo4j.exceptions.DriverError` that says it is retryable, so the driver's
    managed transaction runs the whole transaction function again from fresh state (as it
    does for a deadlock); if that keeps failing past the driver's retry time, the API
    answers 503 like any other transient failure.
    """

    def is_retryable(self) -> bool:
        return True


class InvalidBookmark(GraphIdentityError):
    """A bookmark handed to a read that this database did not give out."""


__all__ = [
    "ConcurrentChange",
    "GraphIdentityError",
    "InvalidBookmark",
    "InvalidDecision",
    "NotFound",
    "RecordErased",
    "RecordRejected",
]
