"""Where each sync stream got to, kept in Neo4j as a ``SyncCursor`` node.

One node per provider, account and stream (``id`` = ``provider:account:stream``). While a
run goes on the cursor is ``running`` with the ``position`` of the next page to fetch and the
``run_since`` bound the run fetches from; it is saved only after a page's records committed,
so a crash re-fetches at most one page (ingest is idempotent: its records come back
``unchanged``) and never skips one. A finished run leaves it ``done`` with the
``watermark`` the next incremental run starts from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from neo4j import Driver, ManagedTransaction, Session

from graph_identity.store import cypher

RUNNING = "running"
DONE = "done"


@dataclass(frozen=True, slots=True)
class CursorKey:
    provider: str
    account: str
    stream: str

    @property
    def id(self) -> str:
        return f"{self.provider}:{self.account}:{self.stream}"


@dataclass(frozen=True, slots=True)
class Cursor:
    status: str
    position: str | None = None
    run_since: str | None = None
    run_started: str | None = None
    watermark: str | None = None


class CursorStore:
    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def _session(self) -> Session:
        return self.driver.session(
            database=self.database,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        )

    def read(self, key: CursorKey) -> Cursor | None:
        with self._session() as session:
            row = session.execute_read(_read, key.id)
        if row is None:
            return None
        return Cursor(
            status=str(row["status"]),
            position=row["position"],
            run_since=row["run_since"],
            run_started=row["run_started"],
            watermark=row["watermark"],
        )

    def save(self, key: CursorKey, cursor: Cursor) -> None:
        with self._session() as session:
            session.execute_write(_save, key, cursor)


def _read(tx: ManagedTransaction, cursor_id: str) -> dict[str, str | None] | None:
    record = tx.run(cypher.load("sync/read_cursor"), id=cursor_id).single()
    return None if record is None else record.data()


def _save(tx: ManagedTransaction, key: CursorKey, cursor: Cursor) -> None:
    tx.run(
        cypher.load("sync/save_cursor"),
        id=key.id,
        provider=key.provider,
        account=key.account,
        stream=key.stream,
        status=cursor.status,
        position=cursor.position,
        run_since=cursor.run_since,
        run_started=cursor.run_started,
        watermark=cursor.watermark,
        now=datetime.now(UTC),
    ).consume()
