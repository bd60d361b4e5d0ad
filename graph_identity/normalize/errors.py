"""The one error the per-kind normalizers raise."""

from __future__ import annotations

from graph_identity.errors import GraphIdentityError


class InvalidValue(GraphIdentityError):
    """A raw value that cannot be normalized.

    ``reason`` says why in words that never repeat the value, so it can be logged and
    returned to callers. ``field`` names the part of a composite value (an address) at fault.
    """

    def __init__(self, reason: str, *, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field
