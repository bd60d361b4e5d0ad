"""Finding a customer (by email, phone, provider id or customer id) and its page.

Searches are POSTed: a value typed into the form never appears in a URL, so never in an
access log or the browser's history.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from graph_identity.errors import NotFound, RecordRejected
from graph_identity.explain import customer_browser_query, customer_text
from graph_identity.results import ResolveStatus
from graph_identity.service import IdentityService

from ...availability import require_neo4j
from ...dependencies import Service
from ..auth import CONSOLE, Actor, Operator, Viewer
from ..config import ConsoleSettings
from ..masking import shown_values, valid_field
from ..render import page

log = logging.getLogger("graph_identity.console")
router = APIRouter(dependencies=[Depends(require_neo4j)])
CustomerId = Annotated[str, Path(min_length=1, max_length=128)]
Field = Annotated[str, Form(max_length=500)]


def _search_page(
    request: Request,
    operator: Operator,
    *,
    error: str | None = None,
    candidates: list[str] | None = None,
    status_code: int = 200,
) -> Response:
    return page(
        request,
        "search.html",
        {"title": "Find a customer", "error": error, "candidates": candidates or []},
        session=operator.session,
        csrf=operator.csrf,
        status_code=status_code,
    )


@router.get("/customers")
def search_form(request: Request, viewer: Viewer) -> Response:
    return _search_page(request, viewer)


@router.post("/customers/search")
def search(
    request: Request,
    actor: Actor,
    service: Service,
    email: Field = "",
    phone: Field = "",
    provider: Field = "",
    external_id: Field = "",
    customer_id: Field = "",
) -> Response:
    if customer_id.strip():
        return _found(customer_id.strip())
    try:
        result = service.resolve(
            email=email.strip() or None,
            phone=phone.strip() or None,
            provider=provider.strip() or None,
            external_id=external_id.strip() or None,
        )
    except RecordRejected as exc:
        return _search_page(request, actor, error=_fields(exc), status_code=422)
    if result.status is ResolveStatus.FOUND and result.customer_id:
        return _found(result.customer_id)
    if result.status is ResolveStatus.AMBIGUOUS:
        return _search_page(
            request,
            actor,
            error="More than one customer matches: pick one.",
            candidates=result.candidates,
        )
    return _search_page(request, actor, error="No customer matches.", status_code=404)


def _fields(exc: RecordRejected) -> str:
    named = [f"{'.'.join(map(str, i.loc)) or 'search'}: {i.msg}" for i in exc.issues]
    if any(not i.loc for i in exc.issues):
        named = ["Fill in one of the fields: email, phone, provider and id, or customer id."]
    return "; ".join(named)


def _found(customer_id: str) -> RedirectResponse:
    return RedirectResponse(f"{CONSOLE}/customers/{quote(customer_id, safe='')}", status_code=303)


def _browser_link(service: IdentityService, script: str) -> str:
    base = ConsoleSettings().neo4j_browser_url(service.settings.neo4j_uri)
    return base + "?" + urlencode({"cmd": "edit", "arg": script})


def _customer_page(
    request: Request,
    operator: Operator,
    service: IdentityService,
    customer_id: str,
    reveal: str | None = None,
) -> Response:
    try:
        customer = service.customer(customer_id)
        explanation = service.explain_customer(customer_id)
    except NotFound:
        return page(
            request,
            "error.html",
            {"title": "Not found", "message": f"Customer {customer_id} does not exist."},
            session=operator.session,
            csrf=operator.csrf,
            status_code=404,
        )
    browser = customer_browser_query(explanation)
    return page(
        request,
        "customer.html",
        {
            "title": f"Customer {customer.id}",
            "customer": customer,
            "values": shown_values(customer, reveal),
            "records": explanation.records,
            "sentences": customer_text(explanation),
            "browser": browser,
            "browser_link": _browser_link(service, browser.browser_script),
        },
        session=operator.session,
        csrf=operator.csrf,
    )


@router.get("/customers/{customer_id}")
def customer_page(
    request: Request, viewer: Viewer, service: Service, customer_id: CustomerId
) -> Response:
    return _customer_page(request, viewer, service, customer_id)


@router.post("/customers/{customer_id}/reveal")
def reveal(
    request: Request,
    actor: Actor,
    service: Service,
    customer_id: CustomerId,
    field: Annotated[str, Form(max_length=20)],
) -> Response:
    """Show one masked value; the event is logged with the field's name, never its value."""
    try:
        customer = service.customer(customer_id)
    except NotFound:
        return _customer_page(request, actor, service, customer_id)
    if not valid_field(customer, field):
        return page(
            request,
            "error.html",
            {"title": "Refused", "message": "field: not a value of this customer."},
            session=actor.session,
            csrf=actor.csrf,
            status_code=422,
        )
    log.info(
        "console reveal: field %s of customer %s by key %s",
        field,
        customer.id,
        actor.session.key_id,
    )
    return _customer_page(request, actor, service, customer_id, reveal=field)
