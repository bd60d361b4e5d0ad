"""The web layer is ``api`` in the source tree and ``graph_identity_api`` in the wheel, so its
modules reach each other by relative imports only; the library never imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB_FILES = sorted((ROOT / "api").rglob("*.py"))
LIBRARY_FILES = sorted((ROOT / "graph_identity").rglob("*.py"))


def _absolute_imports(path: Path, package: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno} {name}"
            for name in names
            if name == package or name.startswith(f"{package}.")
        ]
    return found


@pytest.mark.parametrize("path", WEB_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_web_modules_import_each_other_relatively(path: Path) -> None:
    assert _absolute_imports(path, "api") == []


def test_library_does_not_import_the_web_layer() -> None:
    found = [hit for path in LIBRARY_FILES for hit in _absolute_imports(path, "api")]
    assert found == []
