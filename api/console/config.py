"""Console settings that the library does not need (read from the environment)."""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConsoleSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    browser_url: str | None = Field(None, alias="GRAPH_IDENTITY_NEO4J_BROWSER_URL")
    """Where operators open Neo4j Browser; by default port 7474 on the Bolt host."""

    def neo4j_browser_url(self, neo4j_uri: str) -> str:
        if self.browser_url:
            return self.browser_url.rstrip("/") + "/"
        host = urlsplit(neo4j_uri).hostname or "127.0.0.1"
        return f"http://{host}:7474/browser/"
