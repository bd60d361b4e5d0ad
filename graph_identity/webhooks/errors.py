"""Why a webhook delivery is refused. Messages name headers and fields, never values."""

from __future__ import annotations

from graph_identity.errors import GraphIdentityError


class WebhookError(GraphIdentityError):
    """Base class: a delivery that is not processed."""


class SecretNotConfigured(WebhookError):
    """The provider's signing secret is not set: signed deliveries cannot be checked (503)."""

    def __init__(self, provider: str, setting: str) -> None:
        self.provider = provider
        super().__init__(f"the {provider} webhook secret is not configured (set {setting})")


class Unauthenticated(WebhookError):
    """A missing or wrong signature, or a timestamp outside the tolerance (401)."""


class BadDelivery(WebhookError):
    """A signed delivery whose headers or payload cannot be used (422).

    ``loc`` is where the problem is: ``("header", name)`` or ``("body", field, ...)``.
    """

    def __init__(self, loc: tuple[str | int, ...], reason: str) -> None:
        self.loc = loc
        self.reason = reason
        super().__init__(f"{'.'.join(str(part) for part in loc)}: {reason}")
