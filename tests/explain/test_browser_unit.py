"""The Neo4j Browser rendering and the explanation queries' parameters: no Neo4j."""

from __future__ import annotations

import re

import pytest

from graph_identity.explain import (
    build_customer_explanation,
    build_pair_explanation,
    customer_browser_query,
    pair_browser_query,
)
from graph_identity.explain.browser import cypher_string
from graph_identity.store import cypher
from tests.explain.rows import Rows

PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def params_of(name: str) -> set[str]:
    text = "\n".join(line for line in cypher.load(name).splitlines() if not line.startswith("//"))
    return set(PARAM.findall(text))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("explain/customer_subgraph", {"id", "include_canonical"}),
        ("explain/pair_subgraph", {"a", "b", "include_canonical"}),
        ("explain/browser_customer", {"id"}),
        ("explain/browser_pair", {"a", "b"}),
    ],
)
def test_every_explanation_query_takes_exactly_its_parameters(
    name: str, expected: set[str]
) -> None:
    assert params_of(name) == expected


def test_customer_query_is_the_shipped_text_with_its_params() -> None:
    rows = Rows(customer="cus_01abc")
    explanation = build_customer_explanation(rows.customer_row(), "cus_alias")
    query = customer_browser_query(explanation)
    assert query.cypher == cypher.load("explain/browser_customer")
    assert query.params == {"id": "cus_01abc"}
    assert query.browser_script.startswith(':param id => "cus_01abc";\n\n// Neo4j Browser:')


def test_pair_query_names_both_records() -> None:
    rows = Rows()
    rows.identifier("e", "email", "a***@example.com")
    rows.record("shopify:1", "e")
    rows.record("qbo:2", "e")
    query = pair_browser_query(build_pair_explanation(rows.pair_row(), "shopify:1", "qbo:2"))
    assert query.cypher == cypher.load("explain/browser_pair")
    assert query.params == {"a": "shopify:1", "b": "qbo:2"}
    assert query.browser_script.splitlines()[:2] == [
        ':param a => "shopify:1";',
        ':param b => "qbo:2";',
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        'x"; MATCH (n) DETACH DELETE n; //',
        "x'; MATCH (n) DETACH DELETE n",
        "line\nbreak\\",
        "x\u2028y",
    ],
)
def test_a_pasted_value_cannot_leave_its_string(hostile: str) -> None:
    literal = cypher_string(hostile)
    inner = literal[1:-1]
    assert literal.startswith('"') and literal.endswith('"')
    assert not set("\"';\n\u2028") & set(inner)
    assert "\\" not in inner.replace("\\u", "")
    decoded = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), inner)
    assert decoded == hostile
