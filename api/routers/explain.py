"""Why two records are one customer, or why not."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse

from graph_identity.explain import pair_browser_query, pair_text

from ..dependencies import Service
from ..schemas import ERRORS, Message, PairExplanationOut

router = APIRouter(tags=["explain"], responses=ERRORS)

RECORD_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}:\S.{0,255}$", re.DOTALL)
KEY_HELP = "a record as provider:external_id, e.g. shopify:1042"


def _key(value: str, name: str) -> str:
    provider, _, external_id = value.partition(":")
    if not RECORD_KEY.match(value) or external_id.strip() != external_id:
        raise RequestValidationError(
            [{"loc": ("query", name), "msg": f"expected {KEY_HELP}", "type": "record_key"}]
        )
    return f"{provider}:{external_id}"


@router.get(
    "/explain",
    response_model=PairExplanationOut,
    responses={
        404: {"model": Message, "description": "A record that never existed"},
        200: {
            "description": "JSON, or one sentence with `format=text`",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        },
    },
)
def explain(
    service: Service,
    a: Annotated[str, Query(max_length=300, description=KEY_HELP, examples=["shopify:1042"])],
    b: Annotated[str, Query(max_length=300, description=KEY_HELP, examples=["qbo:77"])],
    format: Annotated[Literal["json", "text"], Query()] = "json",
) -> PairExplanationOut | PlainTextResponse:
    """``same_customer`` with the ``path`` hop by hop, or the ``reason`` why not (no path, a
    generic identifier, a phone shared by records whose names differ, a keep-apart decision,
    an open conflict, an erasure).
    """
    found = service.explain_pair(_key(a, "a"), _key(b, "b"))
    browser = pair_browser_query(found)
    if format == "text":
        text = f"{pair_text(found)}\n\nIn Neo4j Browser:\n{browser.browser_script}\n"
        return PlainTextResponse(text)
    return PairExplanationOut.model_construct(**dict(found), browser=browser)
