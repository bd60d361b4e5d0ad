"""The labelled data sets, converted to flat-CSV rows (one record per source row).

Each source file becomes one provider (FEBRL 4a vs 4b, Fodor's vs Zagat's), so the engine
sees what a business sees: records from several systems about the same people. The bulk
import takes known providers only, so a source file is imported as one of those that read
the flat record CSV (``SOURCE_PROVIDER``). Columns are those of
:mod:`graph_identity.adapters.flat`; the ground truth stays beside the rows and is never
written into them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph_identity.adapters.flat import COLUMNS
from graph_identity.config import Policy
from graph_identity.models import record_key

FlatRow = dict[str, str]

SOURCE_PROVIDER: dict[str, str] = {
    "febrl3": "manual",
    "febrl_4a": "shopify",
    "febrl_4b": "woocommerce",
    "fake1000": "manual",
    "fodors": "shopify",
    "zagats": "woocommerce",
    "generated_a": "manual",
    "generated_b": "shopify",
    "generated_c": "woocommerce",
}
"""Source file → the provider it is imported as (both read the flat record CSV)."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of a source file: its flat-CSV form and its true entity."""

    row_id: str
    entity: str
    source: str
    flat: FlatRow
    extra: dict[str, str] = field(default_factory=dict)
    """Fields of the source the record model has no place for (``dob``, a ``city`` without
    a street), which only splink's probabilistic baseline compares."""

    @property
    def provider(self) -> str:
        return SOURCE_PROVIDER[self.source]

    @property
    def record_key(self) -> str:
        """The record the row becomes; rows sharing a provider id share one record."""
        return record_key(self.provider, self.flat["external_id"])


@dataclass(frozen=True, slots=True)
class EngineVariant:
    """One more engine run on a data set: a policy with settings overrides, and its label.

    An override must be justified by what is known of the data without its labels (how the
    sources were made), never tuned against the scores.
    """

    label: str
    """The method column, e.g. ``graph-identity, strict, phone limit 2``."""
    policy: Policy
    overrides: tuple[tuple[str, object], ...]
    """``(Settings field, value)`` pairs applied over the benchmark's settings."""


@dataclass(frozen=True, slots=True)
class LabelledSet:
    name: str
    kinds: tuple[str, ...]
    """The identifier kinds its rows carry (``email``, ``phone``, ``address``)."""
    rows: tuple[SourceRow, ...]
    provider_ids: bool = False
    """Whether rows share provider ids (then they share a record)."""
    variants: tuple[EngineVariant, ...] = ()
    """Engine runs beyond strict and connected with the default settings."""

    @property
    def identifiers(self) -> str:
        return ", ".join((*self.kinds, *(["provider id"] if self.provider_ids else [])))

    @property
    def providers(self) -> list[str]:
        return list(dict.fromkeys(row.provider for row in self.rows))

    @property
    def sources(self) -> str:
        """``source as provider`` for each source file, for the report."""
        pairs = dict.fromkeys((row.source, row.provider) for row in self.rows)
        return ", ".join(f"{source} as {provider}" for source, provider in pairs)

    def truth(self) -> dict[str, str]:
        return {row.row_id: row.entity for row in self.rows}

    def write_csvs(self, directory: Path) -> list[tuple[str, Path]]:
        """One flat CSV per provider, rows in source order; ``(provider, path)`` pairs."""
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for provider in self.providers:
            path = directory / f"{provider}.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="raise")
                writer.writeheader()
                writer.writerows(row.flat for row in self.rows if row.provider == provider)
            written.append((provider, path))
        return written


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, skipinitialspace=True):
            yield {key.strip(): (value or "").strip() for key, value in row.items()}


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _febrl_flat(row: dict[str, str], external_id: str) -> FlatRow:
    """A FEBRL person: the recipient name and the Australian address make the hash."""
    return {
        "external_id": external_id,
        "first_name": row["given_name"],
        "last_name": row["surname"],
        "address_name": _join(row["given_name"], row["surname"]),
        "address_line1": _join(row["street_number"], row["address_1"]),
        "address_line2": row["address_2"],
        "city": row["suburb"],
        "region": row["state"],
        "postal_code": row["postcode"],
        "country": "AU",
    }


def _febrl_extra(row: dict[str, str]) -> dict[str, str]:
    """The date of birth, ``19151111`` as ``1915-11-11`` (splink parses it; an impossible
    date such as month 92 becomes null there)."""
    dob = row["date_of_birth"]
    return {"dob": f"{dob[:4]}-{dob[4:6]}-{dob[6:]}" if len(dob) == 8 else ""}


def _febrl_entity(rec_id: str) -> str:
    """``rec-12-org`` and ``rec-12-dup-0`` are person 12."""
    return rec_id.split("-")[1]


def febrl3(root: Path, *, ssn_as_id: bool) -> LabelledSet:
    """FEBRL dataset3, by address; with ``ssn_as_id`` the ``soc_sec_id`` is the provider id.

    As a provider id, rows with one ``soc_sec_id`` are one record (a provider sending the
    same customer again): the later row updates it and its address replaces the earlier one.
    """
    rows = tuple(
        SourceRow(
            row_id=row["rec_id"],
            entity=_febrl_entity(row["rec_id"]),
            source="febrl3",
            flat=_febrl_flat(row, row["soc_sec_id"] if ssn_as_id else row["rec_id"]),
            extra=_febrl_extra(row),
        )
        for row in _read(root / "febrl" / "dataset3.csv")
    )
    if ssn_as_id:
        return LabelledSet("FEBRL dataset3 (address + soc_sec_id)", ("address",), rows, True)
    return LabelledSet("FEBRL dataset3 (address)", ("address",), rows)


def febrl4(root: Path) -> LabelledSet:
    rows = tuple(
        SourceRow(
            row_id=f"{source}:{row['rec_id']}",
            entity=_febrl_entity(row["rec_id"]),
            source=source,
            flat=_febrl_flat(row, row["rec_id"]),
            extra=_febrl_extra(row),
        )
        for source, name in (("febrl_4a", "dataset4a.csv"), ("febrl_4b", "dataset4b.csv"))
        for row in _read(root / "febrl" / name)
    )
    return LabelledSet("FEBRL 4a+4b", ("address",), rows)


def fake_1000(root: Path) -> LabelledSet:
    """splink's fake_1000: names, a city without a street (no address), and email."""
    rows = tuple(
        SourceRow(
            row_id=row["unique_id"],
            entity=row["cluster"],
            source="fake1000",
            flat={
                "external_id": row["unique_id"],
                "first_name": row["first_name"],
                "last_name": row["surname"],
                "email": row["email"],
            },
            extra={"dob": row["dob"], "city": row["city"]},
        )
        for row in _read(root / "splink_fake_1000" / "fake_1000.csv")
    )
    return LabelledSet("splink fake_1000", ("email",), rows)


PHONE_LIMIT_2 = EngineVariant(
    "graph-identity, strict, phone limit 2", Policy.STRICT, (("max_records_per_phone", 2),)
)
"""Each guide lists a restaurant once, so one restaurant's phone is on at most two records
(one per guide); a phone on three or more is shared by several restaurants (a hotel's
switchboard). Known from how the guides are made, not from the labels."""


def fodors_zagats(root: Path) -> LabelledSet:
    """Two restaurant guides. A restaurant's name is the record's name (in ``last_name``, as a
    shop export carries a company-only customer) and the address's recipient name."""
    folder = root / "fodors_zagats"
    same_as = {
        f"zagats:{row['zagats_id']}": f"fodors:{row['fodors_id']}"
        for row in _read(folder / "matches_fodors_zagats.csv")
    }
    rows = []
    for source in ("fodors", "zagats"):
        for row in _read(folder / f"{source}.csv"):
            row_id = f"{source}:{row['id']}"
            rows.append(
                SourceRow(
                    row_id=row_id,
                    entity=same_as.get(row_id, row_id),
                    source=source,
                    flat={
                        "external_id": row["id"],
                        "phone": row["phone"],
                        "last_name": row["name"],
                        "address_name": row["name"],
                        "address_line1": row["addr"],
                        "city": row["city"],
                        "country": "US",
                    },
                )
            )
    return LabelledSet(
        "Fodor's/Zagat's", ("phone", "address"), tuple(rows), variants=(PHONE_LIMIT_2,)
    )


def all_sets(root: Path) -> list[LabelledSet]:
    return [
        febrl3(root, ssn_as_id=False),
        febrl3(root, ssn_as_id=True),
        febrl4(root),
        fake_1000(root),
        fodors_zagats(root),
    ]
