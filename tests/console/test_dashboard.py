"""The dashboard: totals per provider, open conflicts, generic identifiers, last imports."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import httpx

from graph_identity.imports import import_file
from graph_identity.service import IdentityService
from graph_identity.sync.cursors import DONE, Cursor, CursorKey, CursorStore
from tests.api.helpers import body


def test_dashboard_counts_conflicts_generic_identifiers_and_imports(
    console: httpx.Client,
    api: httpx.Client,
    seed_conflict: Callable[..., tuple[str, list[str]]],
    strict: IdentityService,
    tmp_path: Path,
) -> None:
    seed_conflict()
    api.post("/v1/records", json=body("amazon", "a1", emails=["test@test.com"], first_name="A"))
    data = tmp_path / "walk-ins.csv"
    with data.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "first_name", "email"])
        for n in range(1, 6):
            writer.writerow([f"c{n}", f"P{n}", f"p{n}@example.com"])
    report = import_file(strict, data, provider="shopify", batch_size=2)
    assert report.metrics.fetched == 5

    html = console.get("/console/").text
    assert '<span class="n">1</span> open conflicts' in html
    assert '<span class="n">1</span> generic identifiers' in html
    assert "<code>t***@test.com</code>" in html and "test@test.com" not in html
    providers = html.split("Per provider", 1)[1].split("</table>", 1)[0]
    assert '<th scope="row">lightspeed_retail</th><td class="num">2</td>' in providers
    assert '<th scope="row">shopify</th><td class="num">5</td><td class="num">5</td>' in providers
    imports = html.split("Last imports", 1)[1].split("</table>", 1)[0]
    assert "<td>walk-ins.csv</td><td>shopify</td><td>csv</td>" in imports
    assert '<td class="num">5</td>' in imports and 'class="badge done"' in imports
    assert str(tmp_path) not in html  # the file's name only, never its directory
    assert "No pull sync has run yet." in html

    cursors = CursorStore(strict.driver, strict.settings.neo4j_database)
    watermark = "2026-12-01T00:00:00+00:00"
    cursors.save(CursorKey("qbo", "realm-1", "customers"), Cursor(DONE, watermark=watermark))
    syncs = console.get("/console/").text.split("Last syncs", 1)[1]
    assert "<td>qbo</td><td>realm-1</td><td>customers</td>" in syncs
    assert 'class="badge done"' in syncs and f"<td>{watermark}</td>" in syncs
