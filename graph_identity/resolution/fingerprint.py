"""A record's fingerprint: equal fingerprints mean nothing to write (idempotent re-syncs)."""

from __future__ import annotations

import hashlib
import json

from graph_identity.identifiers import NormalizedRecord


def fingerprint(record: NormalizedRecord) -> str:
    payload = {
        "identifiers": sorted((i.key, i.rule, i.generic) for i in record.identifiers),
        "first_name": record.first_name,
        "last_name": record.last_name,
        "customer_code": record.customer_code,
        "marketing_consent": record.marketing_consent,
        "created_at": record.created_at.isoformat() if record.created_at else None,
        "updated_at": record.updated_at.isoformat() if record.updated_at else None,
        "partial": record.partial,
        # Only when present: records without one keep the fingerprints they had before.
        **({"birth_date": record.birth_date} if record.birth_date else {}),
        "orders": sorted(
            (
                o.key,
                o.number,
                str(o.total) if o.total is not None else None,
                o.currency,
                o.created_at.isoformat() if o.created_at else None,
                o.channel,
            )
            for o in record.orders
        ),
    }
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
