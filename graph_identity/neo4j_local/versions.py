"""Which Neo4j release a line name means, and which Java each release runs on.

Two lines are supported: 5.26, the long-term-support line, and the calendar releases
(2025.x, 2026.x: what Aura runs). The release behind each line name is the newest that
resolved on Maven Central when it was last checked (2026-12-03).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINES: dict[str, str] = {"5.26": "5.26.30", "2026": "2026.08.1"}
DEFAULT_LINE = "5.26"
NEO4J_VERSION = LINES[DEFAULT_LINE]

_SEMANTIC = re.compile(r"5\.\d+\.\d+")
_CALENDAR = re.compile(r"20\d\d\.\d\d\.\d+")
FIRST_CALENDAR_YEAR = 2025


class UnknownVersionError(ValueError):
    """A version or line name this project cannot run."""


@dataclass(frozen=True)
class JavaRange:
    """The Java feature releases a Neo4j release runs on (``maximum`` None: no limit known)."""

    minimum: int
    maximum: int | None

    def accepts(self, major: int) -> bool:
        return major >= self.minimum and (self.maximum is None or major <= self.maximum)

    def describe(self) -> str:
        if self.maximum is None:
            return f"Java {self.minimum} or newer"
        return f"Java {self.minimum} to {self.maximum}"


def resolve_version(spec: str) -> str:
    """``5.26`` / ``2026`` to the release behind that line; a full version as it is."""
    spec = spec.strip()
    if spec in LINES:
        return LINES[spec]
    if _CALENDAR.fullmatch(spec) and not is_calendar(spec):
        raise UnknownVersionError(f"there is no Neo4j calendar release {spec}")
    if _SEMANTIC.fullmatch(spec) or _CALENDAR.fullmatch(spec):
        return spec
    choices = ", ".join(f"{line} ({version})" for line, version in LINES.items())
    raise UnknownVersionError(
        f"unknown Neo4j version {spec!r}: use a line ({choices}) or a full version such as "
        f"5.26.30 or 2026.08.1"
    )


def is_calendar(version: str) -> bool:
    """Calendar releases (2025.01 onwards) are numbered by year and month."""
    return int(version.split(".")[0]) >= FIRST_CALENDAR_YEAR


def line_of(version: str) -> str:
    """``5.26.30`` -> ``5.26``; ``2026.08.1`` -> ``2026``: releases whose stores are alike."""
    parts = version.split(".")
    return parts[0] if is_calendar(version) else ".".join(parts[:2])


def java_range(version: str) -> JavaRange:
    """5.x runs on Java 17 and 21; calendar releases need Java 21 or newer."""
    return JavaRange(21, None) if is_calendar(version) else JavaRange(17, 21)
