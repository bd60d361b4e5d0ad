"""The Cypher that shows an explanation's subgraph in Neo4j Browser — the very text of
``cypher/explain/browser_*.cypher``, with its parameters and a paste-ready script.
"""

from __future__ import annotations

import re

from graph_identity.explain.models import BrowserQuery, CustomerExplanation, PairExplanation
from graph_identity.store import cypher

# Quotes, backslashes, control characters and ';' (a Browser statement separator) are
# written as \uXXXX escapes, so a pasted value can never end its string or its statement.
_UNSAFE = re.compile(r"[\"'\\;\x00-\x1f\x7f\u2028\u2029]")


def cypher_string(value: str) -> str:
    """A double-quoted Cypher string literal for ``value``."""
    return '"' + _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", value) + '"'


def browser_query(name: str, params: dict[str, str]) -> BrowserQuery:
    """``cypher/<name>.cypher`` with ``:param`` lines for Neo4j Browser."""
    text = cypher.load(name)
    lines = [f":param {key} => {cypher_string(value)};" for key, value in params.items()]
    return BrowserQuery(
        cypher=text, params=params, browser_script="\n".join([*lines, "", text.rstrip()])
    )


def customer_browser_query(explanation: CustomerExplanation) -> BrowserQuery:
    return browser_query("explain/browser_customer", {"id": explanation.customer_id})


def pair_browser_query(explanation: PairExplanation) -> BrowserQuery:
    return browser_query("explain/browser_pair", {"a": explanation.a, "b": explanation.b})
