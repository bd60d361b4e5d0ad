"""Fixtures of the API tests beyond the shared ones in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from graph_identity.config import Policy


@pytest.fixture
def reviewing_api(api_server: Callable[..., httpx.Client]) -> httpx.Client:
    """The real API holding every bridge for review (``review_all_bridges``): the conflict
    workflow on data whose halves do not contradict, which the default policy merges."""
    return api_server(policy=Policy.REVIEW_ALL_BRIDGES)
