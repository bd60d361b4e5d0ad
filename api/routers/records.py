"""Ingest records (one or a batch), erase one, and re-allow an erased record's replay.

``POST /v1/records`` answers 201 when the record created a new customer (action
``created``) and 200 for every other outcome (linked, updated, unchanged, merged, ambiguous).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Request, Response
from fastapi.exceptions import RequestValidationError

from graph_identity.models import PROVIDER_SLUG_PATTERN, RecordIn, record_key
from graph_identity.results import Action, BatchResult, ErasureResult, IngestResult

from ..bookmarks import send_bookmark
from ..dependencies import Service
from ..schemas import ERRORS, RECORD_EXAMPLE, BatchIn, Message, RecordRef, ReplayAllowed

router = APIRouter(prefix="/records", tags=["records"], responses=ERRORS)


@router.post(
    "",
    response_model=IngestResult,
    status_code=200,
    responses={
        201: {"model": IngestResult, "description": "A new customer was created"},
        409: {"model": Message, "description": "The record was erased; re-allow replay first"},
    },
)
async def ingest(
    request: Request,
    response: Response,
    service: Service,
    record: Annotated[RecordIn, Body(examples=[RECORD_EXAMPLE])],
) -> IngestResult:
    """Ingest one record: 201 if it created a customer, 200 otherwise."""
    result = await service.ingest_async(record)
    request.app.state.metrics.count_ingest([result])
    send_bookmark(response, service)
    if result.action is Action.CREATED:
        response.status_code = 201
    return result


@router.post("/batch", response_model=BatchResult)
def ingest_batch(
    request: Request, response: Response, service: Service, batch: BatchIn
) -> BatchResult:
    """Ingest up to the batch limit; invalid or erased records are listed in ``rejected``."""
    limit = service.settings.batch_limit
    if len(batch.records) > limit:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "records"),
                    "msg": f"at most {limit} records per batch (got {len(batch.records)})",
                    "type": "too_long",
                }
            ]
        )
    result = service.ingest_batch(batch.records)
    request.app.state.metrics.count_ingest(result.results)
    send_bookmark(response, service)
    return result


@router.post(
    "/allow-replay",
    response_model=ReplayAllowed,
    responses={404: {"model": Message, "description": "No such erased record"}},
)
def allow_replay(service: Service, ref: RecordRef) -> ReplayAllowed:
    """Let an erased record be ingested again (erasure refuses replays by default)."""
    service.allow_replay(ref.provider, ref.external_id)
    return ReplayAllowed(record=record_key(ref.provider, ref.external_id), replay_allowed=True)


@router.delete(
    "/{provider}/{external_id:path}",
    response_model=ErasureResult,
    responses={404: {"model": Message, "description": "No such record"}},
)
def erase(
    service: Service,
    provider: Annotated[str, Path(pattern=PROVIDER_SLUG_PATTERN)],
    external_id: Annotated[str, Path(min_length=1, max_length=256)],
) -> ErasureResult:
    """Erase a record: its personal data and links go, its customer is re-resolved (it may
    split), and later replays of it are refused unless re-allowed.
    """
    return service.erase(provider, external_id)
