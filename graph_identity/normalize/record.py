"""One incoming record to a :class:`NormalizedRecord`: identifiers, issues, record key."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from functools import partial

from graph_identity.config import DateOrder, Settings
from graph_identity.errors import RecordRejected
from graph_identity.identifiers import (
    FieldIssue,
    Identifier,
    IdentifierKind,
    NormalizedOrder,
    NormalizedRecord,
)
from graph_identity.models import OrderIn, PostalAddress, RecordIn, record_key
from graph_identity.normalize.address import ADDRESS_RULE, address_hash, canonical_address
from graph_identity.normalize.birth_date import normalize_birth_date
from graph_identity.normalize.email import email_rule, normalize_email
from graph_identity.normalize.errors import InvalidValue
from graph_identity.normalize.generic import GenericBlocklist
from graph_identity.normalize.masking import mask_address, mask_email, mask_phone
from graph_identity.normalize.phone import parse_phone, phone_rule, validate_region
from graph_identity.normalize.times import utc_time

NO_IDENTITY = "a record needs an external id or at least one usable email, phone or address"


@dataclass(frozen=True, slots=True)
class NormalizationConfig:
    """Everything normalization depends on; build it once with :meth:`from_settings`.

    :meth:`email`, :meth:`phone` and :meth:`address` turn one raw value into an
    :class:`Identifier` (marked generic where the blocklist says so) or raise
    :class:`InvalidValue`. ``date_order`` is how a slashed date of birth is read.
    """

    default_region: str
    gmail_rules: bool
    blocklist: GenericBlocklist
    shop_zone: tzinfo = UTC
    date_order: DateOrder = DateOrder.MDY

    @classmethod
    def from_settings(cls, settings: Settings) -> NormalizationConfig:
        """:class:`ValueError` when a region, generic value or pattern is unusable."""
        region = validate_region(settings.default_region)
        return cls(
            default_region=region,
            shop_zone=settings.shop_zone,
            gmail_rules=settings.gmail_rules,
            blocklist=GenericBlocklist.build(
                region=region,
                gmail_rules=settings.gmail_rules,
                emails=settings.generic_emails,
                phones=settings.generic_phones,
                patterns=settings.generic_patterns,
                role_local_parts=settings.role_local_parts,
            ),
            date_order=settings.date_order,
        )

    def email(self, raw: str) -> Identifier:
        value = normalize_email(raw, gmail_rules=self.gmail_rules)
        reason = self.blocklist.email_reason(value)
        return Identifier(
            kind=IdentifierKind.EMAIL,
            value=value,
            masked=mask_email(value),
            rule=email_rule(value, gmail_rules=self.gmail_rules),
            generic=reason is not None,
            generic_reason=reason,
        )

    def phone(self, raw: str) -> Identifier:
        """A placeholder number is kept (marked generic) even when it is no valid number."""
        parsed = parse_phone(raw, self.default_region)
        reason = self.blocklist.phone_reason(parsed.e164, parsed.national_number)
        if reason is None and parsed.problem is not None:
            raise InvalidValue(parsed.problem)
        return Identifier(
            kind=IdentifierKind.PHONE,
            value=parsed.e164,
            masked=mask_phone(parsed.e164),
            rule=phone_rule(self.default_region),
            generic=reason is not None,
            generic_reason=reason,
        )

    def address(self, addr: PostalAddress) -> Identifier:
        canonical = canonical_address(addr)
        digest = address_hash(canonical)
        reason = self.blocklist.address_reason(canonical)
        return Identifier(
            kind=IdentifierKind.ADDRESS,
            value=digest,
            masked=mask_address(digest),
            rule=ADDRESS_RULE,
            generic=reason is not None,
            generic_reason=reason,
            canonical=canonical,
        )


def normalize_record(record: RecordIn, config: NormalizationConfig) -> NormalizedRecord:
    """Canonical identifiers and per-field issues of ``record``.

    :class:`RecordRejected` when it has neither an external id nor a usable (valid,
    non-generic) identifier. Without an external id the key is derived from the usable
    identifiers, so a guest checkout sent twice is one record. Blank values (empty or
    whitespace, an address with no part filled in) count as absent and raise no issue.
    """
    found: dict[str, Identifier] = {}
    issues: list[FieldIssue] = []

    def collect(loc: tuple[str | int, ...], make: Callable[[], Identifier]) -> None:
        try:
            identifier = make()
        except InvalidValue as exc:
            field = () if exc.field is None else (exc.field,)
            issues.append(FieldIssue((*loc, *field), exc.reason))
            return
        found.setdefault(identifier.key, identifier)

    for index, raw in enumerate(record.emails):
        if raw.strip():
            collect(("emails", index), partial(config.email, raw))
    for index, raw in enumerate(record.phones):
        if raw.strip():
            collect(("phones", index), partial(config.phone, raw))
    for index, addr in enumerate(record.addresses):
        if any(part and part.strip() for part in addr.model_dump().values()):
            collect(("addresses", index), partial(config.address, addr))
    for index, order in enumerate(record.orders):
        if order.email is not None and order.email.strip():
            collect(("orders", index, "email"), partial(config.email, order.email))
    orders = _orders(record.provider, record.orders, config.shop_zone, issues)
    birth_date = _birth_date(record.birth_date, config.date_order, issues)

    identifiers = tuple(found.values())
    external_id = record.external_id
    if external_id is None:
        usable = sorted(i.key for i in identifiers if not i.generic)
        if not usable:
            raise RecordRejected([*issues, FieldIssue(("external_id",), NO_IDENTITY)])
        digest = hashlib.sha256("\n".join(usable).encode("utf-8")).hexdigest()
        external_id = f"anon-{digest[:20]}"
    return NormalizedRecord(
        provider=record.provider,
        external_id=external_id,
        key=record_key(record.provider, external_id),
        identifiers=identifiers,
        issues=tuple(issues),
        first_name=_text(record.first_name),
        last_name=_text(record.last_name),
        customer_code=_text(record.customer_code),
        marketing_consent=record.marketing_consent,
        created_at=utc_time(record.created_at, config.shop_zone, ("created_at",)),
        updated_at=utc_time(record.updated_at, config.shop_zone, ("updated_at",)),
        orders=orders,
        partial=record.partial,
        birth_date=birth_date,
    )


def _orders(
    provider: str, orders: list[OrderIn], zone: tzinfo, issues: list[FieldIssue]
) -> tuple[NormalizedOrder, ...]:
    """Orders unique by id; a repeated id keeps the first and is reported."""
    seen: dict[str, NormalizedOrder] = {}
    for index, order in enumerate(orders):
        if order.id in seen:
            issues.append(FieldIssue(("orders", index, "id"), "duplicate order id; first kept"))
            continue
        seen[order.id] = NormalizedOrder(
            key=record_key(provider, order.id),
            order_id=order.id,
            number=_text(order.number),
            total=order.total,
            currency=order.currency,
            created_at=utc_time(order.created_at, zone, ("orders", index, "created_at")),
            channel=order.channel,
        )
    return tuple(seen.values())


def _birth_date(raw: str | None, order: DateOrder, issues: list[FieldIssue]) -> str | None:
    """ISO date of birth; an unusable one is reported and left out (it never links, so the
    record is still worth storing)."""
    if raw is None or not raw.strip():
        return None
    try:
        return normalize_birth_date(raw, order=order)
    except InvalidValue as exc:
        issues.append(FieldIssue(("birth_date",), exc.reason))
        return None


def _text(value: str | None) -> str | None:
    """Trimmed; blank is ``None``."""
    if value is None:
        return None
    return value.strip() or None
