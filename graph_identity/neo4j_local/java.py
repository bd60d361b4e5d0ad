"""Find a Java that the chosen Neo4j release runs on.

``GRAPH_IDENTITY_JAVA_HOME`` wins when set (and must hold a new enough Java). Otherwise the
candidates are ``JAVA_HOME``, the ``java`` on ``PATH`` and the JDKs installed under
``/usr/lib/jvm`` and ``/opt``, in that order; the first whose feature release the Neo4j line
accepts is used, so a machine with Java 17 as its default and a second, newer JDK beside it
runs 5.26 on 17 and 2026.x on the newer one without any setting.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph_identity.neo4j_local.versions import JavaRange

OVERRIDE_VARIABLE = "GRAPH_IDENTITY_JAVA_HOME"
JDK_ROOTS: tuple[Path, ...] = (Path("/usr/lib/jvm"), Path("/opt"))
_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')


class JavaNotFoundError(RuntimeError):
    """No usable Java; the message says what was found and what to set."""


@dataclass(frozen=True)
class Java:
    path: str
    major: int


def java_major(java: str) -> int | None:
    """The feature release of a ``java`` binary (8 for ``1.8``), None when it does not run."""
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return None
    match = _VERSION.search(out.stderr + out.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def _in_home(home: str) -> str:
    return str(Path(home) / "bin" / "java")


def _candidates(roots: Sequence[Path]) -> Iterable[str]:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        yield _in_home(java_home)
    on_path = shutil.which("java")
    if on_path:
        yield on_path
    for root in roots:
        if root.is_dir():
            yield from (str(path) for path in sorted(root.glob("*/bin/java")))


def find_java(required: JavaRange, neo4j_version: str, roots: Sequence[Path] = JDK_ROOTS) -> Java:
    """The Java to run ``neo4j_version`` with; raises ``JavaNotFoundError`` when none fits."""
    override = os.environ.get(OVERRIDE_VARIABLE)
    if override:
        java = _in_home(override)
        major = java_major(java) if Path(java).is_file() else None
        if major is None:
            raise JavaNotFoundError(f"Java was not found in {OVERRIDE_VARIABLE}={override}")
        if major < required.minimum:
            raise JavaNotFoundError(
                f"Neo4j {neo4j_version} needs {required.describe()}; {OVERRIDE_VARIABLE} "
                f"holds Java {major}"
            )
        return Java(java, major)
    seen: dict[str, int | None] = {}
    for candidate in _candidates(roots):
        real = os.path.realpath(candidate)
        if real in seen:
            continue
        seen[real] = java_major(candidate) if Path(candidate).is_file() else None
        major = seen[real]
        if major is not None and required.accepts(major):
            return Java(candidate, major)
    found = ", ".join(f"{path} ({major})" for path, major in seen.items() if major is not None)
    advice = (
        f"install it (e.g. apt-get install openjdk-{required.minimum}-jre-headless) or set "
        f"{OVERRIDE_VARIABLE} to its home"
    )
    raise JavaNotFoundError(
        f"Java was not found for Neo4j {neo4j_version}, which needs {required.describe()}"
        + (f"; found only {found}" if found else "")
        + f": {advice}"
    )
