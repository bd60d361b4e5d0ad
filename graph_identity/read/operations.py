"""What the operators' dashboard shows about data coming in: the last imports (their
``ImportCheckpoint`` nodes) and the last pull syncs (``SyncCursor`` nodes, when a sync has
run). Only file names leave here, never a file's directory, and sync properties whose name
says they hold a credential are dropped.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePath
from typing import Any

from neo4j import Driver
from pydantic import BaseModel, ConfigDict

from graph_identity.store import cypher
from graph_identity.store.values import native

_SECRET_NAME = re.compile(r"token|secret|password|credential|key$", re.IGNORECASE)


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
    """One sync cursor's stored properties (the sync's own model, shown as it is)."""

    model_config = ConfigDict(frozen=True)

    properties: dict[str, Any]


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
        return [
            SyncRun(
                properties={
                    key: value
                    for key, value in sorted(row["properties"].items())
                    if not _SECRET_NAME.search(key)
                }
            )
            for row in self._read("read/last_syncs", limit=limit)
        ]
