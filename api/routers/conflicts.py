"""Ambiguous matches waiting for a human, and the human's decision."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Path, Query

from graph_identity.decisions import DecisionIn
from graph_identity.results import DecisionResult

from ..dependencies import Service
from ..schemas import ERRORS, ConflictList, Message

router = APIRouter(prefix="/conflicts", tags=["conflicts"], responses=ERRORS)

DECISION_EXAMPLES = [
    {"decision": "merge", "actor": "ops@shop", "reason": "same person, confirmed by phone"},
    {
        "decision": "assign",
        "actor": "ops@shop",
        "reason": "order shipped to her",
        "customer_id": "c_0001",
    },
    {"decision": "keep_apart", "actor": "ops@shop", "reason": "household shares the phone"},
]


@router.get("", response_model=ConflictList)
def conflicts(
    service: Service,
    status: Annotated[Literal["open", "resolved"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ConflictList:
    """Conflicts, newest first, optionally only ``open`` or ``resolved`` ones."""
    return ConflictList(items=service.conflicts(status, limit=limit, offset=offset))


@router.post(
    "/{conflict_id}/decision",
    response_model=DecisionResult,
    responses={404: {"model": Message, "description": "No such conflict"}},
)
def decide(
    service: Service,
    conflict_id: Annotated[str, Path(min_length=1, max_length=128)],
    decision: Annotated[DecisionIn, Body(examples=DECISION_EXAMPLES)],
) -> DecisionResult:
    """``merge`` the candidates, ``assign`` the record to one (``customer_id``), or
    ``keep_apart`` (remembered through later merges and re-syncs).
    """
    return service.decide(conflict_id, decision)
