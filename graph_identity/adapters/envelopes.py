"""The providers' page envelopes: the list of objects inside one page of an API answer.

A saved API answer (a QuickBooks query, an Amazon ``getOrders`` page, a Lightspeed X-Series
or ShipStation page, a Shopify GraphQL connection) can be imported as it is: the objects
inside are read one by one with the provider's adapter. The shapes, as the providers
document them:

- QuickBooks Online: ``{"QueryResponse": {"Customer": [...], "startPosition": 1, ...}}``
  (also ``Invoice``, ``SalesReceipt``);
- Amazon SP-API: ``{"payload": {"Orders": [...], "NextToken": ...}}``;
- Lightspeed X-Series 2.0: ``{"data": [...], "version": {...}}``;
- Shopify Admin GraphQL: ``{"data": {"customers": {"edges": [{"node": {...}}]}}}`` (or
  ``nodes``), any one connection;
- ShipStation and Lightspeed eCom: ``{"orders": [...], "total": ..., "pages": ...}``,
  ``{"shipments": [...]}``, ``{"customers": [...]}``.

A single object is not an envelope (:func:`page_items` answers None) and is read as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

QBO_ENTITIES = ("Customer", "Invoice", "SalesReceipt")
LIST_KEYS = ("orders", "shipments", "customers")


def page_items(payload: Any) -> list[Any] | None:
    """The objects of a page envelope, or None when ``payload`` is not one."""
    if not isinstance(payload, Mapping):
        return None
    query = payload.get("QueryResponse")
    if isinstance(query, Mapping):
        for entity in QBO_ENTITIES:
            if isinstance(query.get(entity), list):
                return list(query[entity])
        return []
    inner = payload.get("payload")
    if isinstance(inner, Mapping) and isinstance(inner.get("Orders"), list):
        return list(inner["Orders"])
    data = payload.get("data")
    if isinstance(data, list):
        return list(data)
    if isinstance(data, Mapping):
        return _graphql_nodes(data)
    lists = [key for key in LIST_KEYS if isinstance(payload.get(key), list)]
    if len(lists) == 1:
        return list(payload[lists[0]])
    return None


def _graphql_nodes(data: Mapping[str, Any]) -> list[Any] | None:
    connections = [value for value in data.values() if isinstance(value, Mapping)]
    if len(connections) != 1:
        return None
    (connection,) = connections
    if isinstance(connection.get("nodes"), list):
        return list(connection["nodes"])
    edges = connection.get("edges")
    if isinstance(edges, list):
        return [edge.get("node") if isinstance(edge, Mapping) else edge for edge in edges]
    return None
