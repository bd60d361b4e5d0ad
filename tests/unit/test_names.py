"""Name agreement, the evidence that tells a shared phone (household, switchboard) apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_identity.resolution.names import name_key, names_agree


@pytest.mark.parametrize(
    ("first", "last", "key"),
    [
        ("John", "Smith", "john smith"),
        ("  JOHN ", " smith ", "john smith"),
        ("José", "Álvarez", "jose alvarez"),
        ("Zoë", "Müller", "zoe muller"),
        (None, "O'Brien", "obrien"),
        ("Mary-Jane", "Smith", "mary jane smith"),
        ("J.", "Smith", "j smith"),
        (None, "Ritz-Carlton Café (Buckhead)", "ritz carlton cafe"),
        (None, "(Buckhead)", "buckhead"),
        (None, "Smith & Wollensky", "smith wollensky"),
        ("STRASSE", None, "strasse"),
        (None, None, None),
        ("", "  ", None),
        ("--", "'.", None),
    ],
)
def test_name_key(first: str | None, last: str | None, key: str | None) -> None:
    assert name_key(first, last) == key


def key(text: str) -> str | None:
    return name_key(None, text)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("John Smith", "John Smith"),
        ("John Smith", "Jonh Smith"),  # swapped letters
        ("John Smith", "John Smyth"),  # one substitution
        ("Catherine Johnson", "Catherine Jonhsno"),  # two edits in a long word
        ("John Smith", "J Smith"),  # initial
        ("John Smith", "J. Smith"),
        ("John Smith", "Smith John"),  # swapped first and last name
        ("John Smith", "Smith"),  # a missing word
        ("John Smith", "John Robert Smith"),  # a middle name
        ("Renée Dubois", "Renee DUBOIS"),  # accents and case
        ("Mary Ann Smith", "Maryann Smith"),  # where the spaces fall
        ("Arts Delicatessen", "Arts Deli"),  # cut short
        ("Hotel Bel-Air", "Bel-Air Hotel"),
        ("The Palm", "Palm, The (Los Angeles)"),
        ("Ritz-Carlton Cafe (Buckhead)", "Cafe, Ritz-Carlton, Buckhead"),
        ("Zara Thompson", "Sarah Tompson"),  # spelled from hearing: same sound, two edits
        ("Sahra Thompson", "Sarah Thompson"),
        ("Alan Smith", "Allen Smith"),
        ("Mary Smith", "Marie Smith"),
    ],
)
def test_same_name_despite_noise(a: str, b: str) -> None:
    assert names_agree(key(a), key(b))
    assert names_agree(key(b), key(a))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mary Smith", "John Smith"),  # spouses
        ("Ann Smith", "Amy Smith"),  # three letters: a substitution is another name
        ("Jo Smith", "John Smith"),  # two letters are no initial and too short to cut
        ("John Smith", "Jane Smith"),  # they sound alike, but three edits apart
        ("Mary Smith", "Mary Jones"),
        ("Ritz-Carlton Cafe", "Ritz-Carlton Dining Room"),
        ("Ritz-Carlton Cafe (Atlanta)", "Ritz-Carlton Restaurant"),
        ("Bistro", "Mikado"),
        ("J Smith", "M Smith"),
    ],
)
def test_different_people_or_businesses(a: str, b: str) -> None:
    assert not names_agree(key(a), key(b))
    assert not names_agree(key(b), key(a))


def test_no_name_is_no_evidence() -> None:
    assert names_agree(None, None)
    assert names_agree(None, "john smith")
    assert names_agree("john smith", None)


names = st.builds(
    name_key,
    st.one_of(st.none(), st.text(max_size=12)),
    st.one_of(st.none(), st.text(max_size=12)),
)
ascii_names = st.lists(
    st.text(alphabet="abcdejlmnorsty", min_size=1, max_size=7), min_size=1, max_size=3
).map(" ".join)


@given(names, names)
def test_symmetric(a: str | None, b: str | None) -> None:
    assert names_agree(a, b) == names_agree(b, a)


@given(ascii_names, ascii_names)
def test_symmetric_on_similar_words(a: str, b: str) -> None:
    assert names_agree(a, b) == names_agree(b, a)


@given(names)
def test_reflexive(a: str | None) -> None:
    assert names_agree(a, a)


@given(names)
def test_none_agrees_with_all(a: str | None) -> None:
    assert names_agree(None, a)
    assert names_agree(a, None)


@given(st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_key_is_folded_or_none(first: str | None, last: str | None) -> None:
    folded = name_key(first, last)
    if folded is not None:
        assert folded == folded.strip()
        assert "  " not in folded
        assert folded == name_key(None, folded)


def test_a_swap_is_the_same_two_letters_exchanged_either_way() -> None:
    assert names_agree("ann", "nan") and names_agree("nan", "ann")
    assert not names_agree("02", "21") and not names_agree("21", "02")


def test_compatibility_letters_fold_like_plain_ones() -> None:
    assert name_key(None, "\U0001d400nn") == name_key(None, "ann") == "ann"
