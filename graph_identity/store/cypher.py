"""Every Cypher statement lives in ``cypher/*.cypher`` and is loaded here by name.

An installed wheel carries the files as ``graph_identity/_cypher``; a source checkout reads
the repository's ``cypher/`` directly, so analysts and the service use the very same text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from graph_identity.errors import GraphIdentityError

_PACKAGED = Path(__file__).resolve().parents[1] / "_cypher"
_SOURCE = Path(__file__).resolve().parents[2] / "cypher"
_NAME = re.compile(r"^[a-z0-9_]+(/[a-z0-9_]+)*$")


class CypherNotFound(GraphIdentityError):
    pass


def cypher_dir() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE


@cache
def load(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (``name`` may include a sub-directory)."""
    if not _NAME.match(name):
        raise CypherNotFound(f"not a Cypher file name: {name!r}")
    path = cypher_dir() / f"{name}.cypher"
    if not path.is_file():
        raise CypherNotFound(f"no Cypher file {path}")
    return path.read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a multi-statement file, split on ``;`` at the end of a line."""
    text = "\n".join(line for line in load(name).splitlines() if not line.lstrip().startswith("//"))
    return [part.strip() for part in re.split(r";\s*$", text, flags=re.M) if part.strip()]
