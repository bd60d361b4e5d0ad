"""Column maps: rename (and join) a CSV's columns into the columns an adapter reads.

A map is written ``source=target,source+source=target,…``: each target column gets the
source column's value, or the non-blank values of several source columns joined by a
space. With a map, only mapped columns are read; the others are reported by name as
ignored (never their values). Presets name maps for known datasets:

- ``febrl``: the FEBRL synthetic person files (``rec_id, given_name, surname,
  street_number, address_1, address_2, suburb, postcode, state, date_of_birth,
  soc_sec_id``) to the flat record CSV. The date of birth (``19700301``) becomes
  ``birth_date``, evidence that tells two people apart but never links them; the national id
  has no place in the record model and is ignored. A person is identified by the address,
  whose hash includes the name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph_identity.imports.errors import ImportInputError

PRESETS: dict[str, str] = {
    "febrl": (
        "rec_id=external_id,given_name=first_name,surname=last_name,"
        "given_name+surname=address_name,street_number+address_1=address_line1,"
        "address_2=address_line2,suburb=city,postcode=postal_code,state=region,"
        "date_of_birth=birth_date"
    ),
}


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Target column → the source columns whose values it joins."""

    targets: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def parse(cls, spec: str) -> ColumnMap:
        """Parse ``source=target,…`` or a preset name. :class:`ImportInputError` if malformed."""
        text = PRESETS.get(spec.strip(), spec)
        targets: dict[str, tuple[str, ...]] = {}
        for item in text.split(","):
            if not item.strip():
                continue
            sources, equals, target = item.partition("=")
            names = tuple(s.strip() for s in sources.split("+"))
            if not equals or not target.strip() or not all(names):
                raise ImportInputError(
                    "map", "expected source=target or source+source=target items"
                )
            if target.strip() in targets:
                raise ImportInputError("map", f"target column {target.strip()!r} mapped twice")
            targets[target.strip()] = names
        if not targets:
            raise ImportInputError("map", "empty column map")
        return cls(tuple(targets.items()))

    @property
    def sources(self) -> set[str]:
        return {source for _, names in self.targets for source in names}

    def check(self, columns: Sequence[str], allowed_targets: Sequence[str] | None) -> list[str]:
        """Validate against a file's header; returns the ignored (unmapped) columns."""
        missing = sorted(self.sources - set(columns))
        if missing:
            raise ImportInputError("map", f"columns not in the file header: {', '.join(missing)}")
        if allowed_targets is not None:
            unknown = sorted({t for t, _ in self.targets} - set(allowed_targets))
            if unknown:
                raise ImportInputError("map", f"not record columns: {', '.join(unknown)}")
        return [c for c in columns if c not in self.sources]

    def apply(self, row: Mapping[str, Any]) -> dict[str, str | None]:
        mapped: dict[str, str | None] = {}
        for target, names in self.targets:
            parts = [str(row[n]).strip() for n in names if row.get(n) and str(row[n]).strip()]
            mapped[target] = " ".join(parts) or None
        return mapped
