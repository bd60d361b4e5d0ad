"""Whole records: identifiers in order, per-field issues, record keys, refusal, orders."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from graph_identity.errors import RecordRejected
from graph_identity.identifiers import FieldIssue, IdentifierKind
from graph_identity.models import RecordIn
from graph_identity.normalize import NormalizationConfig, normalize_record

MakeConfig = Callable[..., NormalizationConfig]

ADDRESS = {"name": "Jane Doe", "line1": "123 Main St", "postal_code": "02134", "country": "US"}


def record(**fields: Any) -> RecordIn:
    return RecordIn(**{"provider": "shopify", **fields})


def test_external_id_gives_the_record_key(config: NormalizationConfig) -> None:
    normalized = normalize_record(record(external_id="  42 ", emails=["a@example.com"]), config)
    assert (normalized.provider, normalized.external_id, normalized.key) == (
        "shopify",
        "42",
        "shopify:42",
    )


def test_identifiers_are_unique_by_key_in_input_order(config: NormalizationConfig) -> None:
    normalized = normalize_record(
        record(
            external_id="1",
            emails=["Jane@Example.com", "jane@example.com ", "j2@example.com"],
            phones=["310/246-1501", "+1 310 246 1501"],
            addresses=[ADDRESS, {**ADDRESS, "line1": "123 MAIN STREET"}],
            orders=[{"id": "o1", "email": "JANE@example.com"}, {"id": "o2", "email": "o@ex.com"}],
        ),
        config,
    )
    assert [(i.kind, i.value) for i in normalized.identifiers][:4] == [
        (IdentifierKind.EMAIL, "jane@example.com"),
        (IdentifierKind.EMAIL, "j2@example.com"),
        (IdentifierKind.PHONE, "+13102461501"),
        (IdentifierKind.ADDRESS, normalized.identifiers[3].value),
    ]
    assert normalized.identifiers[3].canonical == "jane doe|123 main st|||02134|US"
    assert normalized.identifiers[4].value == "o@ex.com"
    assert len(normalized.identifiers) == 5
    assert normalized.issues == ()


def test_identifier_carries_rule_and_mask(config: NormalizationConfig) -> None:
    email, phone, address = normalize_record(
        record(
            external_id="1",
            emails=["alice@example.com"],
            phones=["512-555-0142"],
            addresses=[ADDRESS],
        ),
        config,
    ).identifiers
    assert (email.rule, email.masked) == ("email.v1", "a***@example.com")
    assert (phone.rule, phone.masked) == ("phone.e164:US", "+1 512 *** **42")
    assert address.rule == "address.v1"
    assert address.masked == f"addr:{address.value[:10]}"
    assert len(address.value) == 64


def test_invalid_values_are_reported_by_field_and_position_without_the_value(
    config: NormalizationConfig,
) -> None:
    normalized = normalize_record(
        record(
            external_id="1",
            emails=["ok@example.com", "secret-at-example.com"],
            phones=["867-5309"],
            addresses=[ADDRESS, ADDRESS, {**ADDRESS, "postal_code": "2134"}, {"city": "Reno"}],
            orders=[{"id": "o1", "email": "x@@y"}],
        ),
        config,
    )
    assert [issue.loc for issue in normalized.issues] == [
        ("emails", 1),
        ("phones", 0),
        ("addresses", 2, "postal_code"),
        ("addresses", 3),
        ("orders", 0, "email"),
    ]
    text = " ".join(issue.msg for issue in normalized.issues)
    for raw in ("secret", "867", "5309", "2134", "Reno", "x@@y"):
        assert raw not in text
    assert [i.kind for i in normalized.identifiers] == [
        IdentifierKind.EMAIL,
        IdentifierKind.ADDRESS,
    ]


def test_blank_values_are_absent_not_invalid(config: NormalizationConfig) -> None:
    normalized = normalize_record(
        record(external_id="1", emails=["", "  "], phones=[" "], addresses=[{"name": " "}]),
        config,
    )
    assert normalized.identifiers == ()
    assert normalized.issues == ()


def test_record_with_external_id_and_no_usable_identifier_is_kept(
    config: NormalizationConfig,
) -> None:
    normalized = normalize_record(record(external_id="1", emails=["nope"]), config)
    assert normalized.identifiers == ()
    assert normalized.issues == (FieldIssue(("emails", 0), "email address has no @"),)


def test_missing_external_id_gets_a_stable_anonymous_key(config: NormalizationConfig) -> None:
    first = normalize_record(record(emails=["Guest@Example.com"], phones=["310-246-1501"]), config)
    again = normalize_record(record(phones=["+13102461501"], emails=["guest@example.com"]), config)
    assert first.key == again.key
    assert first.external_id.startswith("anon-")
    assert len(first.external_id) == len("anon-") + 20
    assert first.key == f"shopify:{first.external_id}"
    other = normalize_record(record(emails=["other@example.com"]), config)
    assert other.key != first.key


def test_anonymous_key_ignores_generic_identifiers(config: NormalizationConfig) -> None:
    plain = normalize_record(record(emails=["guest@example.com"]), config)
    with_generic = normalize_record(
        record(emails=["guest@example.com", "noreply@example.com"], phones=["000-000-0000"]),
        config,
    )
    assert plain.key == with_generic.key


def test_record_with_neither_external_id_nor_identifier_is_refused(
    config: NormalizationConfig,
) -> None:
    with pytest.raises(RecordRejected) as caught:
        normalize_record(record(emails=["jane.doe-at-home"], phones=["12"]), config)
    locs = [issue.loc for issue in caught.value.issues]
    assert locs == [("emails", 0), ("phones", 0), ("external_id",)]
    assert "usable email, phone or address" in caught.value.issues[-1].msg
    assert "jane.doe" not in str(caught.value)


def test_record_with_only_generic_identifiers_and_no_external_id_is_refused(
    config: NormalizationConfig,
) -> None:
    with pytest.raises(RecordRejected) as caught:
        normalize_record(record(emails=["buyer@marketplace.amazon.com"]), config)
    assert [issue.loc for issue in caught.value.issues] == [("external_id",)]


def test_empty_record_without_external_id_is_refused(config: NormalizationConfig) -> None:
    with pytest.raises(RecordRejected):
        normalize_record(record(), config)


def test_names_are_trimmed_and_blank_is_none(config: NormalizationConfig) -> None:
    normalized = normalize_record(
        record(external_id="1", first_name="  Jane ", last_name="   ", customer_code=" C-1 "),
        config,
    )
    assert (normalized.first_name, normalized.last_name, normalized.customer_code) == (
        "Jane",
        None,
        "C-1",
    )


def test_orders_are_keyed_by_provider_and_order_id(config: NormalizationConfig) -> None:
    created = datetime(2024, 5, 1, tzinfo=UTC)
    normalized = normalize_record(
        record(
            external_id="1",
            created_at=created,
            marketing_consent=True,
            orders=[
                {
                    "id": "1001",
                    "number": " #1001 ",
                    "total": "12.50",
                    "currency": "USD",
                    "created_at": created,
                    "channel": "web",
                },
                {"id": "1001"},
            ],
        ),
        config,
    )
    (order,) = normalized.orders
    assert order.key == "shopify:1001"
    assert (order.order_id, order.number, order.total, order.currency, order.channel) == (
        "1001",
        "#1001",
        Decimal("12.50"),
        "USD",
        "web",
    )
    assert order.created_at == created
    assert normalized.created_at == created
    assert normalized.marketing_consent is True
    assert normalized.issues == (FieldIssue(("orders", 1, "id"), "duplicate order id; first kept"),)


def test_config_follows_settings(make_config: MakeConfig) -> None:
    config = make_config(default_region="gb", gmail_rules=True)
    assert config.default_region == "GB"
    normalized = normalize_record(
        record(external_id="1", emails=["J.Doe+x@gmail.com"], phones=["020 7946 0958"]), config
    )
    email, phone = normalized.identifiers
    assert (email.value, email.rule) == ("jdoe@gmail.com", "email.v1+gmail")
    assert (phone.value, phone.rule) == ("+442079460958", "phone.e164:GB")


def test_config_is_frozen_and_refuses_unknown_regions(
    config: NormalizationConfig, make_config: MakeConfig
) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.gmail_rules = True  # type: ignore[misc]
    with pytest.raises(ValueError, match="unknown phone region"):
        make_config(default_region="XX")
