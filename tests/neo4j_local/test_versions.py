"""Line names, full versions and the Java each Neo4j release runs on."""

from __future__ import annotations

import pytest

from graph_identity.neo4j_local.versions import (
    LINES,
    NEO4J_VERSION,
    JavaRange,
    UnknownVersionError,
    java_range,
    line_of,
    resolve_version,
)


def test_the_default_is_the_lts_line() -> None:
    assert LINES["5.26"] == NEO4J_VERSION
    assert NEO4J_VERSION.startswith("5.26.")


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("5.26", LINES["5.26"]),
        ("2026", LINES["2026"]),
        (" 2026 ", LINES["2026"]),
        ("5.26.29", "5.26.29"),
        ("2026.07.1", "2026.07.1"),
        ("2025.12.1", "2025.12.1"),
    ],
)
def test_lines_and_full_versions_resolve(spec: str, expected: str) -> None:
    assert resolve_version(spec) == expected


@pytest.mark.parametrize("spec", ["4.4.30", "latest", "2026.8", "5.26.x", ""])
def test_unknown_versions_are_refused_with_the_choices(spec: str) -> None:
    with pytest.raises(UnknownVersionError) as caught:
        resolve_version(spec)
    assert "use a line (5.26 (5.26.30), 2026 (2026.08.1))" in str(caught.value)


def test_there_are_no_calendar_releases_before_2025() -> None:
    with pytest.raises(UnknownVersionError, match=r"no Neo4j calendar release 2024\.01\.0"):
        resolve_version("2024.01.0")


def test_line_of_groups_releases_with_alike_stores() -> None:
    assert line_of("5.26.30") == line_of("5.26.1") == "5.26"
    assert line_of("2026.08.1") == line_of("2026.01.3") == "2026"
    assert line_of("2025.12.1") == "2025"


def test_calendar_releases_need_java_21_and_5_26_runs_on_17_to_21() -> None:
    lts, calendar = java_range("5.26.30"), java_range("2026.08.1")
    assert [major for major in (11, 17, 21, 25) if lts.accepts(major)] == [17, 21]
    assert [major for major in (17, 21, 25) if calendar.accepts(major)] == [21, 25]
    assert calendar == JavaRange(21, None)
    assert calendar.describe() == "Java 21 or newer"
    assert lts.describe() == "Java 17 to 21"
