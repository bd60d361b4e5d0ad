"""The merged customer and its explanation; an alias id answers with the survivor."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import PlainTextResponse

from graph_identity.explain import customer_browser_query, customer_text
from graph_identity.results import Customer

from ..dependencies import Service
from ..schemas import ERRORS, CustomerExplanationOut, Message

router = APIRouter(prefix="/customers", tags=["customers"], responses=ERRORS)

CustomerId = Annotated[str, Path(min_length=1, max_length=128)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Message, "description": "No such customer"}
}


@router.get("/{customer_id}", response_model=Customer, responses=NOT_FOUND)
def customer(service: Service, customer_id: CustomerId) -> Customer:
    """The golden record, identifiers, records, providers and order metrics. For an alias
    (a customer merged into another) the survivor answers, with ``requested_id`` set.
    """
    return service.customer(customer_id)


@router.get(
    "/{customer_id}/explanation",
    response_model=CustomerExplanationOut,
    responses={
        **NOT_FOUND,
        200: {
            "description": "JSON, or sentences with `format=text`",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        },
    },
)
def explanation(
    service: Service,
    customer_id: CustomerId,
    format: Annotated[Literal["json", "text"], Query()] = "json",
) -> CustomerExplanationOut | PlainTextResponse:
    """Why these records are one customer: each record's chain of shared identifiers,
    decisions, merges, splits, open conflicts, and the Neo4j Browser Cypher.
    """
    found = service.explain_customer(customer_id)
    browser = customer_browser_query(found)
    if format == "text":
        lines = [*customer_text(found), "", "In Neo4j Browser:", browser.browser_script]
        return PlainTextResponse("\n".join(lines) + "\n")
    return CustomerExplanationOut.model_construct(**dict(found), browser=browser)
