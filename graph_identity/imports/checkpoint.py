"""Where an import got to, kept in Neo4j as an ``ImportCheckpoint`` node.

The checkpoint is keyed by the file's identity: a SHA-256 of its resolved path, size and
modification time, and of how it is read (provider, format, payload kind, column map). A
changed file is a new import. It is written after each batch has committed, in its own
transaction, so it may lag behind the data by one batch after a crash: resuming then
replays that batch, and since ingest is idempotent (a record with the same content is
``unchanged``) the graph ends the same as after an uninterrupted run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from neo4j import Driver, ManagedTransaction, Session

from graph_identity.store import cypher

RUNNING = "running"
DONE = "done"


@dataclass(frozen=True, slots=True)
class ImportIdentity:
    id: str
    path: str
    provider: str
    fmt: str
    size: int

    @classmethod
    def of(
        cls, path: Path, *, provider: str, fmt: str, kind: str | None, mapping: str
    ) -> ImportIdentity:
        resolved = path.resolve()
        stat = resolved.stat()
        parts = (
            str(resolved),
            str(stat.st_size),
            str(stat.st_mtime_ns),
            provider,
            fmt,
            kind or "",
            mapping,
        )
        digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
        return cls(id=digest, path=str(resolved), provider=provider, fmt=fmt, size=stat.st_size)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    last_row: int
    status: str


class CheckpointStore:
    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def _session(self) -> Session:
        return self.driver.session(
            database=self.database,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        )

    def read(self, identity: ImportIdentity) -> Checkpoint | None:
        with self._session() as session:
            return session.execute_read(_read, identity.id)

    def save(self, identity: ImportIdentity, last_row: int, status: str) -> None:
        with self._session() as session:
            session.execute_write(_save, identity, last_row, status)


def _read(tx: ManagedTransaction, identity_id: str) -> Checkpoint | None:
    record = tx.run(cypher.load("imports/read_checkpoint"), id=identity_id).single()
    if record is None:
        return None
    return Checkpoint(last_row=int(record["last_row"]), status=str(record["status"]))


def _save(tx: ManagedTransaction, identity: ImportIdentity, last_row: int, status: str) -> None:
    tx.run(
        cypher.load("imports/save_checkpoint"),
        id=identity.id,
        path=identity.path,
        provider=identity.provider,
        format=identity.fmt,
        size=identity.size,
        last_row=last_row,
        status=status,
        now=datetime.now(UTC),
    ).consume()
