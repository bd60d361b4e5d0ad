"""Provider webhooks: signature checks over the raw body, replay protection, ingestion.

:func:`handle` takes one delivery (source, headers, raw body) and answers a
:class:`WebhookResult`; the readers (:mod:`.shopify`, :mod:`.woocommerce`,
:mod:`.lightspeed`) verify and map it with the existing adapters, and :mod:`.replay`
remembers it in the same transaction as the ingest.
"""

from graph_identity.webhooks.errors import (
    BadDelivery,
    SecretNotConfigured,
    Unauthenticated,
    WebhookError,
)
from graph_identity.webhooks.handler import (
    READERS,
    Problem,
    RejectionKind,
    WebhookResult,
    WebhookStatus,
    handle,
)

__all__ = [
    "READERS",
    "BadDelivery",
    "Problem",
    "RejectionKind",
    "SecretNotConfigured",
    "Unauthenticated",
    "WebhookError",
    "WebhookResult",
    "WebhookStatus",
    "handle",
]
