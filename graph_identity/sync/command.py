"""``graph-identity sync``: pull customers and orders from the providers' APIs.

Exit codes: 0 done (objects that could not be mapped are counted as errors and listed, not
a failure), 2 bad input (unknown provider, a missing setting, a bad ``--since``), 1 a stream
stopped on a page it could not fetch or Neo4j is unreachable (run again: the cursors resume).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from neo4j.exceptions import AuthError, DatabaseUnavailable, ServiceUnavailable, SessionExpired
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph_identity.config import get_settings
from graph_identity.service import IdentityService
from graph_identity.store.driver import connect
from graph_identity.store.schema import apply_schema
from graph_identity.sync.base import SyncConfigError
from graph_identity.sync.job import SyncEnvironment, SyncRequest, parse_since, plan, run_sync
from graph_identity.sync.runner import ProgressCallback, ProviderReport, SyncProgress

EXIT_USAGE = 2
EXIT_FAILURE = 1
SHOWN_ISSUES = 20
TABLE_WIDTH = 160
"""Columns of the metrics table when the output is a file or a pipe (no terminal width)."""
UNREACHABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable)

err = Console(stderr=True)
out = Console()


@contextmanager
def progress_display(console: Console, providers: list[str]) -> Iterator[ProgressCallback]:
    """One line per provider: its stream, pages and objects so far; plain lines when the
    output is not a terminal."""
    if not console.is_terminal:

        def plain(progress: SyncProgress) -> None:
            console.print(
                f"{progress.provider} {progress.stream}: page {progress.pages}, "
                f"{progress.metrics.fetched:,} fetched",
                highlight=False,
            )

        yield plain
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description:<18}"),
        TextColumn("{task.fields[stream]:<12} page {task.fields[pages]:>4}"),
        TextColumn("{task.completed:>8,.0f} fetched"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as bar:
        tasks = {p: bar.add_task(p, total=None, stream="waiting", pages=0) for p in providers}

        def update(progress: SyncProgress) -> None:
            bar.update(
                tasks[progress.provider],
                completed=progress.metrics.fetched,
                stream=progress.stream,
                pages=progress.pages,
            )

        yield update


def print_reports(reports: list[ProviderReport]) -> None:
    table = Table(title="sync")
    names = ["fetched", "created", "updated", "linked", "unchanged", "ambiguous", "merged"]
    for column in ["provider", "account", *names, "errors", "objects/s", "state"]:
        left = column in ("provider", "account", "state")
        table.add_column(column, justify="left" if left else "right", no_wrap=column == "provider")
    for report in reports:
        metrics = report.metrics
        modes = sorted({s.mode for s in report.streams})
        state = "stopped on a page" if report.failed else "/".join(modes)
        table.add_row(
            report.provider,
            report.account,
            *(f"{getattr(metrics, name):,}" for name in names),
            f"{metrics.errors:,}",
            f"{report.rate:,.0f}",
            state,
        )
    console = out if out.is_terminal else Console(file=out.file, width=TABLE_WIDTH)
    console.print(table)
    for report in reports:
        for issue in report.issues[:SHOWN_ISSUES]:
            where = f" {issue.object_id}" if issue.object_id else ""
            out.print(
                f"{report.provider} {issue.stream}{where}: {issue.reason}",
                highlight=False,
                soft_wrap=True,
            )
        hidden = report.metrics.errors - min(len(report.issues), SHOWN_ISSUES)
        if hidden > 0:
            out.print(f"{report.provider}: {hidden:,} more errors not shown")


def sync_command(
    providers: Annotated[
        list[str] | None,
        typer.Argument(help="Providers to sync (default: every configured one)."),
    ] = None,
    full: bool = typer.Option(False, "--full", help="Fetch everything, not only changes."),
    since: str | None = typer.Option(
        None, "--since", help="Fetch what changed since this ISO date/time (UTC if no offset)."
    ),
    restart: bool = typer.Option(
        False, "--restart", help="Ignore an unfinished run's cursor; start at the first page."
    ),
) -> None:
    """Pull customers and orders from the providers' APIs, in authority order.

    Incremental from each stream's saved cursor unless --full or --since; an interrupted
    sync resumes where its last committed page ended. Credentials come from environment
    variables (docs/sync.md) and are never printed.
    """
    settings = get_settings()
    where = SyncEnvironment()
    try:
        moment = parse_since(since) if since is not None else None
        request = SyncRequest(tuple(providers or ()), full, moment, restart)
        chosen = plan(request, settings.provider_priority, where)
    except SyncConfigError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    try:
        with connect(settings) as driver:
            apply_schema(driver, settings.neo4j_database)
            service = IdentityService(driver, settings)
            with progress_display(err, chosen) as on_progress:
                reports = run_sync(service, chosen, request, where, on_progress)
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
    print_reports(reports)
    if any(r.failed for r in reports):
        raise typer.Exit(EXIT_FAILURE)
