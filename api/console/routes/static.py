"""The console's stylesheet and its one small script, read from the package (so they ship
in the wheel) once, and cached by browsers for an hour."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter()
STATIC = Path(__file__).resolve().parents[1] / "static"
TYPES = {"console.css": "text/css", "console.js": "text/javascript"}


@cache
def _read(name: str) -> bytes:
    return (STATIC / name).read_bytes()


@router.get("/static/{name}")
def static(name: Literal["console.css", "console.js"]) -> Response:
    return Response(
        _read(name),
        media_type=f"{TYPES[name]}; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )
