"""The compare endpoints (being built; see the issue tracker)."""

from fastapi import APIRouter

router = APIRouter()
