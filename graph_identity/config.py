"""Configuration from the environment (the names are part of the public contract)."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_PROVIDER_PRIORITY = (
    "qbo",
    "shopify",
    "woocommerce",
    "lightspeed_retail",
    "lightspeed_ecom",
    "amazon",
    "shipstation",
    "loyalty",
    "manual",
)


class Policy(StrEnum):
    """What a record whose identifiers reach several customers does (DESIGN.md, rule 4)."""

    STRICT = "strict"
    """Merge them where nothing contradicts (names, dates of birth, a keep-apart decision);
    else hold the record and open a Conflict."""
    REVIEW_ALL_BRIDGES = "review_all_bridges"
    """Hold the record and open a Conflict for every bridge, contradicted or not."""
    CONNECTED = "connected"
    """Merge every bridge (still honouring keep-apart decisions)."""


class DateOrder(StrEnum):
    """How an ambiguous slashed date such as ``3/1/1970`` is read: month or day first."""

    MDY = "mdy"
    DMY = "dmy"


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Every setting, read from the environment (and a `.env` file when present)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    neo4j_uri: str = Field("neo4j://127.0.0.1:7687", alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(None, alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", alias="NEO4J_DATABASE")

    home: Path = Field(
        Path.home() / ".local" / "share" / "graph-identity", alias="GRAPH_IDENTITY_HOME"
    )
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, alias="GRAPH_IDENTITY_API_KEYS"
    )
    insecure_no_auth: bool = Field(False, alias="GRAPH_IDENTITY_INSECURE_NO_AUTH")
    default_region: str = Field("US", alias="GRAPH_IDENTITY_DEFAULT_REGION")
    shop_timezone: str = Field("UTC", alias="GRAPH_IDENTITY_SHOP_TIMEZONE")
    """IANA zone of times a source sends without an offset (an eCom CSV's shop-local
    order times): they are stored in UTC as if read on a clock in this zone."""
    policy: Policy = Field(Policy.STRICT, alias="GRAPH_IDENTITY_POLICY")
    provider_priority: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: list(DEFAULT_PROVIDER_PRIORITY),
        alias="GRAPH_IDENTITY_PROVIDER_PRIORITY",
    )
    gmail_rules: bool = Field(False, alias="GRAPH_IDENTITY_GMAIL_RULES")
    generic_emails: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="GRAPH_IDENTITY_GENERIC_EMAILS"
    )
    generic_phones: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="GRAPH_IDENTITY_GENERIC_PHONES"
    )
    generic_patterns: Annotated[list[str], NoDecode] = Field(
        default_factory=list, alias="GRAPH_IDENTITY_GENERIC_PATTERNS"
    )
    role_local_parts: Annotated[list[str] | None, NoDecode] = Field(
        None, alias="GRAPH_IDENTITY_ROLE_LOCAL_PARTS"
    )
    """Email local parts that name a role, not a person (``info``, ``sales``…): unset keeps
    the shipped list, a value replaces it, an empty value turns the check off."""
    date_order: DateOrder = Field(DateOrder.MDY, alias="GRAPH_IDENTITY_DATE_ORDER")
    max_records_per_email: int = Field(25, ge=2, alias="GRAPH_IDENTITY_MAX_RECORDS_PER_EMAIL")
    max_records_per_phone: int = Field(25, ge=2, alias="GRAPH_IDENTITY_MAX_RECORDS_PER_PHONE")
    max_records_per_address: int = Field(25, ge=2, alias="GRAPH_IDENTITY_MAX_RECORDS_PER_ADDRESS")
    max_people_per_identifier: int = Field(
        3, ge=1, alias="GRAPH_IDENTITY_MAX_PEOPLE_PER_IDENTIFIER"
    )
    """An email or phone carried by more people than this (records whose names or dates of
    birth contradict each other) is generic: a shared inbox or a shop phone, not a person."""
    batch_limit: int = Field(1000, ge=1, alias="GRAPH_IDENTITY_BATCH_LIMIT")
    chunk_size: int = Field(250, ge=1, le=5000, alias="GRAPH_IDENTITY_CHUNK_SIZE")
    group_commit_window_ms: float = Field(
        2.0, ge=0, le=1000, alias="GRAPH_IDENTITY_GROUP_COMMIT_WINDOW_MS"
    )
    """How long concurrent single-record ingests are gathered into one write transaction
    (``graph_identity.group_commit``); 0 turns grouping off."""
    group_commit_max: int = Field(100, ge=0, le=5000, alias="GRAPH_IDENTITY_GROUP_COMMIT_MAX")
    """Records per group: a full group commits before its window closes; 0 or 1 turns
    grouping off."""
    max_body_bytes: int = Field(5_000_000, ge=1024, alias="GRAPH_IDENTITY_MAX_BODY_BYTES")
    shopify_webhook_secret: SecretStr | None = Field(
        None, alias="GRAPH_IDENTITY_SHOPIFY_WEBHOOK_SECRET"
    )
    woocommerce_webhook_secret: SecretStr | None = Field(
        None, alias="GRAPH_IDENTITY_WOOCOMMERCE_WEBHOOK_SECRET"
    )
    lightspeed_webhook_secret: SecretStr | None = Field(
        None, alias="GRAPH_IDENTITY_LIGHTSPEED_WEBHOOK_SECRET"
    )
    qbo_webhook_verifier: SecretStr | None = Field(
        None, alias="GRAPH_IDENTITY_QBO_WEBHOOK_VERIFIER"
    )
    """The QuickBooks app's webhook Verifier Token (``intuit-signature`` is keyed with it)."""
    lightspeed_accept_unsigned: bool = Field(
        False, alias="GRAPH_IDENTITY_LIGHTSPEED_ACCEPT_UNSIGNED"
    )
    """Without a Lightspeed secret, accept unsigned deliveries (an explicit opt-in: the
    default answers 503 as Shopify and WooCommerce do without theirs)."""
    webhook_max_age_seconds: int = Field(
        18_000, ge=1, alias="GRAPH_IDENTITY_WEBHOOK_MAX_AGE_SECONDS"
    )
    """Oldest provider timestamp accepted (5 h: Shopify retries with the original timestamp
    for 4 h; replays inside the window are caught by the remembered delivery ids)."""
    webhook_clock_skew_seconds: int = Field(
        300, ge=0, alias="GRAPH_IDENTITY_WEBHOOK_CLOCK_SKEW_SECONDS"
    )
    """How far in the future a provider timestamp may be (clock skew)."""

    @field_validator(
        "api_keys",
        "provider_priority",
        "generic_emails",
        "generic_phones",
        "generic_patterns",
        "role_local_parts",
        mode="before",
    )
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("shop_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("not an IANA time zone name (e.g. UTC, Europe/Paris)") from None
        return value

    @property
    def shop_zone(self) -> ZoneInfo:
        return ZoneInfo(self.shop_timezone)

    @property
    def neo4j_home(self) -> Path:
        return self.home / "neo4j"

    def limit_for(self, kind: str) -> int:
        """Records one identifier may link before it counts as generic."""
        return {
            "email": self.max_records_per_email,
            "phone": self.max_records_per_phone,
            "address": self.max_records_per_address,
        }[kind]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
