"""Email rules: trim, lower-case, syntax check, optional Gmail rules, masking."""

from __future__ import annotations

import pytest

from graph_identity.errors import GraphIdentityError
from graph_identity.normalize import (
    EMAIL_GMAIL_RULE,
    EMAIL_RULE,
    InvalidValue,
    email_rule,
    mask_email,
    normalize_email,
)


def test_trims_and_lower_cases_the_whole_address() -> None:
    assert normalize_email("  Jane.Doe@Example.COM \t") == "jane.doe@example.com"


def test_already_canonical_is_unchanged() -> None:
    assert normalize_email("jane.doe@example.com") == "jane.doe@example.com"


def test_internationalized_domain_has_one_form() -> None:
    assert normalize_email("a@MÜNCHEN.de") == normalize_email("a@xn--mnchen-3ya.de")


@pytest.mark.parametrize(
    "raw",
    ["jane", "jane@", "@example.com", "ja ne@example.com", "jane@example", "jane@@example.com"],
)
def test_syntax_errors_are_invalid_and_do_not_repeat_the_value(raw: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        normalize_email(raw)
    assert caught.value.reason
    assert raw not in str(caught.value)
    assert "jane" not in str(caught.value)


def test_blank_is_invalid() -> None:
    with pytest.raises(InvalidValue, match="empty"):
        normalize_email("   ")


def test_gmail_rules_are_off_by_default() -> None:
    assert normalize_email("J.Doe+shop@gmail.com") == "j.doe+shop@gmail.com"
    assert email_rule("j.doe+shop@gmail.com", gmail_rules=False) == EMAIL_RULE


@pytest.mark.parametrize(
    "raw",
    ["J.Doe+shop@gmail.com", "jdoe@gmail.com", "j.d.o.e@googlemail.com", "JDoe+a+b@Gmail.com"],
)
def test_gmail_rules_drop_dots_and_tags(raw: str) -> None:
    value = normalize_email(raw, gmail_rules=True)
    assert value == "jdoe@gmail.com"
    assert email_rule(value, gmail_rules=True) == EMAIL_GMAIL_RULE


def test_gmail_rules_leave_other_domains_alone() -> None:
    value = normalize_email("j.doe+shop@example.com", gmail_rules=True)
    assert value == "j.doe+shop@example.com"
    assert email_rule(value, gmail_rules=True) == EMAIL_RULE


def test_gmail_address_with_only_a_tag_is_invalid() -> None:
    with pytest.raises(InvalidValue):
        normalize_email("+shop@gmail.com", gmail_rules=True)


def test_invalid_value_is_one_of_the_library_errors() -> None:
    assert issubclass(InvalidValue, GraphIdentityError)


def test_mask_keeps_first_character_and_domain() -> None:
    assert mask_email("alice@example.com") == "a***@example.com"
