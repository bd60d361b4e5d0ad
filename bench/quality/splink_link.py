"""splink deterministic linking, run in the benchmark's own virtualenv (not the service's).

    python splink_link.py INPUT.csv OUTPUT.csv COLUMN [COLUMN ...]

Rows of INPUT are linked when they agree exactly on any one COLUMN (an empty value never
agrees); pairs are clustered transitively by splink. Writes ``unique_id,cluster_id`` to
OUTPUT and prints the seconds splink took on its last line.
"""

from __future__ import annotations

import sys
import time

import pandas as pd
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


def main(source: str, target: str, columns: list[str]) -> None:
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame = frame.replace("", None)
    started = time.perf_counter()
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[block_on(column) for column in columns],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(frame, settings, db_api=DuckDBAPI())
    pairs = linker.inference.deterministic_link()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pairs)
    result = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    seconds = time.perf_counter() - started
    result.to_csv(target, index=False)
    print(f"{seconds:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
