"""Role mailboxes (info@, sales@, …) are generic by default; the list is configurable."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_identity.config import Settings
from graph_identity.models import RecordIn
from graph_identity.normalize import NormalizationConfig, normalize_record
from graph_identity.normalize.generic import ROLE_MAILBOX

MakeConfig = Callable[..., NormalizationConfig]
ROLES = json.loads(
    resources.files("graph_identity.normalize").joinpath("generic_defaults.json").read_text("utf-8")
)["role_local_parts"]
TAGS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)


def test_the_role_list_ships_with_the_defaults() -> None:
    assert {"info", "sales", "office", "admin", "support", "noreply", "no-reply"} <= set(ROLES)
    assert len(ROLES) == len(set(ROLES))
    assert all(role == role.strip().lower() and "@" not in role for role in ROLES)


@pytest.mark.parametrize(
    "raw",
    [
        "info@agency.example",
        "INFO@Agency.Example",
        "sales@shop.example",
        "office+walkins@shop.example",
        "admin@shop.example",
        "support@shop.example",
        "contact@shop.example",
        "hello@shop.example",
        "orders@shop.example",
        "billing@shop.example",
        "accounts@shop.example",
        "team@shop.example",
        "enquiries@shop.example",
        "inquiries@shop.example",
        "help@shop.example",
        "service@shop.example",
        "reception@shop.example",
        "mail@shop.example",
        "webmaster@shop.example",
        "marketing@shop.example",
    ],
)
def test_role_mailboxes_are_generic(config: NormalizationConfig, raw: str) -> None:
    identifier = config.email(raw)
    assert identifier.generic
    assert identifier.generic_reason == ROLE_MAILBOX == "role_mailbox"


@pytest.mark.parametrize(
    "raw",
    [
        "information.desk.jane@example.com",
        "infoanna@example.com",
        "jane.sales@example.com",
        "anna@info.example",
        "sales.jane@example.com",
    ],
)
def test_a_role_word_inside_a_personal_address_is_not_a_role(
    config: NormalizationConfig, raw: str
) -> None:
    assert not config.email(raw).generic


def test_a_placeholder_keeps_its_own_reason(config: NormalizationConfig) -> None:
    """``noreply`` is both; the placeholder reason is the more telling one."""
    assert config.email("noreply@shop.example").generic_reason == "blocklist:placeholder-email"


def test_a_configured_value_keeps_its_own_reason(make_config: MakeConfig) -> None:
    config = make_config(generic_emails=["info@shop.example"])
    assert config.email("info@shop.example").generic_reason == "blocklist:configured"


def test_a_configured_list_replaces_the_defaults(make_config: MakeConfig) -> None:
    config = make_config(role_local_parts=[" Frontdesk ", "till"])
    assert config.email("frontdesk+x@shop.example").generic_reason == ROLE_MAILBOX
    assert config.email("till@shop.example").generic_reason == ROLE_MAILBOX
    assert not config.email("info@shop.example").generic


def test_an_empty_setting_turns_the_check_off(make_config: MakeConfig) -> None:
    config = make_config(role_local_parts="")
    assert not config.email("info@shop.example").generic


def test_the_setting_is_read_comma_separated_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GRAPH_IDENTITY_ROLE_LOCAL_PARTS", "info, frontdesk,")
    assert Settings(_env_file=None).role_local_parts == ["info", "frontdesk"]
    monkeypatch.setenv("GRAPH_IDENTITY_ROLE_LOCAL_PARTS", "")
    assert Settings(_env_file=None).role_local_parts == []
    monkeypatch.delenv("GRAPH_IDENTITY_ROLE_LOCAL_PARTS")
    assert Settings(_env_file=None).role_local_parts is None


@pytest.mark.parametrize("bad", ["info@shop.example", "a+b", "front desk"])
def test_an_unusable_role_is_a_configuration_error(make_config: MakeConfig, bad: str) -> None:
    with pytest.raises(ValueError, match=r"role_local_parts\[1\]"):
        make_config(role_local_parts=["sales", bad])


def test_a_record_with_only_a_role_mailbox_has_no_usable_identifier(
    config: NormalizationConfig,
) -> None:
    normalized = normalize_record(
        RecordIn(provider="shopify", external_id="7", emails=["info@agency.example"]), config
    )
    assert normalized.linking_identifiers == ()
    assert normalized.identifiers[0].generic_reason == ROLE_MAILBOX


@given(st.sampled_from(ROLES), st.none() | TAGS, st.sampled_from(["Shop.example", "a.co.uk"]))
def test_every_shipped_role_is_generic_whatever_its_tag_or_case(
    config: NormalizationConfig, role: str, tag: str | None, domain: str
) -> None:
    local = role.upper() if tag is None else f"{role}+{tag}"
    assert config.email(f"{local}@{domain}").generic
