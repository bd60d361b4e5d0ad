"""``graph-identity import``: the command body, its progress display and its exit codes.

Exit codes: 0 done (rejected rows are in the rejects file, not a failure), 2 bad input
(unknown provider, format or payload kind, missing file, bad column map, unreadable file),
1 Neo4j unreachable (at the start or in the middle: re-run the same command to resume).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from neo4j.exceptions import AuthError, DatabaseUnavailable, ServiceUnavailable, SessionExpired
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from graph_identity.config import Policy, get_settings
from graph_identity.imports.errors import ImportInputError
from graph_identity.imports.runner import (
    ImportProgress,
    ImportReport,
    ProgressCallback,
    prepare_import,
    run_import,
)
from graph_identity.service import IdentityService
from graph_identity.store.driver import connect
from graph_identity.store.schema import apply_schema

EXIT_USAGE = 2
EXIT_FAILURE = 1
PLAIN_PROGRESS_SECONDS = 5.0
UNREACHABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable)

err = Console(stderr=True)
out = Console()


def _rate(rows: int, started: float) -> str:
    elapsed = time.monotonic() - started
    return f"{rows / elapsed:,.0f}" if elapsed > 0 else "-"


def _eta(progress: ImportProgress, started: float) -> str:
    elapsed = time.monotonic() - started
    if progress.bytes_read <= 0 or elapsed <= 0:
        return "-"
    remaining = (progress.total_bytes - progress.bytes_read) * elapsed / progress.bytes_read
    return time.strftime("%H:%M:%S", time.gmtime(remaining))


@contextmanager
def progress_display(console: Console, label: str) -> Iterator[ProgressCallback]:
    """A live bar (rows, rows/s, ETA) on a terminal; a line every few seconds otherwise."""
    started = time.monotonic()
    if console.is_terminal:
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rows]} rows · {task.fields[rate]} rows/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console) as bar:
            task = bar.add_task(label, total=None, rows="0", rate="-")

            def update(progress: ImportProgress) -> None:
                bar.update(
                    task,
                    total=progress.total_bytes,
                    completed=progress.bytes_read,
                    rows=f"{progress.row:,}",
                    rate=_rate(progress.metrics.fetched, started),
                )

            yield update
        return

    last = started

    def plain(progress: ImportProgress) -> None:
        nonlocal last
        now = time.monotonic()
        final = progress.bytes_read >= progress.total_bytes
        if now - last < PLAIN_PROGRESS_SECONDS and not final:
            return
        last = now
        share = progress.bytes_read / progress.total_bytes if progress.total_bytes else 1.0
        console.print(
            f"{label}: row {progress.row:,} ({share:.0%}), "
            f"{_rate(progress.metrics.fetched, started)} rows/s, "
            f"ETA {_eta(progress, started)}",
            highlight=False,
            soft_wrap=True,
        )

    yield plain


def print_report(report: ImportReport) -> None:
    metrics = report.metrics
    table = Table(title=f"import {report.path.name} ({report.provider}, {report.fmt})")
    for name in metrics.model_fields:
        table.add_column(name, justify="right")
    table.add_row(*(f"{getattr(metrics, name):,}" for name in metrics.model_fields))
    out.print(table)
    if report.resumed_after:
        out.print(f"resumed after row {report.resumed_after:,} (committed by an earlier run)")
    out.print(
        f"{metrics.fetched:,} rows in {report.seconds:.1f} s ({report.rate:,.0f} rows/s); "
        f"{metrics.errors:,} rejected and {report.stored_without:,} stored without invalid "
        f"values, listed in {report.rejects_path}",
        highlight=False,
        soft_wrap=True,
    )
    if report.ignored_columns:
        out.print(f"columns not mapped, ignored: {', '.join(report.ignored_columns)}")


def import_command(
    path: Annotated[
        Path, typer.Argument(help="The file to import (CSV, JSON Lines or a JSON array).")
    ],
    provider: str = typer.Option(..., "--provider", help="Provider slug, e.g. shopify."),
    fmt: str | None = typer.Option(
        None, "--format", help="csv, jsonl or json (default: from the file name)."
    ),
    batch_size: int = typer.Option(
        1000, "--batch-size", help="Rows per batch (checkpoint interval)."
    ),
    policy: Annotated[
        Policy | None,
        typer.Option("--policy", help="strict or connected (default: GRAPH_IDENTITY_POLICY)."),
    ] = None,
    kind: str | None = typer.Option(
        None, "--kind", help="JSON payload kind, e.g. customer or order (default per provider)."
    ),
    column_map: str | None = typer.Option(
        None,
        "--map",
        help="CSV column map 'source=target,source+source=target' or a preset (febrl).",
    ),
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects",
            help="Rejects CSV (default: <PATH>.rejects.csv, or ./ when that directory is "
            "read-only).",
        ),
    ] = None,
    restart: bool = typer.Option(
        False, "--restart", help="Ignore an unfinished run's checkpoint; read from row 1."
    ),
) -> None:
    """Import a provider file in batches, with progress, metrics and a rejects file.

    Rejected rows go to <PATH>.rejects.csv (row number and reason, never the values). An
    interrupted import resumes from its checkpoint when run again; re-running a finished
    import is an idempotent re-sync.
    """
    try:
        job = prepare_import(
            path,
            provider=provider,
            fmt=fmt,
            kind=kind,
            batch_size=batch_size,
            column_map=column_map,
            rejects_path=rejects,
        )
    except ImportInputError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    # The driver logs every retry; with no logging configured they would reach stderr.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    settings = get_settings()
    if policy is not None:
        settings = settings.model_copy(update={"policy": policy})
    try:
        with connect(settings) as driver:
            apply_schema(driver, settings.neo4j_database)
            service = IdentityService(driver, settings)
            with progress_display(err, f"{path.name}") as on_progress:
                report = run_import(service, job, restart=restart, on_progress=on_progress)
    except ImportInputError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    except AuthError:
        err.print("[red]error:[/red] Neo4j refused the credentials (NEO4J_USER/NEO4J_PASSWORD)")
        raise typer.Exit(EXIT_FAILURE) from None
    except UNREACHABLE:
        err.print(
            f"[red]error:[/red] Neo4j is not reachable at {settings.neo4j_uri}; "
            "run the same command again to resume",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_FAILURE) from None
    except OSError as exc:
        err.print(
            f"[red]error:[/red] {exc.strerror or exc}: {exc.filename or ''}",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_FAILURE) from None
    print_report(report)
