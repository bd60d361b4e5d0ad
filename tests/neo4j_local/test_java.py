"""Which Java runs which Neo4j line: the override, JAVA_HOME, PATH, then installed JDKs."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_identity.neo4j_local.java import (
    OVERRIDE_VARIABLE,
    JavaNotFoundError,
    find_java,
    java_major,
)
from graph_identity.neo4j_local.versions import java_range

LTS, CALENDAR = "5.26.30", "2026.08.1"


def fake_jdk(root: Path, name: str, version: str) -> Path:
    """A JDK home whose ``bin/java -version`` prints what that release prints (on stderr)."""
    home = root / name
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2026-04-21' >&2\n")
    java.chmod(0o755)
    return home


@pytest.fixture
def jdks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A JDK root with Java 17 and 25, an empty PATH, and no JAVA_HOME or override."""
    root = tmp_path / "jvm"
    fake_jdk(root, "java-17-openjdk-amd64", "17.0.15")
    fake_jdk(root, "temurin-25-jdk-amd64", "25.0.3")
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv(OVERRIDE_VARIABLE, raising=False)
    return root


def test_java_major_reads_modern_and_legacy_version_strings(tmp_path: Path) -> None:
    assert java_major(str(fake_jdk(tmp_path, "a", "25.0.3") / "bin" / "java")) == 25
    assert java_major(str(fake_jdk(tmp_path, "b", "1.8.0_402") / "bin" / "java")) == 8
    assert java_major(str(tmp_path / "missing" / "java")) is None


def test_each_line_gets_a_java_it_runs_on(jdks: Path) -> None:
    lts = find_java(java_range(LTS), LTS, roots=[jdks])
    calendar = find_java(java_range(CALENDAR), CALENDAR, roots=[jdks])
    assert (lts.major, Path(lts.path).parent.parent.name) == (17, "java-17-openjdk-amd64")
    assert (calendar.major, Path(calendar.path).parent.parent.name) == (
        25,
        "temurin-25-jdk-amd64",
    )


def test_java_home_comes_first_when_it_fits(
    jdks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(fake_jdk(tmp_path / "other", "jdk-21", "21.0.5")))
    assert find_java(java_range(LTS), LTS, roots=[jdks]).major == 21
    assert find_java(java_range(CALENDAR), CALENDAR, roots=[jdks]).major == 21


def test_a_java_home_too_old_for_the_line_is_passed_over(
    jdks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(jdks / "java-17-openjdk-amd64"))
    assert find_java(java_range(CALENDAR), CALENDAR, roots=[jdks]).major == 25


def test_the_override_wins_and_must_be_new_enough(
    jdks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(jdks / "temurin-25-jdk-amd64"))
    chosen = find_java(java_range(LTS), LTS, roots=[jdks])
    assert chosen.major == 25, "the override is used even above the line's tested range"
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(jdks / "java-17-openjdk-amd64"))
    with pytest.raises(JavaNotFoundError, match=r"needs Java 21 or newer; .* holds Java 17"):
        find_java(java_range(CALENDAR), CALENDAR, roots=[jdks])
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path / "no-java"))
    with pytest.raises(JavaNotFoundError, match="Java was not found in"):
        find_java(java_range(LTS), LTS, roots=[jdks])


def test_no_fitting_java_names_what_was_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "jvm"
    fake_jdk(root, "java-17-openjdk-amd64", "17.0.15")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv(OVERRIDE_VARIABLE, raising=False)
    with pytest.raises(JavaNotFoundError) as caught:
        find_java(java_range(CALENDAR), CALENDAR, roots=[root])
    message = str(caught.value)
    assert "Java was not found for Neo4j 2026.08.1, which needs Java 21 or newer" in message
    assert "java-17-openjdk-amd64/bin/java (17)" in message
    assert OVERRIDE_VARIABLE in message
