"""Properties of normalization: idempotent, format-blind, apartment-aware, never crashing."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from graph_identity.errors import RecordRejected
from graph_identity.models import PostalAddress, RecordIn
from graph_identity.normalize import (
    InvalidValue,
    NormalizationConfig,
    address_hash,
    canonical_address,
    normalize_email,
    normalize_phone,
    normalize_record,
)

settings.register_profile("normalize", max_examples=150, deadline=None)
settings.load_profile("normalize")

AREA_CODES = ["206", "212", "303", "310", "312", "404", "415", "512", "617", "702", "818", "919"]
PHONE_FORMATS = [
    "({a}) {e}-{n}",
    "{a}-{e}-{n}",
    "{a}/{e}-{n}",
    "{a}/ {e}-{n}",
    "{a}.{e}.{n}",
    "{a} {e} {n}",
    "{a}{e}{n}",
    "1-{a}-{e}-{n}",
    "+1 {a} {e} {n}",
    "+1 ({a}) {e}-{n}",
    "+1{a}{e}{n}",
    "  {a}-{e}-{n} ext. 12",
]


@st.composite
def us_numbers(draw: st.DrawFn) -> tuple[str, str, str]:
    area = draw(st.sampled_from(AREA_CODES))
    exchange = draw(st.from_regex(r"[2-9][0-9]{2}", fullmatch=True))
    assume(exchange[1:] != "11")
    line = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    assume(phonenumbers.is_valid_number(phonenumbers.parse(f"+1{area}{exchange}{line}")))
    return area, exchange, line


@given(us_numbers(), st.lists(st.sampled_from(PHONE_FORMATS), min_size=2, max_size=4))
def test_formats_of_one_phone_give_one_e164(
    number: tuple[str, str, str], formats: list[str]
) -> None:
    area, exchange, line = number
    values = {normalize_phone(f.format(a=area, e=exchange, n=line), "US") for f in formats}
    assert values == {f"+1{area}{exchange}{line}"}


PHONE_TEXT = st.text(alphabet="0123456789 +-()./xt", max_size=24)


@given(PHONE_TEXT, st.sampled_from(["US", "GB", "AU", "DE", "CA"]), st.sampled_from(["US", "FR"]))
def test_phone_normalization_is_idempotent(raw: str, region: str, other: str) -> None:
    try:
        value = normalize_phone(raw, region)
    except InvalidValue:
        return
    assert normalize_phone(value, region) == value
    assert normalize_phone(value, other) == value


LOCAL = st.from_regex(r"[a-z0-9]{1,6}([._+-][a-z0-9]{1,6}){0,2}", fullmatch=True)
DOMAIN = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,4})?\.(com|org|co\.uk|de|io)", fullmatch=True)


def random_case(text: str, flips: list[bool]) -> str:
    return "".join(c.upper() if flip else c for c, flip in zip(text, flips, strict=False))


@given(
    LOCAL,
    DOMAIN,
    st.lists(st.booleans(), min_size=40, max_size=40),
    st.sampled_from(["", " ", "\t", "  \n"]),
    st.sampled_from(["", " ", "\r\n"]),
)
def test_case_and_whitespace_variants_of_one_email_give_one_value(
    local: str, domain: str, flips: list[bool], before: str, after: str
) -> None:
    email = f"{local}@{domain}"
    variant = before + random_case(email, flips) + after
    assert normalize_email(variant) == normalize_email(email) == email


@given(st.one_of(st.emails(), st.text(max_size=40)), st.booleans())
def test_email_normalization_is_idempotent(raw: str, gmail_rules: bool) -> None:
    try:
        value = normalize_email(raw, gmail_rules=gmail_rules)
    except InvalidValue:
        return
    assert normalize_email(value, gmail_rules=gmail_rules) == value


STREET_TYPES = [
    ("Street", "St."),
    ("Avenue", "Ave"),
    ("Road", "Rd."),
    ("Drive", "Dr"),
    ("Boulevard", "Blvd."),
    ("Lane", "Ln"),
    ("Court", "Ct."),
    ("Place", "Pl"),
]
WORD = st.sampled_from(["Main", "Oak", "Maple", "Elm", "Washington", "Lake", "Hill", "Park"])
NAME = st.sampled_from(["Jane Doe", "John Smith", "Ana María López", "Li Wei"])
CITY = st.sampled_from(["Boston", "Austin", "San José", "St. Paul"])


@st.composite
def addresses(draw: st.DrawFn) -> dict[str, str]:
    street_type = draw(st.sampled_from(STREET_TYPES))
    return {
        "name": draw(NAME),
        "number": str(draw(st.integers(1, 99999))),
        "street": draw(WORD),
        "type_long": street_type[0],
        "type_short": street_type[1],
        "apt": str(draw(st.integers(1, 999))),
        "city": draw(CITY),
        "zip": draw(st.from_regex(r"[0-9]{5}", fullmatch=True)),
    }


def render(parts: dict[str, str], style: int, flips: list[bool]) -> PostalAddress:
    """Style 0: long words; 1: abbreviations and punctuation; 2: shouting, #, ZIP+4."""
    if style == 0:
        line1 = f"{parts['number']} {parts['street']} {parts['type_long']}"
        line2, postal, country = f"Apartment {parts['apt']}", parts["zip"], "United States"
    elif style == 1:
        line1 = f"{parts['number']}, {parts['street']}  {parts['type_short']}"
        line2, postal, country = f"Apt. {parts['apt']}", parts["zip"], "U.S.A."
    else:
        line1 = f"  {parts['number']} {parts['street'].upper()} {parts['type_short'].upper()} "
        line2, postal, country = f"#{parts['apt']}", f"{parts['zip']}-0001", "us"
    return PostalAddress(
        name=random_case(parts["name"], flips),
        line1=line1,
        line2=line2,
        city=random_case(parts["city"], flips[::-1]),
        region="Texas" if style == 0 else "tx",
        postal_code=postal,
        country=country,
    )


@given(addresses(), st.lists(st.booleans(), min_size=20, max_size=20))
def test_variants_of_one_address_give_one_hash(parts: dict[str, str], flips: list[bool]) -> None:
    hashes = {address_hash(canonical_address(render(parts, style, flips))) for style in range(3)}
    assert len(hashes) == 1


@given(addresses(), st.integers(1, 999), st.integers(1, 999))
def test_distinct_apartments_give_distinct_hashes(
    parts: dict[str, str], apt: int, other: int
) -> None:
    assume(apt != other)
    first = render({**parts, "apt": str(apt)}, 1, [])
    second = render({**parts, "apt": str(other)}, 1, [])
    assert address_hash(canonical_address(first)) != address_hash(canonical_address(second))


ADDRESS_TEXT = st.one_of(st.none(), st.text(max_size=30))
ADDRESS_PARTS = st.builds(
    PostalAddress,
    name=ADDRESS_TEXT,
    line1=ADDRESS_TEXT,
    line2=ADDRESS_TEXT,
    city=ADDRESS_TEXT,
    region=ADDRESS_TEXT,
    postal_code=st.one_of(st.none(), st.text(max_size=12)),
    country=st.one_of(
        st.none(),
        st.text(max_size=12),
        st.sampled_from(["US", "usa", "United States", "GB", "Canada", "AU"]),
    ),
)


@given(ADDRESS_PARTS)
def test_canonical_address_is_a_fixed_point(addr: PostalAddress) -> None:
    try:
        canonical = canonical_address(addr)
    except InvalidValue:
        return
    name, street, city, region, postal, country = canonical.split("|")
    again = PostalAddress(
        name=name, line1=street, city=city, region=region, postal_code=postal, country=country
    )
    assert canonical_address(again) == canonical


@given(st.text(max_size=60), st.sampled_from(["US", "GB", "IN"]), st.booleans())
def test_per_kind_normalizers_raise_only_invalid_value(
    text: str, region: str, gmail_rules: bool
) -> None:
    for normalize in (
        lambda: normalize_email(text, gmail_rules=gmail_rules),
        lambda: normalize_phone(text, region),
        lambda: canonical_address(PostalAddress(line1=text, postal_code=text[:32], country=text)),
    ):
        try:
            normalize()
        except InvalidValue as exc:
            assert exc.reason


MARKED_TEXT = st.tuples(st.text(max_size=20), st.text(max_size=20)).map(
    lambda halves: f"{halves[0]}Zq7{halves[1]}"
)


@given(
    st.lists(st.one_of(st.text(max_size=30), MARKED_TEXT), max_size=3),
    st.lists(st.one_of(st.text(max_size=30), MARKED_TEXT), max_size=3),
    st.lists(ADDRESS_PARTS, max_size=2),
    st.one_of(st.none(), st.text(min_size=1, max_size=10).filter(str.strip)),
)
def test_normalize_record_raises_only_record_rejected(
    config: NormalizationConfig,
    emails: list[str],
    phones: list[str],
    addrs: list[PostalAddress],
    external_id: str | None,
) -> None:
    """Issues never carry the values: the marker ``Zq7`` in a value never reaches a message."""
    record = RecordIn(
        provider="manual", external_id=external_id, emails=emails, phones=phones, addresses=addrs
    )
    try:
        issues = normalize_record(record, config).issues
    except RecordRejected as exc:
        assert external_id is None
        assert exc.issues[-1].loc == ("external_id",)
        issues = tuple(exc.issues)
    for issue in issues:
        assert "zq7" not in issue.msg.lower()


def test_profile_keeps_example_counts_modest() -> None:
    assert settings().max_examples <= 200


@pytest.mark.parametrize("raw", ["", " ", "@", "+", "#", "|", "\x00"])
def test_degenerate_inputs_are_invalid_not_crashes(raw: str) -> None:
    for normalize in (normalize_email, lambda text: normalize_phone(text, "US")):
        with pytest.raises(InvalidValue):
            normalize(raw)
