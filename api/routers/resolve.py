"""Find the customer for an email, phone, address or provider id, without writing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from graph_identity.results import ResolveResult, ResolveStatus

from ..bookmarks import bookmarks_of
from ..dependencies import Service
from ..schemas import ERRORS, Message, ResolveIn

router = APIRouter(tags=["resolve"], responses=ERRORS)


@router.post(
    "/resolve",
    response_model=ResolveResult,
    responses={404: {"model": Message, "description": "No customer matches"}},
)
async def resolve(
    service: Service,
    query: ResolveIn,
    after: Annotated[list[str], Depends(bookmarks_of)],
) -> ResolveResult | JSONResponse:
    """``found`` with the customer id, ``ambiguous`` with candidates, or 404.

    Send a write's ``Graph-Identity-Bookmark`` header back to read that write for sure."""
    result = await service.resolve_async(
        email=query.email,
        phone=query.phone,
        address=query.address,
        provider=query.provider,
        external_id=query.external_id,
        after=after,
    )
    if result.status is ResolveStatus.NOT_FOUND:
        return JSONResponse({"detail": "no customer matches"}, status_code=404)
    return result
