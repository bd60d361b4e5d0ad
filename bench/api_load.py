"""HTTP load: `POST /v1/resolve` and `POST /v1/records` at fixed rates, with latency.

    python bench/api_load.py [--seconds 30] [--resolve-rate 200] [--ingest-rate 50]
    python bench/api_load.py --seconds 20 --resolve-rate 50,100,200 --ingest-rate 0,0,50

Starts its own Neo4j and the real API (`graph-identity serve`, one uvicorn process),
seeds customers, then sends an open-loop load (requests are sent on schedule whether or not
earlier ones have answered, so a slow server shows up as latency, not as a lower rate).
Comma-separated rates run as steps, one after the other, on the same seeded server (an
ingest rate of 0 runs resolve alone). For each step it reports throughput, p50/p95/p99, the
CPU time the API and Neo4j processes spent per request (from /proc, so it does not depend on
how busy the shared machine was) and the load average when the step began; then peak RSS,
in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_server, served_api, write_section
from bench.generate import person_records

SEED_RECORDS = 5_000
REQUEST_TIMEOUT_S = 60.0
MAX_CONNECTIONS = 100
CONNECTIONS_PER_CLIENT = 10
HTTP_CLIENTS = MAX_CONNECTIONS // CONNECTIONS_PER_CLIENT

RequestMaker = Callable[[int], tuple[str, str, dict[str, object]]]


@dataclass(frozen=True)
class Load:
    """One request kind's answers in a step, by class: only a 2xx answer is served."""

    latencies: list[float]
    """Milliseconds of the 2xx answers."""
    rejected: Counter[str]
    """4xx answers by status code (a request the API refused, not one it served)."""
    failed: Counter[str]
    """5xx (or other non-2xx, non-4xx) answers by status code, and requests without an
    answer by error type."""
    elapsed: float = 0.0

    @property
    def sent(self) -> int:
        return len(self.latencies) + self.rejected.total() + self.failed.total()

    def row(self, name: str, rate: float) -> str:
        """``served``: 2xx answers per second from the step's start to its last answer."""
        counts = f"{_counted(self.rejected)} | {_counted(self.failed)} |"
        if not self.latencies:
            return f"| {name} | {rate:.0f} | 0 | n/a | n/a | n/a | {counts}"
        return (
            f"| {name} | {rate:.0f} | {len(self.latencies) / self.elapsed:.0f} | "
            f"{statistics.median(self.latencies):.1f} | {percentile(self.latencies, 0.95):.1f} | "
            f"{percentile(self.latencies, 0.99):.1f} | {counts}"
        )


def _counted(counts: Counter[str]) -> str:
    """``0``, or the total with each kind's count: ``12 (409: 10, 422: 2)``."""
    if not counts:
        return "0"
    kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(counts.items()))
    return f"{counts.total()} ({kinds})"


def answer_class(status: int) -> str:
    """Where an HTTP status counts: ``served`` (2xx), ``rejected`` (4xx) or ``failed``."""
    if 200 <= status < 300:
        return "served"
    if 400 <= status < 500:
        return "rejected"
    return "failed"


def peak_rss_mib(pid: int | None) -> float:
    """The process's high-water resident set size (VmHWM), in MiB."""
    if pid is None:
        return float("nan")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time the process has used so far."""
    if pid is None:
        return float("nan")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def rates(text: str) -> list[float]:
    return [float(part) for part in text.split(",")]


def connection_slots(clients: list[httpx.AsyncClient]) -> asyncio.Queue[httpx.AsyncClient]:
    """One slot per connection (``CONNECTIONS_PER_CLIENT`` per client), shared by every loop
    of a step: a request holds a slot while in flight, so at most ``MAX_CONNECTIONS`` are in
    flight and no client's pool ever queues a request.
    """
    slots: asyncio.Queue[httpx.AsyncClient] = asyncio.Queue()
    for client in clients:
        for _ in range(CONNECTIONS_PER_CLIENT):
            slots.put_nowait(client)
    return slots


async def open_loop(
    slots: asyncio.Queue[httpx.AsyncClient],
    rate: float,
    seconds: float,
    make_request: RequestMaker,
) -> Load:
    """Send ``rate * seconds`` requests on schedule. Latency counts from each request's
    scheduled time, so a generator or server that falls behind shows up as latency (no
    coordinated omission). In-flight requests are capped by ``slots`` (shared with the
    other request kind's loop) and spread over several small clients: httpcore's pool does
    work quadratic in its connection count on every request start and end (each idle
    connection counts all the others), so one 100-connection client, or more requests in
    flight than connections, made the generator, not the server, the bottleneck.
    """
    latencies: list[float] = []
    rejected: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    if rate <= 0:
        return Load(latencies, rejected, failed)
    started = time.perf_counter()
    tasks: list[asyncio.Task[None]] = []

    async def one(index: int, scheduled: float) -> None:
        method, url, body = make_request(index)
        try:
            client = await slots.get()
            try:
                response = await client.request(method, url, json=body)
            finally:
                slots.put_nowait(client)
        except httpx.HTTPError as error:
            failed[type(error).__name__] += 1
            return
        answered = answer_class(response.status_code)
        if answered == "served":
            latencies.append((time.perf_counter() - scheduled) * 1000)
        elif answered == "rejected":
            rejected[str(response.status_code)] += 1
        else:
            failed[str(response.status_code)] += 1

    for index in range(round(rate * seconds)):
        target = index / rate
        ahead = target - (time.perf_counter() - started)
        if ahead > 0:
            await asyncio.sleep(ahead)
        tasks.append(asyncio.create_task(one(index, started + target)))
    await asyncio.gather(*tasks)
    return Load(latencies, rejected, failed, time.perf_counter() - started)


@dataclass(frozen=True)
class Step:
    resolve_rate: float
    ingest_rate: float
    resolve: Load
    ingest: Load
    load_average: float
    api_cpu_ms: float
    neo4j_cpu_ms: float
    client_cpu_ms: float


async def drive(
    base: str, key: str, args: argparse.Namespace, pids: tuple[int, int | None]
) -> list[Step]:
    headers = {"X-API-Key": key}
    limits = httpx.Limits(
        max_connections=CONNECTIONS_PER_CLIENT, max_keepalive_connections=CONNECTIONS_PER_CLIENT
    )
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(
                    base_url=base, headers=headers, limits=limits, timeout=REQUEST_TIMEOUT_S
                )
            )
            for _ in range(HTTP_CLIENTS)
        ]
        client = clients[0]
        seed = [
            r.model_dump(mode="json", exclude_defaults=True) for r in person_records(SEED_RECORDS)
        ]
        for start in range(0, len(seed), 500):
            response = await client.post(
                "/v1/records/batch", json={"records": seed[start : start + 500]}, timeout=120
            )
            response.raise_for_status()
        emails = [r["emails"][0] for r in seed if r.get("emails")]
        fresh = list(person_records(SEED_RECORDS + 20_000))[SEED_RECORDS:]
        sent_ingests = 0

        def resolve(index: int) -> tuple[str, str, dict[str, object]]:
            return "POST", "/v1/resolve", {"email": emails[index % len(emails)]}

        def ingest(index: int) -> tuple[str, str, dict[str, object]]:
            record = fresh[(sent_ingests + index) % len(fresh)]
            return "POST", "/v1/records", record.model_dump(mode="json", exclude_defaults=True)

        steps = []
        resolve_rates, ingest_rates = args.resolve_rate, args.ingest_rate
        if len(ingest_rates) == 1:
            ingest_rates = ingest_rates * len(resolve_rates)
        for resolve_rate, ingest_rate in zip(resolve_rates, ingest_rates, strict=True):
            load_average = os.getloadavg()[0]
            api_before, neo4j_before = cpu_seconds(pids[0]), cpu_seconds(pids[1])
            client_before = time.process_time()
            slots = connection_slots(clients)
            resolved, ingested = await asyncio.gather(
                open_loop(slots, resolve_rate, args.seconds, resolve),
                open_loop(slots, ingest_rate, args.seconds, ingest),
            )
            sent_ingests += ingested.sent
            requests = max(1, resolved.sent + ingested.sent)
            steps.append(
                Step(
                    resolve_rate,
                    ingest_rate,
                    resolved,
                    ingested,
                    load_average,
                    (cpu_seconds(pids[0]) - api_before) * 1000 / requests,
                    (cpu_seconds(pids[1]) - neo4j_before) * 1000 / requests,
                    (time.process_time() - client_before) * 1000 / requests,
                )
            )
            print(steps[-1].resolve.row("POST /v1/resolve", resolve_rate), flush=True)
    return steps


def report(args: argparse.Namespace, steps: list[Step], api_rss: float, neo4j_rss: float) -> str:
    rows, cpu_rows = [], []
    for index, step in enumerate(steps, start=1):
        for name, rate, load in (
            ("POST /v1/resolve", step.resolve_rate, step.resolve),
            ("POST /v1/records", step.ingest_rate, step.ingest),
        ):
            if rate > 0:
                rows.append(f"| {index} " + load.row(name, rate))
        cpu_rows.append(
            f"| {index} | {step.load_average:.1f} | {step.api_cpu_ms:.2f} "
            f"| {step.neo4j_cpu_ms:.2f} | {step.client_cpu_ms:.2f} |"
        )
    return f"""
Open-loop load for {args.seconds:.0f} s per step (latency counted from each request's
scheduled send time; at most {MAX_CONNECTIONS} requests in flight, both kinds together,
over {HTTP_CLIENTS} httpx clients of {CONNECTIONS_PER_CLIENT} connections) against one
`graph-identity serve` process (uvicorn, sync routes on its thread pool) and a local Neo4j,
after seeding {SEED_RECORDS:,} records through `POST /v1/records/batch`; within a step both
request kinds run at the same time. The load generator (httpx, asyncio) runs on the same
2 cores, which other work shared: the 1-minute load average when each step began is in the
second table. "Served" counts 2xx answers per second from a step's start to its last
answer, and the latencies are theirs; a 4xx answer (the API refused the request) is counted
apart, as are 5xx answers and requests that got no answer (by error type).

| step | request | offered req/s | served (2xx) req/s \
| p50 ms | p95 ms | p99 ms | 4xx | 5xx / no answer |
|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

CPU time per request sent (resolve and ingest together, whatever the answer), measured from
/proc for each process:

| step | load average | API process CPU ms / request | Neo4j CPU ms / request \
| load generator CPU ms / request |
|---|---|---|---|---|
{chr(10).join(cpu_rows)}

Peak RSS: API process {api_rss:,.0f} MiB, Neo4j {neo4j_rss:,.0f} MiB.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--resolve-rate", type=rates, default=[200.0])
    parser.add_argument("--ingest-rate", type=rates, default=[50.0])
    args = parser.parse_args()
    key = secrets.token_urlsafe(24)
    with bench_server() as bench, served_api(bench.settings, key) as api:
        pids = (api.process.pid, bench.pid())
        steps = asyncio.run(drive(api.base_url, key, args, pids))
        api_rss, neo4j_rss = peak_rss_mib(api.process.pid), peak_rss_mib(bench.pid())
    joined = ",".join(f"{r:.0f}" for r in args.resolve_rate)
    ingest = ",".join(f"{r:.0f}" for r in args.ingest_rate)
    write_section(
        "API load",
        report(args, steps, api_rss, neo4j_rss),
        f"python bench/api_load.py --seconds {args.seconds:.0f} "
        f"--resolve-rate {joined} --ingest-rate {ingest}",
    )


if __name__ == "__main__":
    main()
