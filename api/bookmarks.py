"""Read-your-writes on request: the ``Graph-Identity-Bookmark`` header.

A write (``POST /v1/records``, ``POST /v1/records/batch``) answers with the header; a
lookup (``POST /v1/resolve``) that sends it back sees at least that write, on any member of
a cluster. Without it a lookup waits for no write, which keeps the live path cheap.
Bookmarks are opaque; several are separated by commas.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Header, Response
from fastapi.exceptions import RequestValidationError

from graph_identity.service import IdentityService

HEADER = "Graph-Identity-Bookmark"
MAX_BOOKMARKS = 16
_BOOKMARK = re.compile(r"[A-Za-z]{1,8}:[A-Za-z0-9+/=_-]{0,512}")
"""A format tag and base64 (``FB:kcwQ…``). Checked here because Neo4j 5.26 answers a value
without the tag with an unknown database error rather than an invalid bookmark."""


def send_bookmark(response: Response, service: IdentityService) -> None:
    """Put the bookmarks covering the writes committed so far on ``response``."""
    bookmarks = service.bookmarks()
    if bookmarks:
        response.headers[HEADER] = ",".join(bookmarks)


def _header_error(msg: str) -> RequestValidationError:
    return RequestValidationError(
        [{"loc": ("header", HEADER), "msg": msg, "type": "invalid_bookmark"}]
    )


async def bookmarks_of(
    bookmark: Annotated[str | None, Header(alias=HEADER)] = None,
) -> list[str]:
    """The header's bookmarks, checked for shape; 422 naming the header otherwise."""
    if bookmark is None:
        return []
    values = [part.strip() for part in bookmark.split(",")]
    if len(values) > MAX_BOOKMARKS:
        raise _header_error(f"at most {MAX_BOOKMARKS} bookmarks")
    if not all(_BOOKMARK.fullmatch(value) for value in values):
        raise _header_error("not a bookmark this service gave out")
    return values
