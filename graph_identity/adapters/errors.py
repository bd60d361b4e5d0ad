"""The one error adapters raise, and its conversion from pydantic's.

Messages name fields and reasons only, never the values: payloads carry personal data and
these errors end up in logs and API responses.
"""

from __future__ import annotations

from pydantic import ValidationError

from graph_identity.errors import GraphIdentityError

Loc = tuple[str | int, ...]


def format_loc(loc: Loc) -> str:
    """``("billing", "email")`` → ``billing.email``; the empty location is the payload."""
    return ".".join(str(part) for part in loc) or "payload"


class AdapterError(GraphIdentityError):
    """A provider payload that cannot be mapped to a record.

    ``loc`` is the path of the offending field in the provider payload (or, for errors the
    record model found, in the record), ``reason`` says what is wrong with it.
    """

    def __init__(self, loc: Loc, reason: str) -> None:
        self.loc = loc
        self.reason = reason
        super().__init__(f"{format_loc(loc)}: {reason}")


def from_validation_error(exc: ValidationError) -> AdapterError:
    """Turn the model's validation errors into one :class:`AdapterError` without input values.

    ``loc`` is the first error's path in the record model; the message lists every error.
    """
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    if not errors:
        return AdapterError((), "invalid record")
    first, *rest = errors
    reason = "".join(
        [first["msg"], *(f"; {format_loc(tuple(e['loc']))}: {e['msg']}" for e in rest)]
    )
    return AdapterError(tuple(first["loc"]), reason)
