"""Bulk imports of provider files: streamed, batched, checkpointed, with a rejects file.

``import_file(service, path, provider=..., fmt=..., ...)`` is the library entry point (the
CLI's ``graph-identity import`` and the quality benchmark call it).
"""

from graph_identity.imports.errors import ImportInputError
from graph_identity.imports.runner import (
    FORMATS,
    ImportJob,
    ImportProgress,
    ImportReport,
    import_file,
    prepare_import,
    run_import,
)

__all__ = [
    "FORMATS",
    "ImportInputError",
    "ImportJob",
    "ImportProgress",
    "ImportReport",
    "import_file",
    "prepare_import",
    "run_import",
]
