"""What the operators' dashboard shows about data coming in: the last imports (their
``ImportCheckpoint`` nodes) and the last pull syncs (``SyncCursor`` nodes, when a sync has
run). Only file names leave here, never a file's directory, and never a sync's paging
token.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath
from typing import Any

from neo4j import Driver
from pydantic import BaseModel, ConfigDict

from graph_identity.store import cypher
from graph_identity.store.values import native


class ImportRun(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    provider: str | None
    format: str | None
    size: int | None
    rows_committed: int | None
    status: str | None
    started_at: datetime | None
    updated_at: datetime | None


class SyncRun(BaseModel):
    """Where one sync stream got to: ``running`` mid-run, ``done`` with the ``watermark``
    the next incremental run starts from (both as the sync stored them, ISO text)."""

    model_config = ConfigDict(frozen=True)

    provider: str | None
    account: str | None
    stream: str | None
    status: str | None
    run_started: str | None
    watermark: str | None
    updated_at: datetime | None


class OperationsReader:
    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(
            cypher.load(name), params, database_=self.database, routing_="r"
        )
        return [native(record.data()) for record in records]

    def last_imports(self, limit: int = 10) -> list[ImportRun]:
        return [
            ImportRun(
                file=PurePath(str(row["path"] or "")).name,
                provider=row["provider"],
                format=row["format"],
                size=row["size"],
                rows_committed=row["last_row"],
                status=row["status"],
                started_at=row["started_at"],
                updated_at=row["updated_at"],
            )
            for row in self._read("read/last_imports", limit=limit)
        ]

    def last_syncs(self, limit: int = 10) -> list[SyncRun]:
        return [SyncRun(**row) for row in self._read("read/last_syncs", limit=limit)]
