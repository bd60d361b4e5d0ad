"""Property-based contract test: schemathesis drives every documented operation of the real
app (uvicorn, real Neo4j) with generated requests; no 500 and every answer fits its schema.

Bounded: a few examples per operation so the whole file runs in well under a minute.
``positive_data_acceptance`` is left out: a schema-valid record can still be refused with 422
for a reason JSON Schema cannot state (no external id and no usable identifier). The
operations are driven from the test body (schemathesis' lazy pytest fixture loader does not
support pytest 9), one Hypothesis run per operation. Webhook secrets are set so the webhook
routes answer as in production (401 for a bad signature), not 503 "not configured".
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import schemathesis
from hypothesis import HealthCheck, given, settings
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance

KEY = {"X-API-Key": "test-key-1"}
EXAMPLES_PER_OPERATION = 6


def test_every_operation_keeps_its_contract(api_server: Callable[..., httpx.Client]) -> None:
    api = api_server(
        shopify_webhook_secret=SecretStr("shopify-test-secret"),
        woocommerce_webhook_secret=SecretStr("woocommerce-test-secret"),
        lightspeed_webhook_secret=SecretStr("lightspeed-test-secret"),
        qbo_webhook_verifier=SecretStr("qbo-test-verifier"),
    )
    schema = schemathesis.openapi.from_url(f"{api.base_url}/openapi.json", headers=KEY)
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=KEY, excluded_checks=[positive_data_acceptance])

        try:
            run()
        except (AssertionError, FailureGroup) as failure:
            failures[operation.label] = str(failure)[:3000]
    served = sum(
        sample.value
        for family in text_string_to_metric_families(api.get("/metrics").text)
        if family.name == "graph_identity_http_requests"
        for sample in family.samples
        if sample.name.endswith("_total")
    )
    assert served >= 2 * len(operations), "schemathesis sent too few requests"
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
