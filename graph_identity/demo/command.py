"""The body of ``graph-identity demo``: load the demo, print a summary and where to look."""

from __future__ import annotations

import typer
from neo4j.exceptions import AuthError, ServiceUnavailable
from rich.console import Console
from rich.markup import escape

from graph_identity.config import Settings, get_settings
from graph_identity.demo.dataset import DEFAULT_SEED, POS_EMAIL_KEY
from graph_identity.demo.loader import DemoRefused, DemoSummary, load_demo
from graph_identity.service import IdentityService
from graph_identity.store.driver import connect
from graph_identity.store.schema import apply_schema

DEFAULT_BROWSER_URL = "http://127.0.0.1:7474/browser/"


def run_demo(settings: Settings, seed: int, browser_url: str, out: Console) -> DemoSummary:
    """Apply the schema, load the demo through the service and print what happened."""
    with connect(settings) as driver:
        apply_schema(driver, settings.neo4j_database)
        summary = load_demo(IdentityService(driver, settings), seed=seed)
    print_summary(summary, browser_url, out)
    return summary


def print_summary(summary: DemoSummary, browser_url: str, out: Console) -> None:
    stats = summary.stats
    actions = ", ".join(f"{n} {action}" for action, n in sorted(summary.actions.items()))
    out.print(f"demo records sent: {summary.records_sent} ({actions})", highlight=False)
    if summary.refused_erased:
        out.print(f"  {summary.refused_erased} refused: erased earlier (tombstone kept)")
    decided = "taken" if summary.decided else "already taken"
    out.print(f"  human keep-apart decision (family mailbox): {decided}")
    out.print(f"  erasure: {'done' if summary.erased else 'already done'}")
    if stats is not None:
        identifiers = ", ".join(f"{n} {kind}" for kind, n in sorted(stats.identifiers.items()))
        conflicts = ", ".join(f"{n} {status}" for status, n in sorted(stats.conflicts.items()))
        out.print(
            f"graph: {stats.customers} customers, {stats.records} records, "
            f"identifiers: {identifiers}; conflicts: {conflicts}; "
            f"{summary.generic_identifiers} generic identifiers",
            highlight=False,
        )
    out.print(f"\nOpen Neo4j Browser: {browser_url}")
    out.print("Drag cypher/browser/style.grass onto the Browser window, then paste:")
    out.print(
        f":param key => '{POS_EMAIL_KEY}'\n:param customer_id => null\n"
        "and the query in cypher/browser/customer_component.cypher",
        highlight=False,
        markup=False,
    )


def demo_command(
    seed: int = typer.Option(DEFAULT_SEED, help="Seed of the generated data set."),
    browser_url: str = typer.Option(DEFAULT_BROWSER_URL, help="Neo4j Browser URL to print."),
) -> None:
    """Load the demo data set (generated people across the providers) through the service."""
    out, err = Console(), Console(stderr=True)
    try:
        run_demo(get_settings(), seed, browser_url, out)
    except DemoRefused as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    except (ServiceUnavailable, AuthError) as exc:
        err.print(f"[red]error:[/red] cannot reach Neo4j: {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from exc
