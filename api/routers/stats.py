"""Totals: customers, records and identities per provider, conflicts by status."""

from __future__ import annotations

from fastapi import APIRouter

from graph_identity.results import Stats

from ..dependencies import Service
from ..schemas import ERRORS

router = APIRouter(tags=["stats"], responses=ERRORS)


@router.get("/stats", response_model=Stats)
def stats(service: Service) -> Stats:
    return service.stats()
