"""Normalization: raw provider values to canonical identifiers, with no I/O.

Per kind: :func:`normalize_email`, :func:`normalize_phone`, :func:`canonical_address` with
:func:`address_hash`; generic values from :class:`GenericBlocklist`; masked display forms.
For a whole record: :func:`normalize_record` with a :class:`NormalizationConfig`.
"""

from graph_identity.normalize.address import ADDRESS_RULE, address_hash, canonical_address
from graph_identity.normalize.email import (
    EMAIL_GMAIL_RULE,
    EMAIL_RULE,
    email_rule,
    normalize_email,
)
from graph_identity.normalize.errors import InvalidValue
from graph_identity.normalize.generic import GenericBlocklist
from graph_identity.normalize.masking import mask_address, mask_email, mask_phone
from graph_identity.normalize.phone import (
    ParsedPhone,
    normalize_phone,
    parse_phone,
    phone_rule,
    validate_region,
)
from graph_identity.normalize.record import NormalizationConfig, normalize_record

__all__ = [
    "ADDRESS_RULE",
    "EMAIL_GMAIL_RULE",
    "EMAIL_RULE",
    "GenericBlocklist",
    "InvalidValue",
    "NormalizationConfig",
    "ParsedPhone",
    "address_hash",
    "canonical_address",
    "email_rule",
    "mask_address",
    "mask_email",
    "mask_phone",
    "normalize_email",
    "normalize_phone",
    "normalize_record",
    "parse_phone",
    "phone_rule",
    "validate_region",
]
