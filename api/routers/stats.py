"""Totals: customers, records and identities per provider, conflicts by status."""

from __future__ import annotations

from fastapi import APIRouter

from api.dependencies import Service
from api.schemas import ERRORS
from graph_identity.results import Stats

router = APIRouter(tags=["stats"], responses=ERRORS)


@router.get("/stats", response_model=Stats)
def stats(service: Service) -> Stats:
    return service.stats()
