"""HTTP load: `POST /v1/resolve` and `POST /v1/records` at a fixed rate, with latency.

    python bench/api_load.py [--seconds 30] [--resolve-rate 200] [--ingest-rate 50]

Starts its own Neo4j and the real API (`graph-identity serve`, one uvicorn process),
seeds customers, then sends an open-loop load (requests are sent on schedule whether or not
earlier ones have answered, so a slow server shows up as latency, not as a lower rate).
Reports throughput, p50/p95/p99 and peak RSS of the API and Neo4j processes in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_server, free_port, write_section
from bench.generate import person_records

SEED_RECORDS = 5_000

RequestMaker = Callable[[int], tuple[str, str, dict[str, object]]]


def peak_rss_mib(pid: int | None) -> float:
    """The process's high-water resident set size (VmHWM), in MiB."""
    if pid is None:
        return float("nan")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def open_loop(
    client: httpx.AsyncClient, rate: float, seconds: float, make_request: RequestMaker
) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = 0
    interval = 1 / rate
    started = time.perf_counter()
    tasks: list[asyncio.Task[None]] = []

    async def one(index: int) -> None:
        nonlocal failures
        method, url, body = make_request(index)
        sent = time.perf_counter()
        try:
            response = await client.request(method, url, json=body)
            if response.status_code >= 500:
                failures += 1
        except httpx.HTTPError:
            failures += 1
            return
        latencies.append((time.perf_counter() - sent) * 1000)

    index = 0
    while (now := time.perf_counter() - started) < seconds:
        target = index * interval
        if target > now:
            await asyncio.sleep(target - now)
        tasks.append(asyncio.create_task(one(index)))
        index += 1
    await asyncio.gather(*tasks)
    return latencies, failures


async def drive(
    base: str, key: str, args: argparse.Namespace
) -> dict[str, tuple[list[float], int]]:
    headers = {"X-API-Key": key}
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as client:
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

        def resolve(index: int) -> tuple[str, str, dict[str, object]]:
            return "POST", "/v1/resolve", {"email": emails[index % len(emails)]}

        def ingest(index: int) -> tuple[str, str, dict[str, object]]:
            record = fresh[index % len(fresh)].model_dump(mode="json", exclude_defaults=True)
            return "POST", "/v1/records", record

        results = await asyncio.gather(
            open_loop(client, args.resolve_rate, args.seconds, resolve),
            open_loop(client, args.ingest_rate, args.seconds, ingest),
        )
    return {"resolve": results[0], "ingest": results[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--resolve-rate", type=float, default=200)
    parser.add_argument("--ingest-rate", type=float, default=50)
    args = parser.parse_args()
    key = secrets.token_urlsafe(24)
    with bench_server() as bench:
        port = free_port()
        env = {
            **os.environ,
            "NEO4J_URI": bench.settings.neo4j_uri,
            "NEO4J_PASSWORD": bench.settings.neo4j_password.get_secret_value(),
            "GRAPH_IDENTITY_API_KEYS": key,
        }
        api = subprocess.Popen(
            [sys.executable, "-m", "graph_identity", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.5)
            results = asyncio.run(drive(base, key, args))
            api_rss, neo4j_rss = peak_rss_mib(api.pid), peak_rss_mib(bench.pid())
        finally:
            api.terminate()
            api.wait(timeout=30)
    rows = []
    for name, rate in (
        ("POST /v1/resolve", args.resolve_rate),
        ("POST /v1/records", args.ingest_rate),
    ):
        latencies, failures = results["resolve" if "resolve" in name else "ingest"]
        rows.append(
            f"| {name} | {rate:.0f} | {len(latencies) / args.seconds:.0f} | "
            f"{statistics.median(latencies):.1f} | {percentile(latencies, 0.95):.1f} | "
            f"{percentile(latencies, 0.99):.1f} | {failures} |"
        )
        print(rows[-1], flush=True)
    body = f"""
Open-loop load for {args.seconds:.0f} s against one `graph-identity serve` process (uvicorn,
sync routes on its thread pool) and a local Neo4j, after seeding {SEED_RECORDS:,} records; both
request kinds run at the same time. The load generator runs on the same 2 cores.

| request | offered req/s | served req/s | p50 ms | p95 ms | p99 ms | 5xx / errors |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Peak RSS: API process {api_rss:,.0f} MiB, Neo4j {neo4j_rss:,.0f} MiB.
"""
    write_section(
        "API load",
        body,
        f"python bench/api_load.py --seconds {args.seconds:.0f} "
        f"--resolve-rate {args.resolve_rate:.0f} --ingest-rate {args.ingest_rate:.0f}",
    )


if __name__ == "__main__":
    main()
