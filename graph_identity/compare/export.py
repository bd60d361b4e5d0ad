"""Comparison rows as CSV (the CLI's ``--csv`` and the API's ``format=csv``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from pydantic import BaseModel


def to_csv(rows: Sequence[BaseModel], columns: Sequence[str]) -> str:
    """One line per row; list values joined with ``;``, missing values empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        data = row.model_dump(mode="json")
        writer.writerow([_cell(data.get(column)) for column in columns])
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)
