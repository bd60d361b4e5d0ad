"""Neo4j Browser, the real one served by the test's local Neo4j, in headless Chromium:
log in, load the shipped style, run a shipped query on the demo graph, take the picture.

``GRAPH_IDENTITY_README_SCREENSHOT=1`` also writes the picture to docs/images/ (the README's).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from graph_identity.store.cypher import cypher_dir
from tests.analyst.browser_queries import PARAM_LINE, run_documented
from tests.analyst.conftest import LoadedDemo
from tests.analyst.neo4j_browser import screenshot
from tests.conftest import REPO_ROOT, Neo4jConnection

README_IMAGE = REPO_ROOT / "docs" / "images" / "browser-demo.png"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.mark.timeout(1200)  # a fresh machine installs Chromium first (2-4 minutes)
def test_neo4j_browser_draws_the_demo_component(
    demo: LoadedDemo, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    if neo4j_connection.http_url is None:
        pytest.skip("NEO4J_URI names an outside server: no Neo4j Browser URL is known for it")
    text = (cypher_dir() / "browser" / "customer_component.cypher").read_text(encoding="utf-8")
    setup = "\n".join(f":param {name} => {value};" for name, value in PARAM_LINE.findall(text))
    query = " ".join(line.strip() for line in text.splitlines() if not line.startswith("//"))
    expected = {
        n.element_id
        for row in run_documented(demo.driver, "customer_component")
        for n in row["p"].nodes
    }
    out = tmp_path / "browser-demo.png"

    rendered = screenshot(
        neo4j_connection.http_url,
        neo4j_connection.uri,
        neo4j_connection.user,
        neo4j_connection.password,
        (cypher_dir() / "browser" / "style.grass").read_text(encoding="utf-8"),
        setup,
        query,
        out,
    )

    # The POS shopper merged by the web order: two customers (survivor and alias), three
    # records, one email, one phone; 3 BELONGS_TO, 4 HAS, 1 MERGED_INTO, no human decision.
    assert rendered.nodes == len(expected) == 7
    assert rendered.relationships >= 8
    assert sum("lightspeed" in caption for caption in rendered.captions) == 3
    assert sum("cus_" in caption for caption in rendered.captions) == 2
    captions = " ".join(rendered.captions)
    assert "merge" not in captions  # a Decision node is captioned with its kind
    assert "@example.com" not in captions  # masked values only
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 20_000
    if os.environ.get("GRAPH_IDENTITY_README_SCREENSHOT") == "1":
        README_IMAGE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, README_IMAGE)
