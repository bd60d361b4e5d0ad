"""bench/ingest.py reports each writer's own store, over the schema-only store."""

from __future__ import annotations

from bench.ingest import WRITERS, store_line

MIB = 2**20


def test_each_writer_is_reported_over_the_schema_only_store() -> None:
    sizes = {
        "schema only": 2 * MIB,
        "engine": 12 * MIB,
        "same graph": 11 * MIB,
        "keys only": 6 * MIB,
    }
    assert tuple(sizes) == WRITERS
    line = store_line(sizes, 10_000)
    assert "engine 12.0 MiB (1,049 bytes a record over the schema-only store)" in line
    assert "same graph 11.0 MiB (944 bytes a record" in line
    assert "keys only 6.0 MiB (419 bytes a record" in line
    assert line.endswith("with the schema only, 2.0 MiB.")


def test_no_sizes_without_fresh_servers() -> None:
    assert "not measured" in store_line({}, 10_000)
