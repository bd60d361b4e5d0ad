"""What a comparison answers: a summary and the rows only the source provider has."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class CustomerSummary(_Out):
    source: int = Field(description="customers with a record in the source provider")
    destination: int = Field(description="customers with a record in the destination provider")
    matched: int = Field(description="customers with records in both")
    only_in_source: int


class CustomerOnlyInSource(_Out):
    """A customer the destination lacks: its golden name, email and phone, and its ids in
    the source provider (this is an operator export: the values are not masked)."""

    customer_id: str
    first_name: str | None = None
    last_name: str | None = None
    primary_email: str | None = None
    primary_phone: str | None = None
    source_ids: list[str]


class CustomerComparison(_Out):
    source: str
    destination: str
    summary: CustomerSummary
    only_in_source: list[CustomerOnlyInSource]


class OrderSummary(_Out):
    source: int = Field(description="orders of source records")
    destination: int = Field(description="orders of destination records")
    matched_by_number: int
    matched_by_email_total_date: int
    only_in_source: int


class OrderOnlyInSource(_Out):
    order_id: str
    number: str | None = None
    total: Decimal | None = None
    currency: str | None = None
    created_at: datetime | None = None
    channel: str | None = None
    source_record_id: str
    customer_id: str | None = None


class OrderComparison(_Out):
    source: str
    destination: str
    summary: OrderSummary
    only_in_source: list[OrderOnlyInSource]
