"""Resolution quality on labelled data, against union-find and splink baselines.

    python bench/quality.py [--datasets DIR] [--no-splink]

Starts its own Neo4j (or uses NEO4J_URI — whose data it wipes). Each labelled set in
``DIR`` (default ``../shared/datasets``) is converted to flat CSVs, one per source file and
provider, imported under the strict and the connected policy, and the customers are read
back from Neo4j. In the same run the baselines cluster the same rows: union-find in
networkx on the normalized identifiers, and splink on DuckDB (in its own virtualenv,
``bench/.venv-splink``, created on first use), both its probabilistic model and its
deterministic linking. Writes the "Resolution quality" section of docs/benchmarks.md; its
reading is computed from the figures (:mod:`bench.quality.reading`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DATASETS, bench_server, write_section
from bench.quality.baselines import ensure_splink_venv
from bench.quality.contradictions import contradictions
from bench.quality.datasets import LabelledSet, all_sets
from bench.quality.evaluate import Evaluation, evaluate
from bench.quality.metrics import pair_score
from bench.quality.reading import reading
from bench.quality.report import (
    MISS_HEADER,
    SCORE_HEADER,
    detail_line,
    miss_rows,
    number,
    score_rows,
)

TITLE = "Resolution quality"
U_PAIRS, RECALL, THRESHOLD = 3e5, 0.7, 0.95
"""``splink_link``'s settings, for the text (that module imports splink, which the service's
environment does not have)."""
PRECISION_TARGET = 0.99


def splink_python(enabled: bool) -> Path | None:
    if not enabled:
        return None
    try:
        return ensure_splink_venv()
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"splink baseline unavailable: {exc}", file=sys.stderr)
        return None


def below_target(evaluations: list[Evaluation]) -> list[str]:
    """Engine runs under the precision target, as ``set (policy): precision``."""
    return [
        f"{e.labelled.name} ({r.method}): {number(r.score.precision)}"
        for e in evaluations
        for r in e.results
        if r.method.startswith("graph-identity")
        and r.score is not None
        and r.score.precision is not None
        and r.score.precision < PRECISION_TARGET
    ]


def true_pairs(labelled: LabelledSet) -> int:
    truth = labelled.truth()
    return pair_score(truth, truth).actual


def set_row(labelled: LabelledSet) -> str:
    return (
        f"| {labelled.name} | {len(labelled.rows):,} | {len(set(labelled.truth().values())):,} "
        f"| {true_pairs(labelled):,} | {labelled.sources} | {labelled.identifiers} |"
    )


def body(evaluations: list[Evaluation]) -> str:
    sets = "\n".join(set_row(e.labelled) for e in evaluations)
    scores = "\n".join(row for e in evaluations for row in score_rows(e.labelled.name, e.results))
    misses = "\n".join(
        row
        for e in evaluations
        for row in miss_rows(e.labelled.name, e.misses, true_pairs(e.labelled))
    )
    details = "\n".join(filter(None, (detail_line(e.labelled.name, e.misses) for e in evaluations)))
    failing = below_target(evaluations)
    verdict = (
        f"Precision target ({PRECISION_TARGET}) missed by: {'; '.join(failing)}."
        if failing
        else f"Every engine run reaches the precision target of {PRECISION_TARGET}."
    )
    return f"""
Each labelled set is converted to flat CSVs, one file and provider per source file, imported
with `graph_identity.imports.import_file` (the bulk import behind `graph-identity import`)
under each policy on a wiped graph, and each row's customer is read back from Neo4j
(`cypher/bench/record_customers.cypher`). Pairwise scores over source rows: a predicted pair
is two rows in the same customer, a true pair two rows of the same entity. A held record
(ambiguous under the strict policy, waiting for a person) counts as a singleton, so holding
costs recall, never precision. A run that opened conflicts is followed by a row **after
review**: a reviewer who knows the labels settles every open conflict through the decision
API a person uses (`bench/quality/review.py`: merge when every candidate customer is the
record's person, assign when one is, keep apart when none is), and the customers are read
back again; its method says the decisions taken, its seconds are the review's.
Union-find in networkx joins rows sharing any identifier or record, over the very
identifiers the library's normalizers produce (no ambiguity handling, no blocklist, no
per-kind limit). splink 4 on DuckDB runs twice. **splink probabilistic**, the baseline the
ratios use, is the Fellegi-Sunter model as splink's tutorials build it, trained without
labels and with the same settings on every set (`bench/quality/splink_link.py`): first name
and surname by Jaro-Winkler levels, date of birth by splink's date comparison, email by its
email comparison, street, address line 2, city and postcode by Levenshtein distance, phone,
state and the provider id (where rows share one) exactly; u by random sampling of
{U_PAIRS:,.0f} pairs, m by expectation maximisation, the prior from exact keys with an assumed
recall of {RECALL}; candidate pairs from exact blocks on each identifier, the surname, first
name and city, date of birth, postcode and street; pairs at a match probability of
{THRESHOLD} or more are clustered transitively. It compares fields the engine is not given
here: the date of birth (FEBRL, fake_1000; the record model carries one, but only as
evidence against a link, and these sets' dates differ within a true pair far more often than
a typo would: 1,175 of fake_1000's 2,031 true pairs, by 1 or 10 years or a few days) and
fake_1000's city without a street. **splink
deterministic** links rows equal on any one identifier key, as union-find does. Seconds:
import and resolution for the engine, clustering alone for union-find, training, scoring
and clustering for splink.

| data set | rows | entities | true pairs | source files imported as | identifiers used |
|---|---|---|---|---|---|
{sets}

{SCORE_HEADER}
{scores}

{verdict}

Missed and wrong pairs of the strict policy, by how the two rows' identifiers compare
(counts only; no value from the data is printed):

{MISS_HEADER}
{misses}

{details}

{reading([(e.labelled.name, e.results) for e in evaluations])}

Why the figures are what they are is written by hand once, outside this generated section:
"Reading the resolution quality figures".
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", type=Path, default=DATASETS)
    parser.add_argument("--no-splink", action="store_true", help="skip the splink baseline")
    args = parser.parse_args()
    python = splink_python(not args.no_splink)
    evaluations = []
    with bench_server() as bench, tempfile.TemporaryDirectory() as tmp:
        for labelled in [*all_sets(args.datasets), contradictions()]:
            workdir = Path(tmp) / labelled.name.replace(" ", "_").replace("/", "_")
            evaluation = evaluate(labelled, bench.driver, bench.settings, workdir, python)
            evaluations.append(evaluation)
            for row in score_rows(labelled.name, evaluation.results):
                print(row, flush=True)
    command = "python bench/quality.py" + (" --no-splink" if args.no_splink else "")
    write_section(TITLE, body(evaluations), command)


if __name__ == "__main__":
    main()
