"""Explanation latency: ``explain_customer`` on one 200-record customer, one query per call.

    python bench/explain_latency.py [--records 200] [--runs 200] [--warmup 20]

Starts its own Neo4j (or uses NEO4J_URI — whose data it wipes) and ingests one customer
whose records form a chain: record i shares one identifier with record i+1 (emails and
phones alternating), so the last record's chain to the oldest is records-1 hops long — the
worst case for the spanning tree. Then times ``explain_customer`` after a warm-up.

One round trip is checked on the wire, not assumed: during the warm-up the driver's Bolt
log (logger ``neo4j.io`` at DEBUG) is captured and its client ``RUN`` messages counted; each
explanation must send exactly one. Logging is off again while timing. Writes the
"Explanation latency" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_server, write_section
from graph_identity.explain import (
    CustomerExplanation,
    build_customer_explanation,
    explain_customer,
)
from graph_identity.explain.fetch import fetch_row
from graph_identity.models import RecordIn
from graph_identity.service import IdentityService
from graph_identity.store.admin import wipe

TITLE = "Explanation latency"
START = datetime(2024, 1, 1, tzinfo=UTC)


class BoltRuns(logging.Handler):
    """Counts the Bolt RUN messages the driver sends (one per query)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.runs = 0

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).endswith("C: RUN %s"):
            self.runs += 1


def chained_records(count: int) -> list[RecordIn]:
    """Record i holds identifiers i and i+1 (emails for even, phones for odd) and is seen
    i minutes after record 0, so record 0 is the oldest: the root at one end of the chain.
    """

    def identifier(j: int) -> dict[str, list[str]]:
        if j % 2 == 0:
            return {"emails": [f"chain{j}@example.com"]}
        return {"phones": [f"+1 512 234 {j:04d}"]}

    records = []
    for i in range(count):
        fields: dict[str, list[str]] = {"emails": [], "phones": []}
        for j in (i, i + 1):
            for kind, values in identifier(j).items():
                fields[kind] += values
        provider = ("shopify", "qbo", "loyalty", "woocommerce")[i % 4]
        updated = START + timedelta(minutes=i)
        records.append(
            RecordIn(provider=provider, external_id=f"chain-{i}", updated_at=updated, **fields)
        )
    return records


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(call: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def table_row(label: str, samples: list[float]) -> str:
    p50, p99 = percentile(samples, 0.5), percentile(samples, 0.99)
    return f"| {label} | {p50:.1f} | {p99:.1f} | {statistics.fmean(samples):.1f} |"


def report(
    explanation: CustomerExplanation,
    args: argparse.Namespace,
    *,
    total: list[float],
    query: list[float],
    build: list[float],
) -> str:
    deepest = max(c.depth for c in explanation.chains)
    size = len(explanation.model_dump_json()) / 1024
    rows = "\n".join(
        [
            table_row("`explain_customer` (end to end)", total),
            table_row("the one query (`customer_subgraph`)", query),
            table_row("building from the row (no database)", build),
        ]
    )
    return f"""
One customer of {len(explanation.records)} records chained by shared identifiers (record i
shares one identifier with record i+1, emails and phones alternating:
{len(explanation.identifiers)} identifiers, {len(explanation.links)} links), so the deepest
record of the spanning tree is {deepest} hops from the oldest — the worst case for a customer
this size. `explain_customer` timed {args.runs} times after {args.warmup}
warm-up calls, end to end (query, networkx, pydantic models, nodes and edges); the JSON is
{size:.0f} KiB. The query and the build from its row were also timed alone.

One round trip per explanation, verified on the wire: the driver's Bolt log (`neo4j.io`,
DEBUG) was captured during the warm-up and held {args.warmup} client `RUN` messages for
{args.warmup} explanations. (The tests check the same with a driver that counts
`execute_query` calls and sessions.)

| part | p50 ms | p99 ms | mean ms |
|---|---|---|---|
{rows}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    command = "python bench/explain_latency.py" + "".join(
        f" --{name} {getattr(args, name)}" for name in ("records", "runs", "warmup")
    )

    with bench_server() as bench:
        database = bench.settings.neo4j_database
        wipe(bench.driver, database)
        service = IdentityService(bench.driver, bench.settings)
        batch = service.ingest_batch(chained_records(args.records))
        customers = {r.customer_id for r in batch.results}
        if len(customers) != 1 or batch.rejected:
            raise SystemExit(f"expected one customer, got {customers} ({batch.rejected})")
        (customer_id,) = customers
        assert customer_id is not None

        def explain() -> object:
            return explain_customer(bench.driver, database, customer_id)

        bolt = logging.getLogger("neo4j.io")
        counter = BoltRuns()
        bolt.addHandler(counter)
        bolt.setLevel(logging.DEBUG)
        for _ in range(args.warmup):
            explain()
        bolt.setLevel(logging.NOTSET)
        bolt.removeHandler(counter)
        if counter.runs != args.warmup:
            raise SystemExit(f"{counter.runs} Bolt RUN messages for {args.warmup} explanations")

        total = timed(explain, args.runs)
        row = fetch_row(
            bench.driver,
            database,
            "explain/customer_subgraph",
            id=customer_id,
            include_canonical=False,
        )
        assert row is not None
        query = timed(
            lambda: fetch_row(
                bench.driver,
                database,
                "explain/customer_subgraph",
                id=customer_id,
                include_canonical=False,
            ),
            args.runs,
        )
        build = timed(lambda: build_customer_explanation(row, customer_id), args.runs)
        explanation = explain_customer(bench.driver, database, customer_id)

    body = report(explanation, args, total=total, query=query, build=build)
    print(body)
    write_section(TITLE, body, command)


if __name__ == "__main__":
    main()
