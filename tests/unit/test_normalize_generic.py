"""Generic values: shipped blocklist, configured values and patterns mark, never drop."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources

import pytest

from graph_identity.models import PostalAddress, RecordIn
from graph_identity.normalize import NormalizationConfig, normalize_record

MakeConfig = Callable[..., NormalizationConfig]


def test_defaults_ship_as_package_data() -> None:
    data = resources.files("graph_identity.normalize").joinpath("generic_defaults.json")
    defaults = json.loads(data.read_text("utf-8"))
    assert "test@test.com" in defaults["placeholder_emails"]
    assert defaults["relay_emails"]


@pytest.mark.parametrize(
    "raw",
    [
        "noemail@shop.com",
        "no-email@shop.com",
        "NoReply@shop.com",
        "no-reply@shop.com",
        "donotreply@shop.com",
        "none@shop.com",
        "test@test.com",
        "email@email.com",
        "na@na.com",
        "n/a@shop.com",
    ],
)
def test_placeholder_emails_are_generic(config: NormalizationConfig, raw: str) -> None:
    identifier = config.email(raw)
    assert identifier.generic
    assert identifier.generic_reason == "blocklist:placeholder-email"


@pytest.mark.parametrize(
    "raw",
    [
        "0a1b2c3d4e5f6g7@marketplace.amazon.com",
        "xyz@marketplace.amazon.co.uk",
        "XYZ@Marketplace.Amazon.DE",
        "xyz@marketplace.amazon.com.au",
    ],
)
def test_marketplace_relay_emails_are_generic(config: NormalizationConfig, raw: str) -> None:
    assert config.email(raw).generic_reason == "blocklist:relay"


@pytest.mark.parametrize(
    "raw", ["jane@example.com", "xyz@amazon.com", "nora@shop.com", "test@shop.com"]
)
def test_ordinary_emails_are_not_generic(config: NormalizationConfig, raw: str) -> None:
    identifier = config.email(raw)
    assert not identifier.generic
    assert identifier.generic_reason is None


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0000000000", "+10000000000"),
        ("123-456-7890", "+11234567890"),
        ("(555) 555-5555", "+15555555555"),
        ("111 111 1111", "+11111111111"),
        ("+1 999 999 9999", "+19999999999"),
        ("512-555-1212", "+15125551212"),
    ],
)
def test_placeholder_phones_are_generic_even_when_invalid(
    config: NormalizationConfig, raw: str, e164: str
) -> None:
    identifier = config.phone(raw)
    assert identifier.value == e164
    assert identifier.generic_reason == "blocklist:placeholder-phone"


def test_ordinary_phone_is_not_generic(config: NormalizationConfig) -> None:
    assert not config.phone("310-246-1501").generic


def test_configured_emails_match_after_normalization(make_config: MakeConfig) -> None:
    config = make_config(generic_emails=["Store@Shop.example.com"])
    assert config.email(" store@shop.EXAMPLE.com").generic_reason == "blocklist:configured"
    assert not config.email("jane@shop.example.com").generic


def test_configured_emails_follow_gmail_rules(make_config: MakeConfig) -> None:
    config = make_config(gmail_rules=True, generic_emails=["front.desk@gmail.com"])
    assert config.email("frontdesk+pos@gmail.com").generic_reason == "blocklist:configured"


def test_configured_store_phone_matches_any_format(make_config: MakeConfig) -> None:
    config = make_config(generic_phones=["512-555-0199"])
    assert config.phone("+1 (512) 555 0199").generic_reason == "blocklist:configured"
    assert not config.phone("512-555-0142").generic


def test_patterns_apply_to_the_canonical_value_of_each_kind(make_config: MakeConfig) -> None:
    config = make_config(
        generic_patterns=[r"@staff\.example\.com$", r"^\+1512555019\d$", r"\|1 warehouse way\|"]
    )
    assert config.email("Bob@STAFF.example.com").generic_reason == "blocklist:pattern"
    assert config.phone("512 555 0191").generic_reason == "blocklist:pattern"
    forwarder = PostalAddress(name="Jo", line1="1,  WAREHOUSE Way.", postal_code="78701")
    assert config.address(forwarder).generic_reason == "blocklist:pattern"
    home = PostalAddress(name="Jo", line1="1 Warehouse Lane", postal_code="78701")
    assert config.address(home).generic_reason is None
    assert not config.email("bob@example.com").generic


def test_bad_pattern_is_a_configuration_error(make_config: MakeConfig) -> None:
    with pytest.raises(ValueError, match=r"generic_patterns\[1\]"):
        make_config(generic_patterns=["ok", "(unclosed"])


def test_bad_configured_values_name_the_setting_not_the_value(make_config: MakeConfig) -> None:
    with pytest.raises(ValueError, match=r"generic_emails\[0\]") as caught:
        make_config(generic_emails=["front desk"])
    assert "front desk" not in str(caught.value)
    with pytest.raises(ValueError, match=r"generic_phones\[0\]"):
        make_config(generic_phones=["12"])


def test_generic_values_are_kept_but_do_not_link(config: NormalizationConfig) -> None:
    record = RecordIn(
        provider="amazon",
        external_id="A1",
        emails=["buyer@marketplace.amazon.com", "jane@example.com"],
        phones=["555-555-5555"],
    )
    normalized = normalize_record(record, config)
    assert [i.value for i in normalized.identifiers] == [
        "buyer@marketplace.amazon.com",
        "jane@example.com",
        "+15555555555",
    ]
    assert [i.value for i in normalized.linking_identifiers] == ["jane@example.com"]
    assert normalized.issues == ()
