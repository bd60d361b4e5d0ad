"""The rejects file: every row an import did not store, with its row number and reason.

It sits next to the input as ``<input>.rejects.csv`` with the columns ``row`` (the row's
1-based position among the data rows), ``record`` (``provider:external_id`` when the row
had an id, else empty), ``outcome`` and ``reason`` (the fields and why, never their
values). ``outcome`` is ``rejected`` (the row was not stored) or ``stored_without`` (the
record was stored, but the values named in ``reason`` were invalid and not used). It is
flushed before each checkpoint, so after a resume it holds the lines of the committed rows
of the earlier run plus those of the new one, each row once.
"""

from __future__ import annotations

import csv
from pathlib import Path

HEADER = ("row", "record", "outcome", "reason")
REJECTED = "rejected"
STORED_WITHOUT = "stored_without"


def rejects_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".rejects.csv")


class RejectsFile:
    """Open for appending; ``keep_through`` keeps earlier rejects of rows up to that number."""

    def __init__(self, path: Path, keep_through: int = 0) -> None:
        self.path = path
        kept = _earlier_rows(path, keep_through) if keep_through > 0 else []
        self._handle = path.open("w", newline="", encoding="utf-8")
        self._writer = csv.writer(self._handle)
        self._writer.writerow(HEADER)
        self._writer.writerows(kept)

    def add(self, row: int, record: str | None, reason: str, outcome: str = REJECTED) -> None:
        self._writer.writerow((row, record or "", outcome, reason))

    def flush(self) -> None:
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


def _earlier_rows(path: Path, keep_through: int) -> list[list[str]]:
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        return [
            line for line in reader if line and line[0].isdigit() and int(line[0]) <= keep_through
        ]
