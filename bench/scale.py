"""A 1,000,000-record generated ingest: time, records/s as the graph grows, store size.

    python bench/scale.py [--records 1000000] [--chunk-size 1000] [--state bench/.scale-state]

Chunked and resumable: progress is saved after every block, so a re-run after a crash
continues where it stopped (the engine is idempotent, so a repeated block is harmless).
Uses its own Neo4j home under ~/.cache/graph-identity/scale-neo4j that survives re-runs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import free_port, write_section
from bench.generate import person_records
from graph_identity.config import Settings
from graph_identity.neo4j_local import LocalNeo4j
from graph_identity.service import IdentityService
from graph_identity.store.driver import connect
from graph_identity.store.schema import apply_schema

BLOCK = 50_000
HOME = Path.home() / ".cache" / "graph-identity" / "scale-neo4j"


def store_mib(home: Path) -> float:
    files = (home / "data" / "databases" / "neo4j").rglob("*")
    return sum(f.stat().st_size for f in files if f.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--state", type=Path, default=HOME / "state.json")
    args = parser.parse_args()
    HOME.mkdir(parents=True, exist_ok=True)
    state = json.loads(args.state.read_text()) if args.state.exists() else {}
    password = state.setdefault("password", secrets.token_urlsafe(16))
    server = LocalNeo4j(
        HOME, bolt_port=free_port(), http_port=free_port(), heap="2g", page_cache="3g"
    )
    status = server.start(password)
    settings = Settings(
        _env_file=None,
        NEO4J_URI=status.bolt_uri,
        NEO4J_PASSWORD=password,
        GRAPH_IDENTITY_HOME=str(HOME / "app"),
        GRAPH_IDENTITY_CHUNK_SIZE=args.chunk_size,
    )
    driver = connect(settings)
    try:
        apply_schema(driver, settings.neo4j_database)
        service = IdentityService(driver, settings)
        done = state.setdefault("done", 0)
        curve = state.setdefault("curve", [])
        records = person_records(args.records)
        for _ in itertools.islice(records, done):
            pass
        while done < args.records:
            block = [service.normalize(r) for r in itertools.islice(records, BLOCK)]
            started = time.perf_counter()
            service.ingest_normalized(block)
            seconds = time.perf_counter() - started
            done += len(block)
            curve.append([done, len(block) / seconds, seconds])
            state.update(done=done, curve=curve)
            args.state.write_text(json.dumps(state))
            print(f"{done:>9,} records  {len(block) / seconds:7,.0f} records/s", flush=True)
    finally:
        driver.close()
        size = store_mib(HOME)
        server.stop()
    total = sum(seconds for _, _, seconds in state["curve"])
    rows = "\n".join(f"| {d:,} | {rate:,.0f} |" for d, rate, _ in state["curve"])
    first, last = state["curve"][0][1], state["curve"][-1][1]
    body = f"""
{args.records:,} generated records (about 2.5 records per person, 2% of people given a
household phone another person has), strict policy, chunks of {args.chunk_size}, blocks of
{BLOCK:,}; heap 2 GiB, page cache 3 GiB.
Ingest time {total / 60:,.1f} min (engine time, normalization excluded), mean
{args.records / total:,.0f} records/s; the last block ran at {last / first:.0%} of the first
block's rate. Neo4j store size at the end: {size:,.0f} MiB
({size * 2**20 / args.records:,.0f} bytes per record).

| records in graph | records/s of the last block |
|---|---|
{rows}
"""
    write_section(
        "Scale: 1,000,000 records", body, f"python bench/scale.py --records {args.records}"
    )


if __name__ == "__main__":
    main()
