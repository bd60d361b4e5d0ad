"""The review queue: open conflicts oldest first, and the operator's decision on one."""

from __future__ import annotations

import logging
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from graph_identity.decisions import DecisionIn
from graph_identity.errors import InvalidDecision, NotFound
from graph_identity.service import IdentityService

from ...availability import require_neo4j
from ...dependencies import Service
from ..auth import CONSOLE, Actor, Operator, Viewer
from ..render import page
from ..review import queue_page

log = logging.getLogger("graph_identity.console")
router = APIRouter(dependencies=[Depends(require_neo4j)])


Id = Annotated[str | None, Query(max_length=128, pattern=r"^[A-Za-z0-9_:.-]+$")]


def _queue_page(
    request: Request,
    operator: Operator,
    service: IdentityService,
    *,
    page_number: int = 1,
    settled: str | None = None,
    customer: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    return page(
        request,
        "queue.html",
        {
            "title": "Review queue",
            "queue": queue_page(service, page_number),
            "settled": settled,
            "settled_customer": customer,
            "error": error,
        },
        session=operator.session,
        csrf=operator.csrf,
        status_code=status_code,
    )


@router.get("/conflicts")
def queue(
    request: Request,
    viewer: Viewer,
    service: Service,
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    settled: Id = None,
    customer: Id = None,
) -> Response:
    return _queue_page(
        request, viewer, service, page_number=page_number, settled=settled, customer=customer
    )


@router.post("/conflicts/{conflict_id}/decision")
def decide(
    request: Request,
    actor: Actor,
    service: Service,
    conflict_id: Annotated[str, Path(min_length=1, max_length=128)],
    decision: Annotated[Literal["merge", "assign", "keep_apart"], Form()],
    reason: Annotated[str, Form(max_length=4000)] = "",
    customer_id: Annotated[str | None, Form(max_length=128)] = None,
) -> Response:
    """The same library call as ``POST /v1/conflicts/{id}/decision``, signed by the
    operator's name; a refused decision shows the queue again, naming the field (422)."""
    try:
        chosen = DecisionIn(
            decision=decision,
            actor=actor.name,
            reason=reason,
            customer_id=(customer_id or None) if decision == "assign" else None,
        )
        result = service.decide(conflict_id, chosen)
    except ValidationError as exc:
        fields = ", ".join(str(e["loc"][0]) for e in exc.errors())
        error = f"{fields}: required (1 to 2000 characters)"
    except InvalidDecision as exc:
        error = "; ".join(f"{'.'.join(map(str, i.loc))}: {i.msg}" for i in exc.issues)
    except NotFound as exc:
        error = str(exc)
    else:
        log.info(
            "console decision %s on conflict %s by key %s",
            decision,
            conflict_id,
            actor.session.key_id,
        )
        params = {"settled": conflict_id}
        if result.customer_id:
            params["customer"] = result.customer_id
        return RedirectResponse(f"{CONSOLE}/conflicts?{urlencode(params)}", status_code=303)
    return _queue_page(request, actor, service, error=error, status_code=422)
