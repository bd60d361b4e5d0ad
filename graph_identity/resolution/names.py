"""Do two records' names plausibly name the same person (or business)?

Used to spot a shared phone: a household's landline, a hotel switchboard, a store phone a
cashier types for walk-ins. When the records on one phone carry names that disagree, the
phone is evidence of a place, not of a person, and must not glue the records together.

The test is deliberately forgiving, because a wrong "disagree" costs a true link while a
wrong "agree" only keeps the phone as linking as it is today. Two names agree when every
word of the shorter one finds its own word in the longer one, a word matching a word when:

- they are equal, or equal with one of them cut short (``deli`` / ``delicatessen``,
  at least three letters kept), or one is the other's initial (``j`` / ``john``);
- they are a typo apart: one edit (insert, delete, substitute, or swap of two neighbours)
  for words of four or five letters, two for longer words (``jayden`` / ``jayaned``
  agree); three-letter words allow only a swap of neighbours, since ``ann`` / ``amy`` are
  different people;
- they sound alike and are two edits apart at most, both of four letters or more: the same
  Metaphone code (``zara`` / ``sarah`` / ``sahra``, ``mary`` / ``marie``, ``alan`` /
  ``allen``), but not ``john`` / ``jane`` (three edits) — spelling variants a cashier
  types from hearing a name.

Word order is free (first and last name swapped, ``hotel bel air`` / ``bel air hotel``) and
the longer name may carry extra words (a middle name, ``the``, ``restaurant``). Names that
only differ in where the spaces fall (``steakhouse`` / ``steak house``) agree too. A record
without a name is no evidence and agrees with every name.

So ``mary smith`` / ``john smith`` disagree (``mary`` finds no word), as do
``ritz carlton cafe`` / ``ritz carlton dining room``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish

_APOSTROPHES_AND_DOTS = re.compile(r"['\u2019\u2018`\u00b4.]")
_PARENTHESES = re.compile(r"\([^()]*\)")
_NON_WORD = re.compile(r"[\W_]+")

_MIN_PREFIX = 3
_MIN_SOUNDALIKE = 4
"""Words compared by sound keep at least this many letters (``jon`` / ``joan`` do not)."""
"""A word cut short must keep this many letters to match (``deli``; not ``jo`` / ``john``)."""


def _fold(text: str) -> str:
    """Case-folded, accents stripped, apostrophes and dots dropped, other punctuation spaced."""
    # Decomposed before folding too: compatibility forms (a mathematical bold A) fold only
    # once they are plain letters.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = _APOSTROPHES_AND_DOTS.sub("", plain)
    return " ".join(_NON_WORD.sub(" ", plain).split())


@lru_cache(maxsize=65_536)
def name_key(first_name: str | None, last_name: str | None) -> str | None:
    """The comparable form of a record's name, or None when it has no letters or digits.

    A note in parentheses (``Le Chardonnay (Los Angeles)``, ``Jane Doe (gift)``) is
    dropped when a name remains without it: it qualifies the name, it is not part of it.
    """
    raw = " ".join(part for part in (first_name, last_name) if part)
    without_notes = _fold(_PARENTHESES.sub(" ", raw))
    return without_notes or _fold(raw) or None


def _edits_within(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` becomes ``b`` in at most ``limit`` edits (swaps of neighbours count 1)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def _is_swap(a: str, b: str) -> bool:
    """``a`` is ``b`` with two neighbouring letters swapped."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    return a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _words_match(a: str, b: str) -> bool:
    """Whether two words may be one word: equal, cut short, an initial, a typo apart, or
    sounding alike."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if long.startswith(short) and (len(short) == 1 or len(short) >= _MIN_PREFIX):
        return True
    if len(long) <= 3:
        return _is_swap(a, b)
    if len(short) < 3:
        return False
    if _edits_within(a, b, _typo_limit(long)):
        return True
    return len(short) >= _MIN_SOUNDALIKE and _sound_alike(a, b) and _edits_within(a, b, 2)


def _sound_alike(a: str, b: str) -> bool:
    return bool(jellyfish.metaphone(a)) and jellyfish.metaphone(a) == jellyfish.metaphone(b)


def _typo_limit(long: str) -> int:
    """One edit for words of up to five letters, two for longer ones."""
    return 1 if len(long) <= 5 else 2


def _covers(short: list[str], long: list[str]) -> bool:
    """Whether each word of ``short`` matches its own word of ``long`` (bipartite matching)."""
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j, word in enumerate(long):
            if j in seen or not _words_match(short[i], word):
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    return all(place(i, set()) for i in range(len(short)))


def names_agree(a: str | None, b: str | None) -> bool:
    """Whether two name keys (from :func:`name_key`) may name the same person or business.

    Symmetric and reflexive; None (no name) agrees with everything.
    """
    if a is None or b is None or a == b:
        return True
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    words_a, words_b = a.split(), b.split()
    if len(words_a) > len(words_b):
        words_a, words_b = words_b, words_a
    return _covers(words_a, words_b)
