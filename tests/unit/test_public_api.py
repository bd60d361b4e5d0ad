"""The names ``graph_identity`` exports are its public API: adding or removing one is a
decision, so this list changes with it. Importing the library never loads the web layer."""

from __future__ import annotations

import subprocess
import sys

import graph_identity

EXPECTED = [
    "Action",
    "BatchResult",
    "ConcurrentChange",
    "ConflictView",
    "Customer",
    "CustomerExplanation",
    "DateOrder",
    "DecisionIn",
    "DecisionResult",
    "ErasedRecord",
    "ErasureResult",
    "GenericIdentifier",
    "GraphIdentityError",
    "IdentityService",
    "IngestResult",
    "InvalidDecision",
    "NormalizedRecord",
    "NotFound",
    "OrderIn",
    "PairExplanation",
    "Policy",
    "PostalAddress",
    "RecordErased",
    "RecordIn",
    "RecordRejected",
    "ResolveResult",
    "ResolveStatus",
    "Settings",
    "Stats",
    "__version__",
    "connect",
]

WEB_MODULES = ("fastapi", "starlette", "uvicorn", "api", "graph_identity_api")


def test_exported_names_are_pinned() -> None:
    assert sorted(graph_identity.__all__) == EXPECTED


def test_every_exported_name_resolves() -> None:
    for name in graph_identity.__all__:
        assert getattr(graph_identity, name) is not None, name


def test_errors_share_one_base() -> None:
    errors = ["ConcurrentChange", "InvalidDecision", "NotFound", "RecordErased", "RecordRejected"]
    for name in errors:
        assert issubclass(getattr(graph_identity, name), graph_identity.GraphIdentityError)


def test_version_is_the_installed_distribution() -> None:
    from importlib.metadata import version

    assert graph_identity.__version__ == version("graph-identity")


def _loaded_after(statement: str) -> list[str]:
    probe = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(done.stdout.split())
    return [name for name in WEB_MODULES if name in loaded]


def test_importing_the_library_loads_no_web_framework() -> None:
    assert _loaded_after("import graph_identity") == []


def test_importing_the_cli_loads_no_web_framework() -> None:
    assert _loaded_after("import graph_identity.cli") == []
