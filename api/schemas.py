"""Request and response bodies the HTTP API adds around the library's own models."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from graph_identity.explain import BrowserQuery, CustomerExplanation, PairExplanation
from graph_identity.models import ExternalId, PostalAddress, ProviderSlug, RecordIn
from graph_identity.results import ConflictView, GenericIdentifier

RECORD_EXAMPLE: dict[str, Any] = {
    "provider": "shopify",
    "external_id": "1042",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "emails": ["ada@example.com"],
    "phones": ["+1 512 555 0142"],
    "addresses": [
        {
            "name": "Ada Lovelace",
            "line1": "12 Main St",
            "line2": "Apt 4B",
            "city": "Austin",
            "region": "TX",
            "postal_code": "78701",
            "country": "US",
        }
    ],
    "marketing_consent": True,
    "updated_at": "2024-03-02T10:00:00Z",
    "orders": [
        {
            "id": "5001",
            "number": "#1001",
            "total": "19.99",
            "currency": "USD",
            "created_at": "2024-03-02T10:00:00Z",
            "channel": "ecom",
        }
    ],
}


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BatchIn(_In):
    """Up to the configured batch limit (``GRAPH_IDENTITY_BATCH_LIMIT``, default 1,000)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"records": [RECORD_EXAMPLE]}]})

    records: list[RecordIn]


class ResolveIn(_In):
    """Any of email, phone, address, or provider with external_id; at least one."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"email": "ada@example.com"},
                {"phone": "+1 512 555 0142"},
                {"provider": "shopify", "external_id": "1042"},
            ]
        }
    )

    email: Annotated[str, Field(max_length=512)] | None = None
    phone: Annotated[str, Field(max_length=512)] | None = None
    address: PostalAddress | None = None
    provider: ProviderSlug | None = None
    external_id: ExternalId | None = None


class RecordRef(_In):
    """One record, by its provider and the provider's id."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"provider": "shopify", "external_id": "1042"}]}
    )

    provider: ProviderSlug
    external_id: ExternalId


class ReplayAllowed(BaseModel):
    record: str
    replay_allowed: bool


class ConflictList(BaseModel):
    items: list[ConflictView]


class GenericList(BaseModel):
    items: list[GenericIdentifier]


class CustomerExplanationOut(CustomerExplanation):
    """The explanation, plus the Cypher that shows the same subgraph in Neo4j Browser."""

    browser: BrowserQuery


class PairExplanationOut(PairExplanation):
    """The explanation, plus the Cypher that shows the same subgraph in Neo4j Browser."""

    browser: BrowserQuery


class Message(BaseModel):
    detail: str


class FieldProblem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Unprocessable(BaseModel):
    detail: list[FieldProblem]


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Message, "description": "Missing or wrong API key"},
    422: {"model": Unprocessable, "description": "Bad input, each bad field named"},
    503: {"model": Message, "description": "Neo4j is not reachable (see Retry-After)"},
}
