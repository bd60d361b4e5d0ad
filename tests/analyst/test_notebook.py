"""The analyst notebook executes against the test Neo4j (nbclient) and saves its figures."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.analyst.conftest import LoadedDemo
from tests.conftest import REPO_ROOT, Neo4jConnection

NOTEBOOK = REPO_ROOT / "notebooks" / "explore_identity_graph.ipynb"
FIGURES = ("component.png", "customers_by_size.png", "records_per_customer_by_provider.png")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def outputs(notebook: nbformat.NotebookNode) -> str:
    return "\n".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


def test_notebook_runs_and_saves_its_figures(
    demo: LoadedDemo,
    neo4j_connection: Neo4jConnection,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for key, value in neo4j_connection.env().items():
        monkeypatch.setenv(key, value)  # the kernel inherits the environment
    monkeypatch.setenv("GRAPH_IDENTITY_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GRAPH_IDENTITY_FIGURES_DIR", str(tmp_path / "figures"))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")

    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()

    for name in FIGURES:
        data = (tmp_path / "figures" / name).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 5000, name
    text = outputs(notebook)
    # The POS shopper: survivor and merged-away alias, three records, one email, one phone;
    # the web order merged them, so no human decision is in the component.
    assert "7 nodes" in text and "'Customer': 2" in text and "'Record': 3" in text
    assert "'Decision'" not in text
    assert "1 open conflict(s)" in text and "loyalty:demo-household-3" in text
    assert "woocommerce:demo-mailbox-2" not in text  # decided: kept apart
    assert "2 generic identifier(s)" in text and "too_many_people" in text
    assert "ambiguous records: 1 of" in text
