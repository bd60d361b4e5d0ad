"""The review queue: open conflicts oldest first, and the operator's decision on one."""

from __future__ import annotations

import logging
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from api.availability import require_neo4j
from api.console.auth import CONSOLE, Actor, Viewer
from api.console.render import page
from api.console.review import queue_page
from api.dependencies import Service
from graph_identity.decisions import DecisionIn
from graph_identity.errors import InvalidDecision, NotFound

log = logging.getLogger("graph_identity.console")
router = APIRouter(dependencies=[Depends(require_neo4j)])


@router.get("/conflicts")
def queue(
    request: Request,
    viewer: Viewer,
    service: Service,
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    settled: Annotated[str | None, Query(max_length=128)] = None,
    customer: Annotated[str | None, Query(max_length=128)] = None,
    error: Annotated[str | None, Query(max_length=300)] = None,
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
        session=viewer.session,
        csrf=viewer.csrf,
    )


@router.post("/conflicts/{conflict_id}/decision")
def decide(
    actor: Actor,
    service: Service,
    conflict_id: Annotated[str, Path(min_length=1, max_length=128)],
    decision: Annotated[Literal["merge", "assign", "keep_apart"], Form()],
    reason: Annotated[str, Form(max_length=4000)] = "",
    customer_id: Annotated[str | None, Form(max_length=128)] = None,
) -> Response:
    """The same library call as ``POST /v1/conflicts/{id}/decision``, signed by the
    operator's name; a refused decision comes back to the queue naming the field."""
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
        return _back(error=f"{fields}: required (1 to 2000 characters)")
    except InvalidDecision as exc:
        fields = ", ".join(".".join(map(str, i.loc)) for i in exc.issues)
        return _back(error=f"{fields}: {exc}")
    except NotFound as exc:
        return _back(error=str(exc))
    log.info(
        "console decision %s on conflict %s by key %s",
        decision,
        conflict_id,
        actor.session.key_id,
    )
    return _back(settled=conflict_id, customer=result.customer_id or "")


def _back(**params: str) -> RedirectResponse:
    return RedirectResponse(f"{CONSOLE}/conflicts?{urlencode(params)}", status_code=303)
