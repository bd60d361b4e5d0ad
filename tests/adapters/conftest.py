"""Loading the sample payloads in ``tests/adapters/fixtures/<provider>/``."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def payload() -> Callable[[str], Any]:
    """``payload("shopify/customer_rest.json")``: a fresh copy of a JSON fixture."""

    def load(name: str) -> Any:
        return json.loads((FIXTURES / name).read_text(encoding="utf-8"))

    return load


@pytest.fixture
def csv_rows() -> Callable[[str], list[dict[str, str]]]:
    """``csv_rows("loyalty/members.csv")``: the rows of a CSV fixture as dicts."""

    def load(name: str) -> list[dict[str, str]]:
        with (FIXTURES / name).open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    return load
