"""Fixtures for the normalization unit tests: configuration built without the environment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graph_identity.config import Settings
from graph_identity.normalize import NormalizationConfig


def build_config(**overrides: Any) -> NormalizationConfig:
    """Settings by field name, passed by their environment aliases (what Settings accepts)."""
    values: dict[str, Any] = {
        "default_region": "US",
        "gmail_rules": False,
        "generic_emails": [],
        "generic_phones": [],
        "generic_patterns": [],
    }
    values.update(overrides)
    by_alias = {Settings.model_fields[name].alias or name: value for name, value in values.items()}
    return NormalizationConfig.from_settings(Settings(_env_file=None, **by_alias))


@pytest.fixture(scope="session")
def make_config() -> Callable[..., NormalizationConfig]:
    """A factory: ``make_config(gmail_rules=True, generic_phones=[...])``."""
    return build_config


@pytest.fixture(scope="session")
def config() -> NormalizationConfig:
    return build_config()
