"""cypher/browser/style.grass: a caption and a colour for every label the service writes,
captions that show no raw personal value, and a file Browser's parser takes whole."""

from __future__ import annotations

import re

from graph_identity.store.cypher import cypher_dir
from tests.analyst.neo4j_browser import grass_rules

LABELS = (
    "Customer", "Record", "Email", "Phone", "AddressHash",
    "Conflict", "Decision", "Event", "Order", "Tombstone",
)  # fmt: skip
HEX = re.compile(r"^#[0-9A-F]{6}$")


def style() -> dict[str, dict[str, str]]:
    return grass_rules((cypher_dir() / "browser" / "style.grass").read_text(encoding="utf-8"))


def test_every_label_has_a_caption_and_colours() -> None:
    rules = style()
    for label in LABELS:
        rule = rules[f"node.{label}"]
        assert HEX.match(rule["color"]) and HEX.match(rule["border-color"]), label
        assert re.fullmatch(r"\{\w+\}", rule["caption"]), label
    colours = [rules[f"node.{label}"]["color"] for label in LABELS]
    assert len(set(colours)) == len(colours)  # each label reads apart at a glance


def test_captions_never_show_raw_identifier_values() -> None:
    rules = style()
    for label in ("Identifier", "Email", "Phone", "AddressHash"):
        assert rules[f"node.{label}"]["caption"] == "{masked}"
    assert all("value" not in rule.get("caption", "") for rule in rules.values())
    assert all("canonical" not in rule.get("caption", "") for rule in rules.values())


def test_the_file_is_only_rules() -> None:
    """Browser's GraSS parser knows no comments: everything must sit inside a rule."""
    text = (cypher_dir() / "browser" / "style.grass").read_text(encoding="utf-8")
    leftover = re.sub(r'[\w.]+\s*\{(?:[^{}"]|"[^"]*")*\}', "", text)
    assert leftover.strip() == ""
    assert {"node", "relationship"} <= set(style())
