"""HTTP load: `POST /v1/resolve` and `POST /v1/records` at fixed rates, with latency.

    python bench/api_load.py [--seconds 30] [--resolve-rate 200] [--ingest-rate 50]
    python bench/api_load.py --seconds 20 --resolve-rate 50,100,200 --ingest-rate 0,0,50
    python bench/api_load.py --grouping off,on,off,on --burst 1000 --burst-seconds 5

Starts its own Neo4j and the real API (`graph-identity serve`, one uvicorn process),
seeds ``--seed-records`` records in-process (the bulk path) once, then sends an open-loop
load (requests are sent on schedule whether or not earlier ones have answered, so a slow
server shows up as latency, not as a lower rate).
Comma-separated rates run as steps, one after the other, on the same seeded server (an
ingest rate of 0 runs resolve alone). For each step it reports throughput, p50/p95/p99, the
CPU time the API and Neo4j processes spent per request (from /proc, so it does not depend on
how busy the shared machine was) and the load average when the step began; then peak RSS,
in docs/benchmarks.md.

``--grouping off,on,off,on`` (the default) runs every step once per setting listed, each
against its own API process on the same Neo4j (group commit of single-record writes on or
off: ``GRAPH_IDENTITY_GROUP_COMMIT_WINDOW_MS=0``), each after ``--warmup`` seconds of the
first step's resolve rate and the first non-zero write rate that are not reported, and
reports the on/off ratios of the last run of
each: the first run after seeding pays for a cold Neo4j beyond any warm-up (on a loaded
machine it looked 1.2-3x costlier in Neo4j CPU whichever setting it had), so the later pair
compares warm runs. After the steps, ``--burst`` signed Shopify ``customers/create``
deliveries are sent in ``--burst-seconds`` (a Black-Friday burst) beside resolve at the
first step's rate.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import hashlib
import hmac
import json
import os
import secrets
import statistics
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_server, served_api, write_section
from bench.generate import person_records
from bench.http_wire import Connection, WireError
from graph_identity.config import Settings
from graph_identity.models import RecordIn
from graph_identity.service import IdentityService

SEED_RECORDS = 50_000
"""The graph a live service serves already holds the business's history. A young graph that
the run grows several-fold makes Neo4j replan each statement as its statistics change, and
each replan stalled the requests running that statement for 0.3-0.8 s (seeded with 5,000
records: the first grouped run's worst latencies all began at a replan)."""
SEED_BLOCK = 5_000
REQUEST_TIMEOUT_S = 60.0
MAX_CONNECTIONS = 100
JSON_HEADERS = {"Content-Type": "application/json"}
FRESH_RECORDS = 40_000
RUN_SPAN = 10_000
"""Fresh records (and burst deliveries) of the second run start this far after the first's."""


@dataclass(frozen=True)
class Prepared:
    """What every run sends: emails of seeded records to resolve, fresh records to write."""

    emails: list[str]
    fresh: list[RecordIn]


def seed(service: IdentityService, count: int) -> Prepared:
    """Write ``count`` generated records through the bulk path, and prepare the requests."""
    records = list(person_records(count + FRESH_RECORDS))
    for start in range(0, count, SEED_BLOCK):
        block = records[start : min(count, start + SEED_BLOCK)]
        service.ingest_normalized([service.normalize(record) for record in block])
    emails = [str(record.emails[0]) for record in records[:count] if record.emails]
    return Prepared(emails, records[count:])


@dataclass(frozen=True)
class RawBody:
    """A body sent as these exact bytes with these headers (a signed webhook delivery)."""

    content: bytes
    headers: dict[str, str]


RequestMaker = Callable[[int], tuple[str, str, dict[str, object] | RawBody]]


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


def connection_slots(connections: list[Connection]) -> asyncio.Queue[Connection]:
    """The step's connections, shared by every loop of a step: a request holds one while in
    flight, so at most ``MAX_CONNECTIONS`` requests are in flight."""
    slots: asyncio.Queue[Connection] = asyncio.Queue()
    for connection in connections:
        slots.put_nowait(connection)
    return slots


WIRE_ERRORS = (OSError, EOFError, asyncio.IncompleteReadError, WireError, ValueError)


async def open_loop(
    slots: asyncio.Queue[Connection],
    rate: float,
    seconds: float,
    make_request: RequestMaker,
) -> Load:
    """Send ``rate * seconds`` requests on schedule. Latency counts from each request's
    scheduled time, so a generator or server that falls behind shows up as latency (no
    coordinated omission). In-flight requests are capped by ``slots`` (shared with the
    other request kind's loop).
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
        if isinstance(body, RawBody):
            content, headers = body.content, body.headers
        else:
            content, headers = json.dumps(body).encode(), JSON_HEADERS
        connection = await slots.get()
        try:
            status = await asyncio.wait_for(
                connection.request(method, url, content, headers), REQUEST_TIMEOUT_S
            )
        except (*WIRE_ERRORS, TimeoutError) as error:
            failed[type(error).__name__] += 1
            return
        finally:
            slots.put_nowait(connection)
        answered = answer_class(status)
        if answered == "served":
            latencies.append((time.perf_counter() - scheduled) * 1000)
        elif answered == "rejected":
            rejected[str(status)] += 1
        else:
            failed[str(status)] += 1

    for index in range(round(rate * seconds)):
        target = index / rate
        ahead = target - (time.perf_counter() - started)
        if ahead > 0:
            await asyncio.sleep(ahead)
        tasks.append(asyncio.create_task(one(index, started + target)))
    await asyncio.gather(*tasks)
    return Load(latencies, rejected, failed, time.perf_counter() - started)


class GcPauses:
    """The load generator's own garbage-collection pauses while in the ``with`` block.

    A pause delays every request due meanwhile, and since latency counts from the scheduled
    send time it lands on the server's figures: before the generator froze its data, its
    full collections walked the 40,000 prepared records and paused it for 180-200 ms, the
    whole-run "stalls" of earlier runs. Reported beside each step so a reader can tell."""

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self._started = 0.0

    def _observe(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.longest_ms = max(self.longest_ms, (time.perf_counter() - self._started) * 1000)

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._observe)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._observe)


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
    client_gc_ms: float


@dataclass(frozen=True)
class Run:
    """Every step (and the webhook burst, if any) against one API process."""

    grouping: str
    steps: list[Step]
    burst: Step | None
    api_rss: float


def shopify_deliveries(secret: str, first: int, count: int) -> list[RawBody]:
    """``count`` signed ``customers/create`` deliveries of new (fictional) customers."""
    triggered = datetime.now(UTC).isoformat()
    bodies = []
    for n in range(first, first + count):
        payload = {
            "id": 9_000_000_000 + n,
            "email": f"burst.{n}@example.com",
            "first_name": "Burst",
            "last_name": f"Buyer{n}",
            "created_at": triggered,
            "updated_at": triggered,
        }
        content = json.dumps(payload).encode()
        digest = hmac.new(secret.encode(), content, hashlib.sha256).digest()
        headers = {
            "Content-Type": "application/json",
            "X-Shopify-Topic": "customers/create",
            "X-Shopify-Hmac-Sha256": base64.b64encode(digest).decode(),
            "X-Shopify-Webhook-Id": str(uuid.uuid4()),
            "X-Shopify-Triggered-At": triggered,
            "X-Shopify-Shop-Domain": "bench-shop.myshopify.com",
        }
        bodies.append(RawBody(content, headers))
    return bodies


async def drive(
    base: str,
    key: str,
    args: argparse.Namespace,
    pids: tuple[int, int | None],
    first_fresh: int,
    webhook_secret: str,
    prepared: Prepared,
) -> list[Step]:
    """The steps, then the burst (the last step, when ``--burst``); fresh records and
    deliveries start at ``first_fresh`` so a second run writes new records too."""
    headers = {"X-API-Key": key}
    address = httpx.URL(base)
    host, port = str(address.host), int(address.port or 80)
    connections = [Connection(host, port, headers) for _ in range(MAX_CONNECTIONS)]
    emails, fresh = prepared.emails, prepared.fresh
    sent_ingests = first_fresh
    deliveries = shopify_deliveries(webhook_secret, first_fresh, args.burst)
    gc.collect()
    gc.freeze()  # the prepared data lives for the whole run: out of the collector's walk

    def resolve(index: int) -> tuple[str, str, dict[str, object] | RawBody]:
        return "POST", "/v1/resolve", {"email": emails[index % len(emails)]}

    def ingest(index: int) -> tuple[str, str, dict[str, object] | RawBody]:
        record = fresh[(sent_ingests + index) % len(fresh)]
        return "POST", "/v1/records", record.model_dump(mode="json", exclude_defaults=True)

    def webhook(index: int) -> tuple[str, str, dict[str, object] | RawBody]:
        return "POST", "/v1/webhooks/shopify", deliveries[index]

    async def step(
        resolve_rate: float, ingest_rate: float, seconds: float, writes: RequestMaker
    ) -> Step:
        load_average = os.getloadavg()[0]
        api_before, neo4j_before = cpu_seconds(pids[0]), cpu_seconds(pids[1])
        client_before = time.process_time()
        slots = connection_slots(connections)
        with GcPauses() as pauses:
            resolved, written = await asyncio.gather(
                open_loop(slots, resolve_rate, seconds, resolve),
                open_loop(slots, ingest_rate, seconds, writes),
            )
        requests = max(1, resolved.sent + written.sent)
        return Step(
            resolve_rate,
            ingest_rate,
            resolved,
            written,
            load_average,
            (cpu_seconds(pids[0]) - api_before) * 1000 / requests,
            (cpu_seconds(pids[1]) - neo4j_before) * 1000 / requests,
            (time.process_time() - client_before) * 1000 / requests,
            pauses.longest_ms,
        )

    steps = []
    resolve_rates, ingest_rates = args.resolve_rate, args.ingest_rate
    if len(ingest_rates) == 1:
        ingest_rates = ingest_rates * len(resolve_rates)
    if args.warmup:
        warm = await step(resolve_rates[0], warm_up_ingest_rate(ingest_rates), args.warmup, ingest)
        sent_ingests += warm.ingest.sent
    for resolve_rate, ingest_rate in zip(resolve_rates, ingest_rates, strict=True):
        steps.append(await step(resolve_rate, ingest_rate, args.seconds, ingest))
        sent_ingests += steps[-1].ingest.sent
        print(steps[-1].resolve.row("POST /v1/resolve", resolve_rate), flush=True)
    if args.burst:
        burst_rate = args.burst / args.burst_seconds
        steps.append(await step(resolve_rates[0], burst_rate, args.burst_seconds, webhook))
        print(steps[-1].ingest.row("POST /v1/webhooks/shopify", burst_rate), flush=True)
    for connection in connections:
        connection.close()
    return steps


def run_api(
    bench_settings: Settings,
    bench_pid: int | None,
    args: argparse.Namespace,
    grouping: str,
    first_fresh: int,
    prepared: Prepared,
) -> Run:
    """One API process with group commit on or off, driven through every step."""
    key = secrets.token_urlsafe(24)
    webhook_secret = secrets.token_urlsafe(24)
    env = {"GRAPH_IDENTITY_SHOPIFY_WEBHOOK_SECRET": webhook_secret}
    if grouping == "off":
        env["GRAPH_IDENTITY_GROUP_COMMIT_WINDOW_MS"] = "0"
    with mock.patch.dict(os.environ, env), served_api(bench_settings, key) as api:
        pids = (api.process.pid, bench_pid)
        steps = asyncio.run(
            drive(api.base_url, key, args, pids, first_fresh, webhook_secret, prepared)
        )
        api_rss = peak_rss_mib(api.process.pid)
    if args.burst:
        return Run(grouping, steps[:-1], steps[-1], api_rss)
    return Run(grouping, steps, None, api_rss)


def _ratio(on: float, off: float) -> str:
    return f"{on / off:.2f}" if off else "n/a"


def _p99(load: Load) -> float:
    return percentile(load.latencies, 0.99) if load.latencies else float("nan")


def report(args: argparse.Namespace, runs: list[Run], neo4j_rss: float) -> str:
    rows, cpu_rows = [], []
    for run in runs:
        labelled = [(str(i), step) for i, step in enumerate(run.steps, start=1)]
        if run.burst is not None:
            labelled.append(("burst", run.burst))
        for label, step in labelled:
            written = "POST /v1/webhooks/shopify" if label == "burst" else "POST /v1/records"
            for name, rate, load in (
                ("POST /v1/resolve", step.resolve_rate, step.resolve),
                (written, step.ingest_rate, step.ingest),
            ):
                if rate > 0:
                    rows.append(f"| {run.grouping} | {label} " + load.row(name, rate))
            cpu_rows.append(
                f"| {run.grouping} | {label} | {step.load_average:.1f} | {step.api_cpu_ms:.2f} "
                f"| {step.neo4j_cpu_ms:.2f} | {step.client_cpu_ms:.2f} "
                f"| {step.client_gc_ms:.0f} |"
            )
    ratios = ""
    by_grouping = {run.grouping: run for run in runs}
    if {"on", "off"} <= by_grouping.keys():
        on, off = by_grouping["on"], by_grouping["off"]
        pairs = [
            (str(i), a, b)
            for i, (a, b) in enumerate(zip(on.steps, off.steps, strict=True), start=1)
        ]
        if on.burst is not None and off.burst is not None:
            pairs.append(("burst", on.burst, off.burst))
        ratio_rows = [
            f"| {label} | {_ratio(_p99(a.resolve), _p99(b.resolve))} "
            f"| {_ratio(_p99(a.ingest), _p99(b.ingest))} "
            f"| {_ratio(len(a.ingest.latencies), len(b.ingest.latencies))} "
            f"| {_ratio(a.api_cpu_ms, b.api_cpu_ms)} | {_ratio(a.neo4j_cpu_ms, b.neo4j_cpu_ms)} |"
            for label, a, b in pairs
            if a.ingest_rate > 0
        ]
        ratios = f"""
Group commit on / off, per step with writes, last run of each (below 1: grouping is faster
or cheaper):

| step | resolve p99 | write p99 | writes served | API CPU / request | Neo4j CPU / request |
|---|---|---|---|---|---|
{chr(10).join(ratio_rows)}
"""
    burst = (
        f" The burst sends {args.burst:,} signed Shopify `customers/create` deliveries of new"
        f" customers in {args.burst_seconds:.0f} s beside resolve at the first step's rate."
        if args.burst
        else ""
    )
    rss = ", ".join(f"API process ({run.grouping}) {run.api_rss:,.0f} MiB" for run in runs)
    return f"""
Open-loop load for {args.seconds:.0f} s per step (latency counted from each request's
scheduled send time; at most {MAX_CONNECTIONS} requests in flight, both kinds together, over
{MAX_CONNECTIONS} kept-alive connections of a minimal HTTP/1.1 client, `bench/http_wire.py`,
since httpx cost 1.8-2.5 ms of the shared CPU per request) against one `graph-identity
serve` process (uvicorn; lookups and single-record writes on its event loop, webhooks on its
thread pool) and a local Neo4j, after seeding {args.seed_records:,} generated records
in-process (the bulk path), so that the run's writes grow the graph by a fraction rather
than several-fold (a young graph growing several-fold makes Neo4j replan each statement as
its statistics change, and each replan stalled the requests running it for 0.3-0.8 s);
within a step both request kinds run at the same time. The load
generator (asyncio) runs on the same 2 cores, which other work shared: the 1-minute load
average when each step began is in the second table, with the generator's longest
garbage-collection pause in the step (a pause delays every request due meanwhile, so it
shows up as server latency; the generator freezes its prepared data out of the collector's
reach to keep them short). "Served" counts 2xx answers per second from a step's start to its
last answer, and the latencies are theirs; a 4xx answer (the API refused the request) is
counted apart, as are 5xx answers and requests that got no answer (by error type).
"grouping" is group commit of single-record writes (`GRAPH_IDENTITY_GROUP_COMMIT_WINDOW_MS`,
off = 0), each setting with its own API process on the same Neo4j, warmed up by
{args.warmup:.0f} s of the first step's resolve rate and the first non-zero write rate that
are not reported (a cold Neo4j and API otherwise made whichever setting ran first, and the
first step with writes, look slower).{burst}

| grouping | step | request | offered req/s | served (2xx) req/s \\
| p50 ms | p95 ms | p99 ms | 4xx | 5xx / no answer |
|---|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

CPU time per request sent (resolve and writes together, whatever the answer), measured from
/proc for each process:

| grouping | step | load average | API process CPU ms / request | Neo4j CPU ms / request \\
| load generator CPU ms / request | load generator longest GC pause ms |
|---|---|---|---|---|---|---|
{chr(10).join(cpu_rows)}
{ratios}
Peak RSS: {rss}, Neo4j {neo4j_rss:,.0f} MiB.
"""


def warm_up_ingest_rate(ingest_rates: list[float]) -> float:
    """Writes during the warm-up too, at the first step's write rate, or else the first
    non-zero one: a fresh API process's first writes pay one-time costs (modules and
    metadata loaded on first use, the group-commit thread), which otherwise landed on the
    first step with writes."""
    return next((rate for rate in ingest_rates if rate > 0), 0.0)


def groupings(text: str) -> list[str]:
    chosen = [part.strip() for part in text.split(",")]
    if not chosen or any(part not in ("on", "off") for part in chosen):
        raise argparse.ArgumentTypeError("on, off or on,off")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--resolve-rate", type=rates, default=[200.0])
    parser.add_argument("--ingest-rate", type=rates, default=[50.0])
    parser.add_argument("--grouping", type=groupings, default=["off", "on", "off", "on"])
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--burst-seconds", type=float, default=5)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--seed-records", type=int, default=SEED_RECORDS)
    args = parser.parse_args()
    runs = []
    with bench_server() as bench:
        prepared = seed(IdentityService(bench.driver, bench.settings), args.seed_records)
        for index, grouping in enumerate(args.grouping):
            print(f"grouping {grouping}", flush=True)
            runs.append(
                run_api(bench.settings, bench.pid(), args, grouping, index * RUN_SPAN, prepared)
            )
        neo4j_rss = peak_rss_mib(bench.pid())
    joined = ",".join(f"{r:.0f}" for r in args.resolve_rate)
    ingest = ",".join(f"{r:.0f}" for r in args.ingest_rate)
    write_section(
        "API load",
        report(args, runs, neo4j_rss),
        f"python bench/api_load.py --seconds {args.seconds:.0f} "
        f"--resolve-rate {joined} --ingest-rate {ingest} "
        f"--grouping {','.join(args.grouping)} --burst {args.burst} "
        f"--burst-seconds {args.burst_seconds:.0f} --warmup {args.warmup:.0f} "
        f"--seed-records {args.seed_records}",
    )


if __name__ == "__main__":
    main()
