"""Explanations: why records are one customer, and why not.

Each explanation is fetched in one query and built with networkx; it renders three ways:
the pydantic model itself (JSON with nodes and edges), sentences for people, and the Cypher
that shows the same subgraph in Neo4j Browser.
"""

from graph_identity.explain.browser import customer_browser_query, pair_browser_query
from graph_identity.explain.customer import (
    build_customer_explanation,
    chain_of,
    explain_customer,
)
from graph_identity.explain.models import (
    BrowserQuery,
    CustomerExplanation,
    PairExplanation,
    ReasonCode,
    WhyNot,
)
from graph_identity.explain.pair import build_pair_explanation, explain_pair
from graph_identity.explain.sentences import customer_text, pair_text

__all__ = [
    "BrowserQuery",
    "CustomerExplanation",
    "PairExplanation",
    "ReasonCode",
    "WhyNot",
    "build_customer_explanation",
    "build_pair_explanation",
    "chain_of",
    "customer_browser_query",
    "customer_text",
    "explain_customer",
    "explain_pair",
    "pair_browser_query",
    "pair_text",
]
