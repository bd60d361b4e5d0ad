# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup run test test-neo4j-2026 lint neo4j-start neo4j-stop

$(BIN)/graph-identity: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/graph-identity

# Start the local Neo4j (assembled from Maven Central on first use), then serve the API.
run: setup
	$(BIN)/graph-identity neo4j start
	$(BIN)/graph-identity schema apply
	$(BIN)/graph-identity serve --host 127.0.0.1 --port 8000 $(SERVE_FLAGS)

# The test suite starts its own Neo4j (NEO4J_URI, Docker, or the local server).
test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q $(PYTEST_ARGS)

# The same suite on the newest calendar release (2026.x, run on Java 21+), not on 5.26 LTS.
# Kept out of `make test` for CI time; run it nightly or before a release.
test-neo4j-2026: setup
	GRAPH_IDENTITY_TEST_NEO4J_VERSION=2026 $(BIN)/pytest -q $(PYTEST_ARGS)

neo4j-start: setup
	$(BIN)/graph-identity neo4j start

neo4j-stop: setup
	$(BIN)/graph-identity neo4j stop
