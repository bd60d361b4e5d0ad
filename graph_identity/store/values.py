"""Turning driver values (neo4j.time types inside maps and lists) into plain Python."""

from __future__ import annotations

from typing import Any

from neo4j.time import Date, DateTime, Time


def native(value: Any) -> Any:
    if isinstance(value, DateTime | Date | Time):
        return value.to_native()
    if isinstance(value, dict):
        return {key: native(item) for key, item in value.items()}
    if isinstance(value, list):
        return [native(item) for item in value]
    return value
