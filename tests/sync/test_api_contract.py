"""Schemathesis on the sync routes alone: generated requests never get a 500 and every
answer fits the documented schema (no provider is configured, so none starts a sync)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

KEY = {"X-API-Key": "test-key-1"}


def test_the_sync_routes_keep_their_contract(api_server: Callable[..., httpx.Client]) -> None:
    api = api_server()
    schema = schemathesis.openapi.from_url(f"{api.base_url}/openapi.json", headers=KEY)
    operations = [
        result.ok() for result in schema.get_all_operations() if "/syncs" in result.ok().path
    ]
    assert {op.method.upper() for op in operations} == {"GET", "POST"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=KEY, excluded_checks=[positive_data_acceptance])

        run()
