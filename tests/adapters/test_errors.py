"""The error type and the field reader every adapter shares."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pydantic import ValidationError

from graph_identity.adapters._build import build_record
from graph_identity.adapters._fields import Fields
from graph_identity.adapters.errors import AdapterError, format_loc, from_validation_error
from graph_identity.errors import GraphIdentityError
from graph_identity.models import RecordIn


def test_adapter_error_is_a_library_error_with_loc() -> None:
    err = AdapterError(("billing", "email"), "expected text, got number")

    assert isinstance(err, GraphIdentityError)
    assert err.loc == ("billing", "email")
    assert err.reason == "expected text, got number"
    assert str(err) == "billing.email: expected text, got number"


def test_empty_loc_is_the_payload() -> None:
    assert format_loc(()) == "payload"
    assert format_loc(("orders", 0, "total")) == "orders.0.total"


def test_validation_errors_lose_their_input_values() -> None:
    secret_email = "very.private.person@example.com" * 20
    with pytest.raises(ValidationError) as caught:
        RecordIn.model_validate(
            {"provider": "shopify", "emails": [secret_email], "orders": [{"id": " "}]}
        )

    err = from_validation_error(caught.value)

    assert err.loc == ("emails", 0)
    assert "orders.0.id" in str(err)
    assert "private" not in str(err)
    assert "private" not in repr(err.args)


def test_adapter_errors_do_not_chain_the_validation_error() -> None:
    """A chained pydantic error would print the input values in a traceback."""
    with pytest.raises(AdapterError) as caught:
        build_record("shopify", first_name="Zed" * 200)

    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_values_read_as_missing(blank: object) -> None:
    fields = Fields.of({"v": blank})

    assert fields.text("v") is None
    assert fields.ident("v") is None
    assert fields.amount("v") is None
    assert fields.timestamp("v") is None
    assert fields.flag("v") is None
    assert fields.text("absent") is None


def test_text_is_passed_through_unchanged() -> None:
    assert Fields.of({"email": "  Rosa@Example.COM "}).text("email") == "  Rosa@Example.COM "


@pytest.mark.parametrize(("value", "expected"), [(17, "17"), ("abc-1", "abc-1"), (" 9 ", "9")])
def test_ident(value: object, expected: str) -> None:
    assert Fields.of({"id": value}).ident("id") == expected


@pytest.mark.parametrize("value", [True, 1.5, ["1"], {"id": 1}])
def test_ident_wrong_type(value: object) -> None:
    with pytest.raises(AdapterError, match="id: expected an id"):
        Fields.of({"id": value}).ident("id")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12.50", Decimal("12.50")), (7, Decimal(7)), (0.1, Decimal("0.1")), (" 3 ", Decimal(3))],
)
def test_amount(value: object, expected: Decimal) -> None:
    assert Fields.of({"t": value}).amount("t") == expected


@pytest.mark.parametrize("value", ["NaN", "Infinity", "12,50", True])
def test_amount_refused(value: object) -> None:
    with pytest.raises(AdapterError) as err:
        Fields.of({"t": value}).amount("t")

    assert err.value.loc == ("t",)


def test_timestamp_naive_is_utc_only_when_asked() -> None:
    fields = Fields.of({"at": "2024-05-14T13:28:40"})

    assert fields.timestamp("at") == datetime(2024, 5, 14, 13, 28, 40)
    assert fields.timestamp("at", naive_is_utc=True) == datetime(
        2024, 5, 14, 13, 28, 40, tzinfo=UTC
    )


def test_timestamp_wrong_type() -> None:
    with pytest.raises(AdapterError, match="at: expected a timestamp, got number"):
        Fields.of({"at": 1717000000}).timestamp("at")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), ("Yes", True), ("1", True), (False, False), ("false", False), ("N", False)],
)
def test_flag(value: object, expected: bool) -> None:
    assert Fields.of({"f": value}).flag("f") is expected


def test_flag_wrong_type() -> None:
    with pytest.raises(AdapterError, match="f: expected a boolean, got number"):
        Fields.of({"f": 1}).flag("f")


def test_nested_paths_in_errors() -> None:
    fields = Fields.of({"addresses": [{"zip": "1"}, "flat text"]}, ("data",))

    with pytest.raises(AdapterError) as err:
        fields.objects("addresses")

    assert err.value.loc == ("data", "addresses", 1)
    assert "flat text" not in str(err.value)


def test_objects_must_be_an_array() -> None:
    with pytest.raises(AdapterError, match="addresses: expected an array, got object"):
        Fields.of({"addresses": {"zip": "1"}}).objects("addresses")


def test_envelope_is_only_unwrapped_without_a_top_level_id() -> None:
    wrapped = Fields.of({"data": {"id": "a"}}).unwrapped("data", "id")
    bare = Fields.of({"id": "b", "data": {"id": "a"}}).unwrapped("data", "id")

    assert (wrapped.ident("id"), wrapped.loc) == ("a", ("data",))
    assert (bare.ident("id"), bare.loc) == ("b", ())
