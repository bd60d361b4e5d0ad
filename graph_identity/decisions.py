"""Human judgements as data: the decision a person takes on a conflict."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

ActorName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class DecisionIn(BaseModel):
    """``merge`` the candidates, ``assign`` the record to one of them, or ``keep_apart``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    decision: Literal["merge", "assign", "keep_apart"]
    actor: ActorName
    reason: Reason
    customer_id: str | None = None
