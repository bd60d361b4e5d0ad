"""Cross-platform compare: customers and orders one provider has and another lacks.

JSON by default; CSV (the rows only-in-source, one per line) with ``format=csv`` or an
``Accept: text/csv`` header.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query
from fastapi.responses import Response

from graph_identity.compare import (
    CUSTOMER_COLUMNS,
    ORDER_COLUMNS,
    Comparer,
    CustomerComparison,
    OrderComparison,
    to_csv,
)
from graph_identity.models import PROVIDER_SLUG_PATTERN
from graph_identity.service import IdentityService

from ..dependencies import Service
from ..schemas import ERRORS

router = APIRouter(prefix="/compare", tags=["compare"], responses=ERRORS)

Provider = Annotated[str, Query(pattern=PROVIDER_SLUG_PATTERN, description="provider slug")]
Format = Annotated[Literal["json", "csv"] | None, Query(description="json (default) or csv")]
CSV_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "JSON, or CSV with `format=csv` / `Accept: text/csv`",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


def _comparer(service: IdentityService) -> Comparer:
    settings = service.settings
    return Comparer(service.driver, settings.neo4j_database, settings.provider_priority)


def _wants_csv(format: str | None, accept: str | None) -> bool:
    if format is not None:
        return format == "csv"
    return accept is not None and "text/csv" in accept


def _csv(body: str, name: str) -> Response:
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/customers", response_model=CustomerComparison, responses=CSV_CONTENT)
def compare_customers(
    service: Service,
    source: Provider,
    destination: Provider,
    format: Format = None,
    accept: Annotated[str | None, Header()] = None,
) -> CustomerComparison | Response:
    """Customers with a record in ``source`` and none in ``destination`` (golden name,
    primary email and phone, source ids), and counts: source, destination, matched,
    only in source."""
    result = _comparer(service).customers(source, destination)
    if _wants_csv(format, accept):
        name = f"customers-{source}-not-in-{destination}"
        return _csv(to_csv(result.only_in_source, CUSTOMER_COLUMNS), name)
    return result


@router.get("/orders", response_model=OrderComparison, responses=CSV_CONTENT)
def compare_orders(
    service: Service,
    source: Provider,
    destination: Provider,
    format: Format = None,
    accept: Annotated[str | None, Header()] = None,
) -> OrderComparison | Response:
    """Orders of ``source`` records that ``destination`` lacks: matched by order number,
    else by a shared email with the same total and UTC date."""
    result = _comparer(service).orders(source, destination)
    if _wants_csv(format, accept):
        name = f"orders-{source}-not-in-{destination}"
        return _csv(to_csv(result.only_in_source, ORDER_COLUMNS), name)
    return result
