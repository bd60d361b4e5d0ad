"""``graph-identity compare``: customers (or ``--orders``) the source has and the
destination lacks: a summary line, then the rows as a table on a terminal, as CSV when
stdout is a pipe or a file, or into a CSV file with ``--csv``.

Exit codes: 0 done, 2 bad input (provider slugs), 1 Neo4j not reachable.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from neo4j.exceptions import AuthError, DatabaseUnavailable, ServiceUnavailable, SessionExpired
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from graph_identity.compare import CUSTOMER_COLUMNS, ORDER_COLUMNS, Comparer, to_csv
from graph_identity.compare.queries import check_providers
from graph_identity.config import get_settings
from graph_identity.errors import RecordRejected
from graph_identity.store.driver import connect

EXIT_USAGE = 2
EXIT_FAILURE = 1
UNREACHABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable)

err = Console(stderr=True)
out = Console()


def _table(title: str, rows: list[BaseModel], columns: tuple[str, ...]) -> Table:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        data = row.model_dump(mode="json")
        table.add_row(
            *(
                ";".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
                for v in (data[c] for c in columns)
            )
        )
    return table


def compare_command(
    source: str = typer.Option(..., "--source", help="Provider slug the rows come from."),
    destination: str = typer.Option(..., "--destination", help="Provider slug to check."),
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Write the rows to this CSV file.")
    ] = None,
    orders: bool = typer.Option(False, "--orders", help="Compare orders, not customers."),
) -> None:
    """Customers (or orders) that SOURCE has and DESTINATION lacks, with a summary."""
    try:
        check_providers(source, destination)
    except RecordRejected as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    settings = get_settings()
    try:
        with connect(settings) as driver:
            comparer = Comparer(driver, settings.neo4j_database, settings.provider_priority)
            result = (
                comparer.orders(source, destination)
                if orders
                else comparer.customers(source, destination)
            )
    except AuthError:
        err.print("[red]error:[/red] Neo4j refused the credentials (NEO4J_USER/NEO4J_PASSWORD)")
        raise typer.Exit(EXIT_FAILURE) from None
    except UNREACHABLE:
        err.print(
            f"[red]error:[/red] Neo4j is not reachable at {settings.neo4j_uri}",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_FAILURE) from None
    columns = ORDER_COLUMNS if orders else CUSTOMER_COLUMNS
    what = "orders" if orders else "customers"
    rows: list[BaseModel] = list(result.only_in_source)
    summary = result.summary.model_dump()
    # Piped without --csv, stdout carries only the CSV rows; the summary goes to stderr.
    says = out if out.is_terminal or csv_out is not None else err
    says.print(
        f"{what}: {source} → {destination}: "
        + ", ".join(f"{key.replace('_', ' ')} {value:,}" for key, value in summary.items()),
        highlight=False,
        soft_wrap=True,
    )
    if csv_out is not None:
        csv_out.write_text(to_csv(rows, columns), encoding="utf-8")
        out.print(f"{len(rows):,} rows written to {csv_out}", highlight=False, soft_wrap=True)
    elif out.is_terminal:
        out.print(_table(f"{what} in {source}, not in {destination}", rows, columns))
    else:
        out.out(to_csv(rows, columns), end="", highlight=False)
