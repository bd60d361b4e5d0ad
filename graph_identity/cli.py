"""The ``graph-identity`` command line: local Neo4j, schema, the HTTP service."""

from __future__ import annotations

import gc
import importlib
import secrets
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from graph_identity.compare.command import compare_command
from graph_identity.config import Settings, get_settings
from graph_identity.demo.command import demo_command
from graph_identity.imports.command import import_command
from graph_identity.neo4j_local import (
    LINES,
    NEO4J_VERSION,
    LocalNeo4j,
    LocalNeo4jError,
    UnknownVersionError,
    recorded_version,
    resolve_version,
)
from graph_identity.store.driver import connect, neo4j_password
from graph_identity.store.schema import apply_schema
from graph_identity.sync.command import sync_command

if TYPE_CHECKING:
    from fastapi import FastAPI

app = typer.Typer(no_args_is_help=True, help="Identity resolution on Neo4j.")
neo4j_app = typer.Typer(no_args_is_help=True, help="Run the local Neo4j server (no Docker).")
schema_app = typer.Typer(no_args_is_help=True, help="The Neo4j schema (constraints, indexes).")
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")
app.command("demo")(demo_command)
app.command("import")(import_command)
app.command("compare")(compare_command)
app.command("sync")(sync_command)

console = Console(stderr=True)

EXIT_USAGE = 2
EXIT_FAILURE = 1


def fail(message: str, code: int = EXIT_FAILURE) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def _local_server(
    settings: Settings, bolt_port: int, http_port: int, heap: str, version: str | None
) -> LocalNeo4j:
    """The server to start: the asked version, else the one the home last ran, else 5.26."""
    home = settings.neo4j_home
    try:
        chosen = resolve_version(version) if version else recorded_version(home) or NEO4J_VERSION
    except UnknownVersionError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    return LocalNeo4j(home, bolt_port=bolt_port, http_port=http_port, heap=heap, version=chosen)


@neo4j_app.command("start")
def neo4j_start(
    bolt_port: int = typer.Option(7687, help="Bolt port on 127.0.0.1."),
    http_port: int = typer.Option(7474, help="HTTP port (Neo4j Browser) on 127.0.0.1."),
    heap: str = typer.Option("1g", help="JVM heap size."),
    version: str | None = typer.Option(
        None,
        "--version",
        help=(
            f"Neo4j line ({', '.join(f'{k} = {v}' for k, v in LINES.items())}) or full "
            f"version; default: the version this home last ran, else {NEO4J_VERSION}."
        ),
    ),
) -> None:
    """Start the local Neo4j (assembling it from Maven Central once) and wait for Bolt."""
    settings = get_settings()
    server = _local_server(settings, bolt_port, http_port, heap, version)
    password = neo4j_password(settings) or secrets.token_urlsafe(18)
    try:
        status = server.start(password)
    except LocalNeo4jError as exc:
        raise fail(str(exc)) from exc
    console.print(f"Neo4j {status.version} is running (pid {status.pid})")
    console.print(f"  Bolt:    {status.bolt_uri}  user {settings.neo4j_user}")
    console.print(f"  Browser: {status.browser_url}")
    console.print(f"  Home:    {server.home} (password in {server.password_file})")


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j."""
    server = LocalNeo4j(get_settings().neo4j_home)
    console.print("stopped" if server.stop() else "Neo4j was not running")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say whether the local Neo4j runs (exit 1 when it does not)."""
    status = LocalNeo4j(get_settings().neo4j_home).status()
    if not status.running:
        console.print("Neo4j is not running")
        raise typer.Exit(EXIT_FAILURE)
    console.print(f"Neo4j {status.version} is running (pid {status.pid})")


@schema_app.command("apply")
def schema_apply() -> None:
    """Create the missing constraints and indexes (idempotent)."""
    settings = get_settings()
    with connect(settings) as driver:
        count = apply_schema(driver, settings.neo4j_database)
    console.print(f"schema applied ({count} statements)")


def web_app(settings: Settings) -> FastAPI:
    """The HTTP app, imported only here so the CLI loads no web code at import time: from
    ``graph_identity_api`` as the wheel installs it, else from the source tree's ``api``."""
    try:
        module = importlib.import_module("graph_identity_api.app")
    except ModuleNotFoundError as exc:
        if exc.name != "graph_identity_api":
            raise
        module = importlib.import_module("api.app")
    create_app: Callable[[Settings], FastAPI] = module.create_app
    return create_app(settings)


SERVING_GC_THRESHOLDS = (5_000, 20, 100)


def settle_garbage_collector() -> None:
    """Freeze what the app holds for its lifetime (modules, routes, models) out of the cyclic
    collector's reach, and collect young objects less often. With Python's defaults, full
    collections walking those objects stalled requests: resolve at 200/s had p99 35-116 ms
    in three runs, and 19-24 ms in three runs with this (by hand, 2026-12-03).

    The young generation's threshold sets how long each collection pauses the event loop:
    the Neo4j driver leaves a reference cycle per query result (hydration scope, graph,
    hooks), some 17,000 objects collected per 20,000 allocations. At 20,000 a collection
    paused 8-20 ms every 0.7 s; at 5,000 resolve p99 beside ingest 100/s was 17-21 ms
    in two of three runs against 42-44 ms (by hand, 2026-12-04)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*SERVING_GC_THRESHOLDS)


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    insecure_no_auth: bool = typer.Option(
        False, "--insecure-no-auth", help="Development only: serve /v1 without API keys."
    ),
) -> None:
    """Serve the HTTP API with uvicorn."""
    import uvicorn

    settings = get_settings()
    if insecure_no_auth:
        settings = settings.model_copy(update={"insecure_no_auth": True})
    try:
        application = web_app(settings)
    except ValueError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    settle_garbage_collector()
    uvicorn.run(application, host=host, port=port, log_level="info", access_log=False)


def main() -> None:
    sys.exit(app())
