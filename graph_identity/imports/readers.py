"""Streaming rows out of a CSV, JSON Lines or JSON file, one at a time.

Nothing reads a whole file: CSV and JSON Lines go line by line, a JSON file (one array of
objects, the items of a list response) is decoded value by value from a bounded buffer.
``Row.number`` is the 1-based position of the row among the data rows: CSV rows after the
header, non-empty JSON Lines lines, JSON array items.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from graph_identity.imports.errors import ImportInputError

READ_SIZE = 1 << 16
MAX_JSON_VALUE = 16 << 20
_WHITESPACE = " \t\r\n"
_NUMBER_CHARS = "0123456789.eE+-"


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its content, or why it could not be read (never its content)."""

    number: int
    data: Any = None
    error: str | None = None


class CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read from it (for progress and ETA)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self.bytes_read += len(data)
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


class RowFile:
    """An open input file: ``columns`` (CSV header) and ``rows()``; use as a context manager."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.fmt = fmt
        self.total_bytes = path.stat().st_size
        self._counter = CountingReader(path.open("rb"))
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._counter), encoding="utf-8-sig", newline=""
        )
        self.columns: list[str] = []
        self._csv: Iterator[list[str]] | None = None
        if fmt == "csv":
            self._csv = csv.reader(self._text)
            header = next(self._csv, None)
            self.columns = [name.strip() for name in header or []]

    @property
    def bytes_read(self) -> int:
        return self._counter.bytes_read

    def __enter__(self) -> RowFile:
        return self

    def __exit__(self, *_: object) -> None:
        self._text.close()

    def rows(self) -> Iterator[Row]:
        try:
            if self.fmt == "csv":
                yield from self._csv_rows()
            elif self.fmt == "jsonl":
                yield from self._jsonl_rows()
            else:
                yield from _json_array_rows(self._text)
        except UnicodeDecodeError:
            raise ImportInputError("file", "not UTF-8 text") from None

    def _csv_rows(self) -> Iterator[Row]:
        assert self._csv is not None
        number = 0
        try:
            for values in self._csv:
                if not values:
                    continue
                number += 1
                if len(values) > len(self.columns):
                    yield Row(number, error="row: more values than header columns")
                    continue
                yield Row(number, data=dict(zip(self.columns, values, strict=False)))
        except csv.Error as exc:
            raise ImportInputError(f"row {number + 1}", f"not valid CSV ({exc})") from None

    def _jsonl_rows(self) -> Iterator[Row]:
        number = 0
        for line in self._text:
            if not line.strip():
                continue
            number += 1
            try:
                yield Row(number, data=json.loads(line))
            except json.JSONDecodeError as exc:
                yield Row(number, error=f"row: not valid JSON ({exc.msg} at column {exc.colno})")


class _JsonArray:
    """Incremental decoding of ``[value, value, …]`` with a bounded buffer."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text
        self._decoder = json.JSONDecoder()
        self._buffer = ""
        self._pos = 0
        self._eof = False

    def _more(self) -> bool:
        chunk = self._text.read(READ_SIZE)
        if not chunk:
            self._eof = True
            return False
        self._buffer = self._buffer[self._pos :] + chunk
        self._pos = 0
        return True

    def peek(self) -> str | None:
        """The next non-blank character (not consumed), or None at the end of the file."""
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in _WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._more():
                return None

    def take(self) -> None:
        self._pos += 1

    def _may_continue(self, value: Any, end: int) -> bool:
        """A number read up to the end of the buffer (``12`` of ``123``, ``1`` of ``1.5``)
        may continue in the next read."""
        if self._eof or len(self._buffer) - self._pos > MAX_JSON_VALUE:
            return False
        if end == len(self._buffer):
            return True
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return number and self._buffer[end] in _NUMBER_CHARS

    def value(self, where: str) -> Any:
        self.peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as exc:
                if len(self._buffer) - self._pos > MAX_JSON_VALUE or not self._more():
                    raise ImportInputError(where, f"not valid JSON ({exc.msg})") from None
                continue
            if self._may_continue(value, end) and self._more():
                continue
            self._pos = end
            return value


def _json_array_rows(text: IO[str]) -> Iterator[Row]:
    scanner = _JsonArray(text)
    if scanner.peek() == "{":
        # One object: a provider's page envelope (or a single object), read as row 1.
        yield Row(1, data=scanner.value("row 1"))
        if scanner.peek() is not None:
            raise ImportInputError("file", "content after the JSON object")
        return
    if scanner.peek() != "[":
        raise ImportInputError(
            "file", "a JSON file must hold one array of objects or one page envelope"
        )
    scanner.take()
    number = 0
    if scanner.peek() == "]":
        scanner.take()
    else:
        while True:
            number += 1
            yield Row(number, data=scanner.value(f"row {number}"))
            separator = scanner.peek()
            scanner.take()
            if separator == "]":
                break
            if separator != ",":
                raise ImportInputError(f"row {number}", "expected ',' or ']' after the value")
    if scanner.peek() is not None:
        raise ImportInputError("file", "content after the JSON array")
