"""Where the labelled data sets are (``shared/datasets`` beside the repository), for the few
tests that read them; a missing file fails the test with a message naming it, never a skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def datasets_dir() -> Path:
    """``GRAPH_IDENTITY_DATASETS`` if set, else ``../shared/datasets`` from the repository."""
    override = os.environ.get("GRAPH_IDENTITY_DATASETS")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def dataset_file(*parts: str) -> Path:
    """A data-set file, or a failure saying which one is missing and how to provide it."""
    path = datasets_dir().joinpath(*parts)
    if not path.is_file():
        pytest.fail(
            f"data set file not found: {path}. Put shared/datasets beside the repository "
            "or point GRAPH_IDENTITY_DATASETS at it."
        )
    return path
