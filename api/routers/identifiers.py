"""Identifiers that stopped linking (blocklisted or over the per-kind limit)."""

from __future__ import annotations

from fastapi import APIRouter

from ..dependencies import Service
from ..schemas import ERRORS, GenericList

router = APIRouter(prefix="/identifiers", tags=["identifiers"], responses=ERRORS)


@router.get("/generic", response_model=GenericList)
def generic(service: Service) -> GenericList:
    """Generic identifiers (masked), why they are generic, and how many records hold them."""
    return GenericList(items=service.generic_identifiers())
