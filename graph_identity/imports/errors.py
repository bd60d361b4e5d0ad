"""The error a bulk import raises for unusable input (CLI exit code 2)."""

from __future__ import annotations

from graph_identity.errors import GraphIdentityError


class ImportInputError(GraphIdentityError):
    """Bad import input: an unknown provider or format, a missing file, a bad column map,
    a file that cannot be read as its format. ``field`` names the option or the place in
    the file; the message never contains the file's values."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")
