"""Postal addresses: folded to one canonical string, then hashed.

Folding: Unicode NFKD with accents stripped, case-folded, apostrophes, periods and hyphens
removed (``O'Brien`` = ``OBrien``, ``P.O.`` = ``PO``), other punctuation turned into spaces,
whitespace collapsed. In the street, common street-type, direction and unit words are
unified (``Street``/``Str``/``St.`` → ``st``, ``Apartment``/``Apt``/``#`` → ``apt``,
``Suite``/``Ste`` → ``ste``, ``North`` → ``n``; ``Unit`` stays ``unit``).

The canonical string is ``name|street|city|region|postal|country``:

- the recipient name is part of it, and so is the second address line: two flats at one
  street address, or two people at one house, are different identities. Line 1 and line 2
  are joined into one street part, so "123 Main St" + "Apt 4" and "123 Main St #4" agree;
- the region is a code where the country's regions are known (``California`` → ``ca``);
- the country is an ISO 3166 alpha-2 code (``United States``/``USA`` → ``US``); a name not
  in the table is kept folded, and an empty country stays empty (unknown);
- postal codes are strings, never numbers, and keep their leading zeros: ``02134`` is
  Boston, while ``2134`` (a ZIP read as a number by a spreadsheet) is no US ZIP at all and
  is reported rather than guessed. US ZIP+4 is cut to the 5-digit ZIP, since providers
  disagree on whether to send the +4. Elsewhere spaces are dropped (``SW1A 1AA`` = ``sw1a1aa``).

The identifier value is the SHA-256 hex digest of the canonical string.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from importlib import resources
from typing import Any

import phonenumbers

from graph_identity.models import PostalAddress
from graph_identity.normalize.errors import InvalidValue

ADDRESS_RULE = "address.v1"

_JOINERS = re.compile(r"['`.\-\u2019\u02bc\u2010-\u2015\u2212]")
_SEPARATORS = re.compile(r"[^\w#]|_")


def fold(text: str) -> str:
    """Case, accents, punctuation and whitespace folded away.

    Accents are stripped again after case folding, which can add combining marks
    (``İ`` folds to ``i`` + U+0307); without that, folding twice would not be folding once.
    """
    text = _strip_accents(_strip_accents(text).casefold())
    text = _SEPARATORS.sub(" ", _JOINERS.sub("", text)).replace("#", " # ")
    return " ".join(text.split())


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _load_data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("address_data.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


_DATA = _load_data()
_STREET_WORDS: dict[str, str] = {
    fold(variant): canonical
    for canonical, variants in _DATA["street_words"].items()
    for variant in variants
}
_UNIT_DESIGNATORS = frozenset(_DATA["unit_designators"])
_ZIP_COUNTRIES = frozenset(_DATA["zip_countries"])
_COUNTRIES: dict[str, str] = {
    fold(name): code for code, names in _DATA["countries"].items() for name in names
}
_REGIONS: dict[str, dict[str, str]] = {
    country: {
        key: code.lower() for code, name in regions.items() for key in (fold(code), fold(name))
    }
    for country, regions in _DATA["regions"].items()
}


def _street(line1: str, line2: str) -> str:
    words: list[str] = []
    for token in f"{line1} {line2}".split():
        word = _STREET_WORDS.get(token, token)
        if word == "#":
            if words and words[-1] in _UNIT_DESIGNATORS:
                continue
            word = "apt"
        words.append(word)
    return " ".join(words)


def _country(raw: str | None) -> str:
    folded = fold(raw or "")
    code = folded.upper()
    if len(code) == 2 and code in phonenumbers.SUPPORTED_REGIONS:
        return code
    return _COUNTRIES.get(folded, folded)


def _postal(folded: str, country: str) -> str:
    compact = folded.replace(" ", "")
    if country not in _ZIP_COUNTRIES or not compact:
        return compact
    if re.fullmatch(r"\d{5}(\d{4})?", compact, flags=re.ASCII) is None:
        raise InvalidValue("US ZIP code must have 5 digits, or 9 for ZIP+4", field="postal_code")
    return compact[:5]


def canonical_address(addr: PostalAddress) -> str:
    """The canonical string of ``addr``, or :class:`InvalidValue` when it is not usable.

    Usable means a street line, or else a postal code with a recipient name: a postal code
    alone would tie together everyone who lives in it.
    """
    name = fold(addr.name or "")
    line1 = fold(addr.line1 or "")
    postal = fold(addr.postal_code or "")
    if not line1 and not (postal and name):
        raise InvalidValue("address needs a street line, or a postal code and a name")
    country = _country(addr.country)
    region = fold(addr.region or "")
    region = _REGIONS.get(country, {}).get(region, region)
    parts = (
        name,
        _street(line1, fold(addr.line2 or "")),
        fold(addr.city or ""),
        region,
        _postal(postal, country),
        country,
    )
    return "|".join(parts)


def address_hash(canonical: str) -> str:
    """SHA-256 hex digest of a canonical address string: the identifier value."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
